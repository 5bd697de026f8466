/**
 * The native file dialogs, each answering a path or null (cancelled). The
 * filters and titles live here; what happens with the path is decided by
 * the Electron-free services (`project-session.ts`, `studio-controller.ts`).
 */
import { dialog, type BrowserWindow, type FileFilter } from 'electron';
import type { ExportFormat } from '../core/engine/protocol';
import type { ControllerDialogs } from './services/studio-controller';
import type { SessionDialogs } from './services/project-session';

const CSV: FileFilter[] = [
  { name: 'CSV and text tables', extensions: ['csv', 'tsv', 'tab', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];
const PROJECT: FileFilter[] = [{ name: 'Backprop Studio project', extensions: ['bpstudio'] }];
const EXPORT_FILTERS: Readonly<Record<ExportFormat, FileFilter[]>> = {
  native: [{ name: 'Backprop Studio model', extensions: ['json'] }],
  onnx: [{ name: 'ONNX model', extensions: ['onnx'] }],
  tfjs: [{ name: 'TensorFlow.js model (model.json + weights.bin)', extensions: ['json'] }],
  python: [{ name: 'Python (NumPy)', extensions: ['py'] }],
  js: [{ name: 'JavaScript module', extensions: ['mjs', 'js'] }],
};

/** The dialogs of the studio window. */
export function nativeDialogs(window: () => BrowserWindow | null): SessionDialogs & ControllerDialogs {
  const open = async (title: string, filters: FileFilter[], defaultPath?: string): Promise<string | null> => {
    const win = window();
    const options = { title, filters, properties: ['openFile' as const], ...(defaultPath ? { defaultPath } : {}) };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  const save = async (title: string, filters: FileFilter[], defaultPath: string): Promise<string | null> => {
    const win = window();
    const options = { title, filters, defaultPath, properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  return {
    openDataset: () => open('Open Dataset', CSV),
    openProject: () => open('Open Project', PROJECT),
    saveProject: (defaultPath) => save('Save Project', PROJECT, defaultPath),
    locateDataset: (name, defaultPath) => open(`Locate “${name}”`, CSV, defaultPath),
    saveExport: (defaultPath, format) => save('Export Model', EXPORT_FILTERS[format], defaultPath),
    openPredictInput: () => open('Predict: choose a CSV with the input columns', CSV),
    savePredictions: (defaultPath) => save('Save Predictions', [{ name: 'CSV', extensions: ['csv'] }], defaultPath),
  };
}
