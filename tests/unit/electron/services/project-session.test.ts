import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProjectFile } from '../../../../electron/services/project-file';
import { createProjectSession, type ProjectSession, type SessionDialogs } from '../../../../electron/services/project-session';
import { studioEngine, type StudioEngine } from '../../../helpers/studio-engine';
import { IRIS_PREP, IRIS_SPEC, IRIS_TRAIN } from '../../engine/engine-harness';

const IRIS = join(import.meta.dirname, '../../../../examples/iris.csv');

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'bps-session-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

interface Setup {
  engine: StudioEngine;
  session: ProjectSession;
  /** What each dialog will answer next (null: cancelled). */
  answers: { openProject: string | null; saveProject: string | null; locateDataset: string | null };
  titles: Array<[string, boolean]>;
  recent: string[];
  notices: string[];
  asked: string[];
}

function setup(): Setup {
  const engine = studioEngine();
  const answers: Setup['answers'] = { openProject: null, saveProject: null, locateDataset: null };
  const asked: string[] = [];
  const dialogs: SessionDialogs = {
    openProject: async () => answers.openProject,
    saveProject: async (defaultPath) => { asked.push(`save ${defaultPath}`); return answers.saveProject; },
    locateDataset: async (name) => { asked.push(`locate ${name}`); return answers.locateDataset; },
  };
  const titles: Setup['titles'] = [];
  const recent: string[] = [];
  const notices: string[] = [];
  const session = createProjectSession({
    engine, dialogs, appVersion: '0.1.0', engineVersion: 'test', documentsDir: dir,
    onTitle: (title, dirty) => titles.push([title, dirty]),
    onRecent: (path) => recent.push(path),
    onNotice: (message) => notices.push(message),
    now: () => new Date('2026-11-26T10:00:00.000Z'),
  });
  return { engine, session, answers, titles, recent, notices, asked };
}

/** The user's work: iris loaded from `csv`, configured, a model trained for a few epochs. */
async function trainedIris(s: Setup, csv: string): Promise<number[][]> {
  await s.session.grantDataset(csv);
  await s.engine.renderer({ type: 'load-dataset', source: { kind: 'path', path: csv } });
  await s.engine.renderer({ type: 'configure-data', config: IRIS_PREP });
  await s.engine.renderer({ type: 'create-model', spec: IRIS_SPEC });
  await s.engine.renderer({ type: 'train-start', config: { ...IRIS_TRAIN, epochs: 3 } });
  await s.engine.whenIdle();
  s.session.markChanged({ learn: { preset: 'x-squared' } });
  return weights(s);
}

/** A copy of iris in the temp folder, trained on, saved as p.bpstudio by one session. */
async function savedProject(learn: Record<string, unknown>): Promise<{ csv: string; trained: number[][] }> {
  const s = setup();
  const csv = join(dir, 'iris.csv');
  await copyFile(IRIS, csv);
  const trained = await trainedIris(s, csv);
  s.answers.saveProject = join(dir, 'p.bpstudio');
  await s.session.save({ learn });
  return { csv, trained };
}

async function weights(s: Setup): Promise<number[][]> {
  const value = await s.engine.renderer({ type: 'get-weights' }) as { layers: Array<{ w: number[]; b: number[] | null }> };
  return value.layers.map((l) => [...l.w, ...(l.b ?? [])]);
}

describe('project session', () => {
  it('saves the work, and a new session reopens it with the same data, model, history and Learn state', async () => {
    const s = setup();
    const csv = join(dir, 'iris.csv');
    await copyFile(IRIS, csv);
    const trained = await trainedIris(s, csv);
    expect(s.session.dirty).toBe(true);
    expect(s.titles.at(-1)).toEqual(['Untitled', true]);

    s.answers.saveProject = join(dir, 'flowers');
    expect(await s.session.save({ learn: { preset: 'x-squared' } })).toEqual({ path: join(dir, 'flowers.bpstudio'), title: 'flowers.bpstudio' });
    // "Save" on an untitled project asks where, proposing the dataset's folder and name.
    expect(s.asked).toEqual([`save ${join(dir, 'iris.bpstudio')}`]);
    expect(s.session.dirty).toBe(false);
    expect(s.titles.at(-1)).toEqual(['flowers.bpstudio', false]);
    expect(s.recent).toEqual([join(dir, 'flowers.bpstudio')]);

    const file = parseProjectFile(await readFile(join(dir, 'flowers.bpstudio'), 'utf8'));
    if (!file.ok) throw new Error(file.error.message);
    expect(file.value.dataset).toMatchObject({ path: csv, size: (await readFile(IRIS)).length });
    expect(file.value.history).toHaveLength(3);
    expect(file.value.learn).toEqual({ preset: 'x-squared' });

    const t = setup();
    const opened = await t.session.open(join(dir, 'flowers.bpstudio'));
    expect(opened).toEqual({
      path: join(dir, 'flowers.bpstudio'), title: 'flowers.bpstudio', dataset: { status: 'ok', path: csv, name: 'iris.csv' },
      engineState: 'model-ready', learn: { preset: 'x-squared' }, recovered: false,
    });
    expect(await weights(t)).toEqual(trained);
    expect(t.engine.granted.has(csv)).toBe(true);
    expect(t.engine.remembered).toMatchObject({ dataset: { kind: 'path', path: csv } });
    expect(t.session.dirty).toBe(false);
  });

  it('refuses a corrupt or newer project with the reason, keeping the open project', async () => {
    const s = setup();
    const bad = join(dir, 'bad.bpstudio');
    await writeFile(bad, '{"format": "backprop-studio/project", "version": 1');
    await expect(s.session.open(bad)).rejects.toThrow(/^Cannot open bad\.bpstudio: The project file is not valid JSON: /);
    const newer = join(dir, 'newer.bpstudio');
    await writeFile(newer, JSON.stringify({ format: 'backprop-studio/project', version: 7 }));
    await expect(s.session.open(newer)).rejects.toThrow(
      'Cannot open newer.bpstudio: This project was saved by a newer version of Backprop Studio (file version 7, this app reads up to 1). Update the app to open it.',
    );
    await expect(s.session.open(join(dir, 'nowhere.bpstudio'))).rejects.toThrow(
      `Cannot open the project ${join(dir, 'nowhere.bpstudio')}: the file does not exist (it may have been moved, renamed or deleted).`,
    );
    expect(s.session.path).toBeNull();
    expect(s.titles).toEqual([]);
  });

  it('detects a moved dataset, asks for it, and restores the model once the same file is found', async () => {
    const { csv, trained } = await savedProject({});
    const moved = join(dir, 'moved-iris.csv');
    await rename(csv, moved);

    const t = setup();
    const opened = await t.session.open(join(dir, 'p.bpstudio'));
    expect(opened.dataset).toEqual({
      status: 'missing', path: csv, name: 'iris.csv',
      message: `The dataset "iris.csv" is no longer at ${csv}. Locate it to continue (it may have been moved or renamed).`,
    });
    expect(opened.engineState).toBe('idle');

    // Cancelling the dialog changes nothing; choosing the moved file restores everything.
    expect(await t.session.locateDataset()).toBeNull();
    t.answers.locateDataset = moved;
    const located = await t.session.locateDataset();
    expect(t.asked).toEqual(['locate iris.csv', 'locate iris.csv']);
    expect(located).toMatchObject({ matches: true, project: { dataset: { status: 'ok', path: moved }, engineState: 'model-ready' } });
    expect(await weights(t)).toEqual(trained);
    // The project now points elsewhere: unsaved until saved.
    expect(t.session.dirty).toBe(true);
    await t.session.save({ learn: {} });
    const again = parseProjectFile(await readFile(join(dir, 'p.bpstudio'), 'utf8'));
    expect(again.ok && again.value.dataset?.path).toBe(moved);
  });

  it('saving while the dataset is missing keeps the project whole', async () => {
    const { csv } = await savedProject({ a: 1 });
    const before = parseProjectFile(await readFile(join(dir, 'p.bpstudio'), 'utf8'));
    await rm(csv);
    const t = setup();
    await t.session.open(join(dir, 'p.bpstudio'));
    await t.session.save({ learn: { a: 2 } });
    const after = parseProjectFile(await readFile(join(dir, 'p.bpstudio'), 'utf8'));
    if (!before.ok || !after.ok) throw new Error('unreadable');
    expect(after.value.model).toEqual(before.value.model);
    expect(after.value.dataset).toEqual(before.value.dataset);
    expect(after.value.learn).toEqual({ a: 2 });
  });

  it('tells a changed dataset apart, and uses a different file only once the user agrees', async () => {
    const { csv } = await savedProject({});
    const original = await readFile(csv, 'utf8');
    // Same columns, one row fewer: a different file.
    const edited = `${original.trimEnd().split('\n').slice(0, -1).join('\n')}\n`;
    await writeFile(csv, edited);

    const t = setup();
    const opened = await t.session.open(join(dir, 'p.bpstudio'));
    expect(opened.dataset.status).toBe('changed');
    expect(opened.dataset.status === 'changed' && opened.dataset.message).toMatch(
      /^"iris\.csv" is not the file this project was built on \(\d+\.\d KB when the project was saved, \d+\.\d KB now\)\. Locate the original file, or use this one anyway: the network and model are kept only if its columns still fit\.$/,
    );
    await expect(t.session.relinkDataset(csv)).rejects.toThrow(`Cannot use ${csv}: choose it with "Locate dataset…" first.`);
    t.answers.locateDataset = csv;
    const located = await t.session.locateDataset();
    expect(located).toMatchObject({ matches: false, path: csv });
    const relinked = await t.session.relinkDataset(csv);
    expect(relinked).toMatchObject({ dataset: { status: 'ok', path: csv }, engineState: 'model-ready' });
    expect(t.notices).toEqual([]);
  });

  it('keeps the data and drops the model, saying why, when a relinked file no longer fits', async () => {
    const { csv } = await savedProject({});
    const other = join(dir, 'other.csv');
    await writeFile(other, 'height,weight\n1,2\n3,4\n5,6\n');
    const t = setup();
    await rm(csv);
    await t.session.open(join(dir, 'p.bpstudio'));
    t.answers.locateDataset = other;
    expect(await t.session.locateDataset()).toMatchObject({ matches: false });
    const relinked = await t.session.relinkDataset(other);
    expect(relinked.engineState).toBe('data-loaded');
    expect(t.notices).toHaveLength(1);
    expect(t.notices[0]).toMatch(/^The dataset was loaded, but the project's data settings and model no longer fit it, so they were not restored\. Cannot open the project's data: /);
  });

  it('reports a failed save and keeps the previous file and the unsaved flag', async () => {
    const s = setup();
    const csv = join(dir, 'iris.csv');
    await copyFile(IRIS, csv);
    await trainedIris(s, csv);
    s.answers.saveProject = join(dir, 'no-such-folder', 'p.bpstudio');
    await expect(s.session.save({ learn: {} })).rejects.toThrow(
      `Cannot save "p.bpstudio": the folder ${join(dir, 'no-such-folder')} does not exist.`,
    );
    expect(s.session.dirty).toBe(true);
    expect(s.session.path).toBeNull();
  });

  it('gives autosave text only while there are unsaved changes, and opens it as untitled, unsaved work', async () => {
    const s = setup();
    const csv = join(dir, 'iris.csv');
    await copyFile(IRIS, csv);
    const trained = await trainedIris(s, csv);
    const snapshot = (await s.engine.request({ type: 'snapshot' })).result;
    if (!snapshot.ok) throw new Error('no snapshot');
    const text = s.session.autosaveText(snapshot.value as never);
    expect(text).not.toBeNull();
    s.answers.saveProject = join(dir, 'p.bpstudio');
    await s.session.save({ learn: {} });
    expect(s.session.autosaveText(snapshot.value as never)).toBeNull();

    const t = setup();
    const recovered = await t.session.openRecovered(text ?? '');
    expect(recovered).toMatchObject({ path: null, title: 'Untitled', recovered: true, engineState: 'model-ready' });
    expect(t.session.dirty).toBe(true);
    expect(await weights(t)).toEqual(trained);
    await expect(t.session.openRecovered('{}')).rejects.toThrow(
      'The recovered work cannot be opened: This is not a Backprop Studio project file: expected a JSON object with "format": "backprop-studio/project", found no "format" field.',
    );
  });

  it('starts a new project with an empty engine, and refuses to locate when nothing is missing', async () => {
    const s = setup();
    const csv = join(dir, 'iris.csv');
    await copyFile(IRIS, csv);
    await trainedIris(s, csv);
    expect(await s.session.newProject()).toEqual({
      path: null, title: 'Untitled', dataset: { status: 'none' }, engineState: 'idle', learn: {}, recovered: false,
    });
    expect(s.engine.remembered).toBeNull();
    await expect(s.session.locateDataset()).rejects.toThrow("The project's dataset is where it was saved; there is nothing to locate.");
  });
});
