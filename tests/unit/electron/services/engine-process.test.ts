import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { EngineExit } from '../../../../core/engine/transport';
import { childProcessTransport, classifyExit, type EngineChild } from '../../../../electron/services/engine-process';

/** A stand-in for Electron's UtilityProcess: records what was posted; `kill()` exits with `killCode`. */
class FakeChild extends EventEmitter implements EngineChild {
  readonly posted: unknown[] = [];
  kills = 0;
  constructor(private readonly killCode = 0) { super(); }
  postMessage(message: unknown): void { this.posted.push(message); }
  kill(): boolean {
    this.kills++;
    queueMicrotask(() => this.emit('exit', this.killCode));
    return true;
  }
}

function exits(transport: ReturnType<typeof childProcessTransport>): EngineExit[] {
  const seen: EngineExit[] = [];
  transport.onExit((e) => seen.push(e));
  return seen;
}

describe('classifyExit', () => {
  it.each([
    [0, false, false],
    [1, false, true],
    [9, false, true],
    [0, true, false],
    [1, true, false],
  ])('code %i with close requested = %s → crashed = %s', (code, closeRequested, crashed) => {
    expect(classifyExit(code, closeRequested)).toEqual({ code, crashed });
  });

  it('keeps the fatal error message when there was one', () => {
    expect(classifyExit(1, false, 'FatalError at x.cc:1')).toEqual({ code: 1, crashed: true, error: 'FatalError at x.cc:1' });
  });
});

describe('childProcessTransport', () => {
  it('posts requests to the child and hands its messages to every subscriber until unsubscribed', () => {
    const child = new FakeChild();
    const t = childProcessTransport(child);
    t.post({ id: 1, type: 'hello' });
    expect(child.posted).toEqual([{ id: 1, type: 'hello' }]);
    const a: unknown[] = [], b: unknown[] = [];
    t.onMessage((m) => a.push(m));
    const offB = t.onMessage((m) => b.push(m));
    const reply = { id: 1, type: 'reply', result: { ok: true, value: {} } };
    child.emit('message', reply);
    offB();
    child.emit('message', reply);
    expect(a).toEqual([reply, reply]);
    expect(b).toEqual([reply]);
  });

  it('close() kills the child and reports an expected exit even with a non-zero code', async () => {
    const child = new FakeChild(1);
    const t = childProcessTransport(child);
    const seen = exits(t);
    await t.close();
    expect(child.kills).toBe(1);
    expect(seen).toEqual([{ code: 1, crashed: false }]);
  });

  it('an exit nobody asked for with a non-zero code is a crash, with the fatal error when Electron gave one', () => {
    const child = new FakeChild();
    const t = childProcessTransport(child);
    const seen = exits(t);
    child.emit('error', 'FatalError', 'v8::internal::Heap', 'report');
    child.emit('exit', 133);
    expect(seen).toEqual([{ code: 133, crashed: true, error: 'FatalError at v8::internal::Heap' }]);
  });

  it('an unrequested exit with code 0 is not a crash', () => {
    const child = new FakeChild();
    const seen = exits(childProcessTransport(child));
    child.emit('exit', 0);
    expect(seen).toEqual([{ code: 0, crashed: false }]);
  });

  it('after the exit: late onExit subscribers hear it at once, close() resolves without killing, post throws', async () => {
    const child = new FakeChild();
    const t = childProcessTransport(child);
    child.emit('exit', 1);
    child.emit('exit', 1);
    expect(exits(t)).toEqual([{ code: 1, crashed: true }]);
    await t.close();
    expect(child.kills).toBe(0);
    expect(() => t.post({ id: 2, type: 'hello' })).toThrow('Cannot send to the engine: it exited (code 1).');
    expect(child.posted).toEqual([]);
  });

  it('reports the exit once to each subscriber', () => {
    const child = new FakeChild();
    const t = childProcessTransport(child);
    const seen = exits(t);
    child.emit('exit', 2);
    child.emit('exit', 2);
    expect(seen).toHaveLength(1);
  });
});
