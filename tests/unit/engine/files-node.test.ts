import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../core/engine/engine';
import { nodeEngineFiles } from '../../../core/engine/files.node.ts';
import type { EngineMessage, EngineReply } from '../../../core/engine/protocol';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'bps-files-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** Sends one request to a fresh engine and returns its reply. */
async function ask(files: ReturnType<typeof nodeEngineFiles> | undefined, request: Record<string, unknown>): Promise<EngineReply> {
  const sent: EngineMessage[] = [];
  const engine = createEngine((m) => sent.push(m), { files });
  await engine.handle({ id: 1, ...request });
  const reply = sent.find((m): m is EngineReply => m.type === 'reply');
  if (!reply) throw new Error('no reply');
  return reply;
}

describe('path sources through nodeEngineFiles', () => {
  it('streams a permitted file from disk and keeps the path (not the bytes) in the snapshot', async () => {
    const path = join(dir, 'small.csv');
    await writeFile(path, 'a,b\n1,2\n3,4\n');
    const sent: EngineMessage[] = [];
    const engine = createEngine((m) => sent.push(m), { files: nodeEngineFiles({ permits: (p) => p === path }) });
    await engine.handle({ id: 1, type: 'load-dataset', source: { kind: 'path', path } });
    await engine.handle({ id: 2, type: 'snapshot' });
    const replies = sent.filter((m): m is EngineReply => m.type === 'reply');
    expect(replies[0]?.result).toMatchObject({ ok: true, value: { name: 'small.csv', rows: 2 } });
    expect(replies[1]?.result).toMatchObject({ ok: true, value: { dataset: { kind: 'path', path } } });
  });

  it('refuses a path the user did not choose, with the reason', async () => {
    const reply = await ask(nodeEngineFiles({ permits: () => false }), { type: 'load-dataset', source: { kind: 'path', path: '/etc/passwd' } });
    expect(reply.result).toEqual({
      ok: false,
      error: {
        code: 'file-not-permitted',
        message: 'Backprop Studio opens only files you chose: "/etc/passwd" was not picked in a dialog or dropped on the window.',
      },
    });
  });

  it('names a missing file, a folder and an unreadable file', async () => {
    const files = nodeEngineFiles();
    const missing = join(dir, 'gone.csv');
    expect((await ask(files, { type: 'load-dataset', source: { kind: 'path', path: missing } })).result).toEqual({
      ok: false,
      error: { code: 'file-unreadable', message: `Cannot open ${missing}: the file does not exist (it may have been moved, renamed or deleted).` },
    });
    expect((await ask(files, { type: 'load-dataset', source: { kind: 'path', path: dir } })).result).toEqual({
      ok: false, error: { code: 'file-unreadable', message: `Cannot open ${dir}: it is a folder, not a file.` },
    });
    if (process.getuid?.() === 0) {
      console.log('skipped: the permission-denied case (running as root, who may read any file)');
      return;
    }
    const locked = join(dir, 'locked.csv');
    await writeFile(locked, 'a\n1\n');
    await chmod(locked, 0o000);
    expect((await ask(files, { type: 'load-dataset', source: { kind: 'path', path: locked } })).result).toEqual({
      ok: false, error: { code: 'file-unreadable', message: `Cannot open ${locked}: permission denied.` },
    });
  });

  it('refuses path sources when the host gives no file access', async () => {
    expect((await ask(undefined, { type: 'load-dataset', source: { kind: 'path', path: '/tmp/x.csv' } })).result).toEqual({
      ok: false, error: { code: 'unsupported-source', message: "This engine cannot open files by path; send the file's contents instead." },
    });
  });
});
