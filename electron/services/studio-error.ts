/**
 * A failure whose message is written for the user ("Cannot save iris.bpstudio:
 * the disk is full."). IPC hands it to the renderer as it is; any other
 * thrown error is reported with the channel's name, as a fault of the app.
 */
export class StudioError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StudioError';
  }
}
