import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseModelFile } from '../../../../core/model-io/model-file';
import type { ExportFormat } from '../../../../core/engine/protocol';
import { createAutosave, type AutosaveTimers } from '../../../../electron/services/autosave';
import { createProjectSession } from '../../../../electron/services/project-session';
import { openRecentFiles } from '../../../../electron/services/recent-files';
import { openSettings } from '../../../../electron/services/settings';
import { NOT_A_DISK_FILE, createStudioController } from '../../../../electron/services/studio-controller';
import type { IpcImplementations } from '../../../../electron/ipc/handlers';
import { studioEngine, type StudioEngine } from '../../../helpers/studio-engine';
import { IRIS_PREP, IRIS_SPEC, IRIS_TRAIN } from '../../engine/engine-harness';

const IRIS = join(import.meta.dirname, '../../../../examples/iris.csv');

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'bps-controller-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

interface Rig {
  c: IpcImplementations;
  engine: StudioEngine;
  answers: Record<string, string | null>;
  notices: string[];
  tick(): void;
  autosaveStarted(): boolean;
}

async function rig(dataDir = join(dir, 'data')): Promise<Rig> {
  const engine = studioEngine();
  const answers: Record<string, string | null> = {};
  const answer = async (key: string): Promise<string | null> => answers[key] ?? null;
  const notices: string[] = [];
  let callback: (() => void) | null = null;
  const timers: AutosaveTimers = { setInterval: (cb) => { callback = cb; return 1; }, clearInterval: () => { callback = null; } };
  const session = createProjectSession({
    engine, appVersion: '0.1.0', engineVersion: 'test', documentsDir: dir,
    dialogs: { openProject: () => answer('openProject'), saveProject: () => answer('saveProject'), locateDataset: () => answer('locateDataset') },
    onTitle: () => undefined, onRecent: (p) => { void recent.recentFiles.add(p); }, onNotice: (m) => notices.push(m),
  });
  const recent = await openRecentFiles({ file: join(dataDir, 'recent.json'), platform: 'linux' });
  const { settings } = await openSettings({ file: join(dataDir, 'settings.json'), locale: 'en-US' });
  const autosave = createAutosave({
    dir: dataDir, timers, onError: (e) => notices.push(e.message),
    getSnapshot: () => session.autosaveText(null),
  });
  const c = createStudioController({
    session, recent: recent.recentFiles, settings, autosave,
    dialogs: {
      openDataset: () => answer('openDataset'),
      saveExport: (_path: string, format: ExportFormat) => answer(`export-${format}`),
      openPredictInput: () => answer('predictInput'),
      savePredictions: () => answer('savePredictions'),
    },
    engineRequest: (request) => engine.request(request),
    connectEngine: () => 3,
    onTrainingMenu: () => undefined,
    onNotice: (m) => notices.push(m),
    appName: 'Backprop Studio', appVersion: '0.1.0', engineVersion: 'test', documentsDir: dir,
  });
  return { c, engine, answers, notices, tick: () => callback?.(), autosaveStarted: () => callback !== null };
}

async function train(r: Rig, csv: string): Promise<void> {
  await r.engine.renderer({ type: 'load-dataset', source: { kind: 'path', path: csv } });
  await r.engine.renderer({ type: 'configure-data', config: IRIS_PREP });
  await r.engine.renderer({ type: 'create-model', spec: IRIS_SPEC });
  await r.engine.renderer({ type: 'train-start', config: { ...IRIS_TRAIN, epochs: 2 } });
  await r.engine.whenIdle();
}

describe('studio controller', () => {
  it('answers app:info and engine:connect', async () => {
    const r = await rig();
    expect(await r.c['app:info']()).toEqual({ name: 'Backprop Studio', version: '0.1.0', engineVersion: 'test' });
    expect(await r.c['engine:connect']()).toEqual({ generation: 3 });
  });

  it('opens a dropped CSV as a dataset the engine may read, and refuses what is not a file on disk', async () => {
    const r = await rig();
    const csv = join(dir, 'iris.csv');
    await copyFile(IRIS, csv);
    expect(await r.c['file:dropped'](csv)).toEqual({ kind: 'dataset', dataset: { path: csv, name: 'iris.csv', size: (await readFile(IRIS)).length } });
    expect(r.engine.granted.has(csv)).toBe(true);
    await expect(r.c['file:dropped']('')).rejects.toThrow(NOT_A_DISK_FILE);
    await expect(r.c['file:dropped']('relative/iris.csv')).rejects.toThrow(NOT_A_DISK_FILE);
    await expect(r.c['file:dropped'](join(dir, 'gone.csv'))).rejects.toThrow(`Cannot open ${join(dir, 'gone.csv')}: the file does not exist (it may have been moved, renamed or deleted).`);
    await expect(r.c['file:dropped'](dir)).rejects.toThrow(`Cannot open ${dir}: it is a folder, not a file.`);
  });

  it('opens a dropped project, and opens recent projects only from the list', async () => {
    const r = await rig();
    const csv = join(dir, 'iris.csv');
    await copyFile(IRIS, csv);
    await r.c['dataset:open']();
    r.answers['openDataset'] = csv;
    expect(await r.c['dataset:open']()).toMatchObject({ path: csv });
    await train(r, csv);
    r.answers['saveProject'] = join(dir, 'p.bpstudio');
    await r.c['project:save']({ learn: {} });
    expect(await r.c['recent:list']()).toEqual([join(dir, 'p.bpstudio')]);

    const s = await rig();
    await expect(s.c['project:open-recent'](join(dir, 'p.bpstudio'))).rejects.toThrow('p.bpstudio is not in the list of recent projects.');
    expect(await s.c['file:dropped'](join(dir, 'p.bpstudio'))).toMatchObject({ kind: 'project', project: { engineState: 'model-ready' } });
    const t = await rig(join(dir, 'data'));
    expect(await t.c['project:open-recent'](join(dir, 'p.bpstudio'))).toMatchObject({ title: 'p.bpstudio', engineState: 'model-ready' });
    await t.c['recent:clear']();
    expect(await t.c['recent:list']()).toEqual([]);
  });

  it('exports the model in each format to the chosen file (TF.js weights beside it), and nothing when cancelled', async () => {
    const r = await rig();
    const csv = join(dir, 'iris.csv');
    await copyFile(IRIS, csv);
    await r.c['file:dropped'](csv);
    await train(r, csv);
    expect(await r.c['model:export']('onnx')).toBeNull();
    const out = join(dir, 'out');
    await mkdir(out);
    for (const [format, name] of [['native', 'm.json'], ['onnx', 'm.onnx'], ['tfjs', 'model.json'], ['python', 'm.py'], ['js', 'm.mjs']] as const) {
      r.answers[`export-${format}`] = join(out, name);
      expect(await r.c['model:export'](format)).toEqual({ path: join(out, name) });
    }
    expect((await readdir(out)).sort()).toEqual(['m.json', 'm.mjs', 'm.onnx', 'm.py', 'model.json', 'weights.bin']);
    expect(parseModelFile(await readFile(join(out, 'm.json'), 'utf8')).ok).toBe(true);
    const tfjs = JSON.parse(await readFile(join(out, 'model.json'), 'utf8')) as { weightsManifest: Array<{ paths: string[] }> };
    expect(tfjs.weightsManifest[0]?.paths).toEqual(['weights.bin']);
  });

  it('says why an export fails when there is no model', async () => {
    const r = await rig();
    r.answers['export-onnx'] = join(dir, 'm.onnx');
    await expect(r.c['model:export']('onnx')).rejects.toThrow('Cannot export the model: Load a dataset before exporting the model.');
  });

  it('predicts a chosen CSV and writes the predictions where the user says', async () => {
    const r = await rig();
    const csv = join(dir, 'iris.csv');
    await copyFile(IRIS, csv);
    await r.c['file:dropped'](csv);
    await train(r, csv);
    expect(await r.c['predictions:export']()).toBeNull();
    r.answers['predictInput'] = csv;
    r.answers['savePredictions'] = join(dir, 'pred.csv');
    expect(await r.c['predictions:export']()).toEqual({ path: join(dir, 'pred.csv'), rows: 150, warnings: [] });
    const lines = (await readFile(join(dir, 'pred.csv'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(151);
    expect(lines[0]).toContain('predicted(species)');
  });

  it('offers autosaved work after a crash, opens it when accepted, and starts autosave only once the user decided', async () => {
    const dataDir = join(dir, 'data');
    const r = await rig(dataDir);
    expect(await r.c['project:recovery']()).toBeNull();
    expect(r.autosaveStarted()).toBe(true);

    // A crashed session left an autosave behind.
    const csv = join(dir, 'iris.csv');
    await copyFile(IRIS, csv);
    const before = await rig(join(dir, 'other'));
    await before.c['file:dropped'](csv);
    await train(before, csv);
    before.answers['saveProject'] = join(dir, 'p.bpstudio');
    await before.c['project:save']({ learn: { fromCrash: true } });
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'autosave.bpstudio'), await readFile(join(dir, 'p.bpstudio')));

    const next = await rig(dataDir);
    expect(await next.c['project:recovery']()).toEqual({ savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(next.autosaveStarted()).toBe(false);
    const recovered = await next.c['project:recover'](true);
    expect(recovered).toMatchObject({ path: null, title: 'Untitled', recovered: true, engineState: 'model-ready', learn: { fromCrash: true } });
    expect(next.autosaveStarted()).toBe(true);

    const declined = await rig(dataDir);
    expect(await declined.c['project:recover'](false)).toBeNull();
    expect(await declined.c['project:recovery']()).toBeNull();
  });

  it('changes settings, and they persist for the next start', async () => {
    const r = await rig();
    expect(await r.c['settings:get']()).toEqual({ theme: 'system', language: 'en' });
    expect(await r.c['settings:set']({ language: 'zh-CN' })).toEqual({ theme: 'system', language: 'zh-CN' });
    const again = await rig();
    expect(await again.c['settings:get']()).toEqual({ theme: 'system', language: 'zh-CN' });
  });
});
