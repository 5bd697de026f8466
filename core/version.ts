/** The engine's version: bumped when training results or file formats change. */
export const ENGINE_VERSION = '0.1.0';

/** The product name, as people see it. */
export const APP_NAME = 'Backprop Studio';
