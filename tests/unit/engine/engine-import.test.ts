import { describe, expect, it } from 'vitest';
import type { EngineReply } from '../../../core/engine/protocol';
import { createHarness, IRIS_SOURCE } from './engine-harness';

function result(reply: EngineReply): { ok: boolean; value?: unknown; error?: { code: string; message: string } } {
  return reply.result as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

describe('load-dataset with the user\'s import choices', () => {
  it('reads a semicolon file with decimal commas as told, and reports what it used', async () => {
    const h = createHarness();
    const text = 'height;weight\n1,5;2\n2,25;3\n';
    const reply = result(await h.call({ type: 'load-dataset', source: { kind: 'text', name: 'eu.csv', text }, options: { delimiter: ';', decimalComma: true } }));
    expect(reply.ok).toBe(true);
    const value = reply.value as { rows: number; report: { delimiter: string; decimalComma: boolean; rowsRead: number } };
    expect(value.rows).toBe(2);
    expect(value.report).toMatchObject({ delimiter: ';', decimalComma: true, rowsRead: 2 });
    const page = result(await h.call({ type: 'get-rows', offset: 0, limit: 2 }));
    expect(JSON.stringify(page.value)).toContain('1.5');
  });

  it('overrides the encoding: bytes read as windows-1252 give "café"', async () => {
    const h = createHarness();
    const bytes = Uint8Array.from([...Buffer.from('name,n\ncaf'), 0xe9, ...Buffer.from(',1\nthé,2\n'.replace('é', 'e'))]);
    const reply = result(await h.call({ type: 'load-dataset', source: { kind: 'bytes', name: 'w.csv', bytes }, options: { encoding: 'windows-1252' } }));
    expect(reply.ok).toBe(true);
    const value = reply.value as { report: { encoding: string } };
    expect(value.report.encoding).toBe('windows-1252');
    const page = result(await h.call({ type: 'get-rows', offset: 0, limit: 1 }));
    expect(JSON.stringify(page.value)).toContain('café');
  });

  it('keeps the choices in the snapshot, so a restored engine reads the file the same way', async () => {
    const h = createHarness();
    const text = 'a;b\n1,5;2\n2,5;4\n';
    await h.call({ type: 'load-dataset', source: { kind: 'text', name: 'eu.csv', text }, options: { delimiter: ';', decimalComma: true } });
    const snapshot = (result(await h.call({ type: 'snapshot' })).value) as { importOptions: unknown };
    expect(snapshot.importOptions).toEqual({ delimiter: ';', decimalComma: true });
    const other = createHarness();
    expect(result(await other.call({ type: 'restore', snapshot })).ok).toBe(true);
    expect(JSON.stringify(result(await other.call({ type: 'get-rows', offset: 0, limit: 1 })).value)).toContain('1.5');
  });
});

describe('cancel-import', () => {
  it('stops a load in progress: the load replies with the cancelled error and the engine stays usable', async () => {
    const h = createHarness();
    const big = 'x,y\n' + Array.from({ length: 200_000 }, (_, i) => `${i},${i % 7}`).join('\n') + '\n';
    const loading = h.call({ type: 'load-dataset', source: { kind: 'text', name: 'big.csv', text: big } });
    await h.waitFor('import-progress');
    expect(result(await h.call({ type: 'cancel-import' })).value).toEqual({ cancelled: true });
    expect(result(await loading).error).toEqual({ code: 'cancelled', message: 'Import of big.csv was cancelled.' });
    expect(result(await h.call({ type: 'load-dataset', source: IRIS_SOURCE })).ok).toBe(true);
  });

  it('says so when nothing is loading', async () => {
    const h = createHarness();
    expect(result(await h.call({ type: 'cancel-import' })).error).toEqual({ code: 'not-loading', message: 'No dataset is loading.' });
  });
});
