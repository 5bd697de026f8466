import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestSchema, type EngineReply } from '../../../core/engine/protocol';
import { createHarness, irisReady } from './engine-harness';

const REQUEST_TYPES = requestSchema.options.map((o) => o.shape.type.value);

/** Messages that look like requests (a known type, maybe an id) with random fields. */
const requestLike = fc.record(
  {
    id: fc.oneof(fc.integer(), fc.string(), fc.constant(undefined)),
    type: fc.constantFrom(...REQUEST_TYPES),
    offset: fc.jsonValue(), limit: fc.jsonValue(), source: fc.jsonValue(), config: fc.jsonValue(),
    spec: fc.jsonValue(), split: fc.jsonValue(), records: fc.jsonValue(), snapshot: fc.jsonValue(),
  },
  { requiredKeys: ['type'] },
);

/** One reply per message, each with an integer id and a well-formed result. */
function expectOneWellFormedReply(replies: EngineReply[]): void {
  expect(replies).toHaveLength(1);
  const [r] = replies;
  expect(Number.isInteger(r!.id)).toBe(true);
  if (!r!.result.ok) {
    expect(typeof r!.result.error.code).toBe('string');
    expect(r!.result.error.message.length).toBeGreaterThan(0);
  }
}

describe('protocol fuzz: random and malformed messages get error replies and the engine stays alive', () => {
  it.each([
    ['random values, idle engine', false, fc.anything()],
    ['random JSON, idle engine', false, fc.jsonValue()],
    ['request-shaped noise, idle engine', false, requestLike],
    ['request-shaped noise, engine with a model', true, requestLike],
  ])('%s', async (_title, withModel, arbitrary) => {
    const h = createHarness();
    if (withModel) await irisReady(h);
    await fc.assert(
      fc.asyncProperty(arbitrary, async (message) => {
        const start = h.messages.length;
        await h.engine.handle(message);
        await h.engine.whenIdle();
        const replies = h.messages.slice(start).filter((m): m is EngineReply => m.type === 'reply');
        expectOneWellFormedReply(replies);
        const hello = await h.call({ type: 'hello' });
        expect(hello.result.ok).toBe(true);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('fully random values are always rejected as bad requests (no accidental success)', async () => {
    const h = createHarness();
    await fc.assert(
      fc.asyncProperty(fc.anything().filter((v) => !(typeof v === 'object' && v !== null && ('type' in v || 'id' in v))), async (message) => {
        const start = h.messages.length;
        await h.engine.handle(message);
        const [reply] = h.messages.slice(start) as EngineReply[];
        expect(reply).toMatchObject({ id: -1, type: 'reply', result: { ok: false, error: { code: 'bad-request' } } });
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
