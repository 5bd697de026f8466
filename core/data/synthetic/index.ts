/** Seeded Playground-style 2-D datasets: generators, CSV writer, registry. */
export * from './types';
export * from './classification';
export * from './regression';
export * from './csv';
export * from './registry';
