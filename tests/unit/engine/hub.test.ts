import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../core/engine/engine';
import { createEngineHub } from '../../../core/engine/hub';
import type { EngineMessage, EngineReply } from '../../../core/engine/protocol';

const IRIS_LIKE = 'x1,x2,y\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n0.2,0.1,a\n0.9,0.8,b\n';

function hub() {
  const h = createEngineHub((send) => createEngine(send));
  const inbox = (events?: Parameters<typeof h.connect>[1]) => {
    const got: EngineMessage[] = [];
    const conn = h.connect((m) => got.push(m), events);
    return { conn, got, replies: () => got.filter((m): m is EngineReply => m.type === 'reply') };
  };
  return { h, inbox };
}

describe('createEngineHub', () => {
  it('routes each reply to the connection that asked, with the id it used, even when ids collide', async () => {
    const { h, inbox } = hub();
    const a = inbox();
    const b = inbox();
    a.conn.handle({ id: 7, type: 'load-dataset', source: { kind: 'text', name: 'd.csv', text: IRIS_LIKE } });
    b.conn.handle({ id: 7, type: 'hello' });
    await h.engine.whenIdle();
    await new Promise((r) => setTimeout(r, 20));
    expect(a.replies()).toHaveLength(1);
    expect(a.replies()[0]).toMatchObject({ id: 7, result: { ok: true, value: { name: 'd.csv', rows: 6 } } });
    expect(b.replies()).toHaveLength(1);
    expect(b.replies()[0]).toMatchObject({ id: 7, result: { ok: true, value: { state: expect.any(String) } } });
  });

  it('shares one engine: data loaded through one connection is seen by another', async () => {
    const { inbox } = hub();
    const renderer = inbox();
    const main = inbox(['train-finished']);
    renderer.conn.handle({ id: 1, type: 'load-dataset', source: { kind: 'text', name: 'd.csv', text: IRIS_LIKE } });
    await new Promise((r) => setTimeout(r, 50));
    main.conn.handle({ id: 1, type: 'snapshot' });
    await new Promise((r) => setTimeout(r, 20));
    expect(main.replies()[0]).toMatchObject({ id: 1, result: { ok: true, value: { dataset: { kind: 'text', name: 'd.csv' } } } });
    // The renderer saw the import progress; main asked only for train-finished events.
    expect(renderer.got.some((m) => m.type === 'import-progress')).toBe(true);
    expect(main.got.filter((m) => m.type !== 'reply')).toEqual([]);
  });

  it('answers a message without an integer id itself, and drops replies for a closed connection', async () => {
    const { h, inbox } = hub();
    const a = inbox();
    a.conn.handle('hello');
    a.conn.handle({ type: 'hello' });
    expect(a.replies()).toEqual([
      { id: -1, type: 'reply', result: { ok: false, error: { code: 'bad-request', message: 'Bad request: expected a request object, got the string "hello".' } } },
      { id: -1, type: 'reply', result: { ok: false, error: { code: 'bad-request', message: 'Bad request: "hello" request at id: Invalid input: expected number, received undefined.' } } },
    ]);
    const b = inbox();
    b.conn.handle({ id: 1, type: 'load-dataset', source: { kind: 'text', name: 'd.csv', text: IRIS_LIKE } });
    b.conn.close();
    await h.engine.whenIdle();
    await new Promise((r) => setTimeout(r, 50));
    expect(b.got).toEqual([]);
    b.conn.handle({ id: 2, type: 'hello' });
    await new Promise((r) => setTimeout(r, 10));
    expect(b.got).toEqual([]);
  });
});
