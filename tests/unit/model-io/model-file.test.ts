import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelFileV1 } from '../../../core/model-io/format';
import { parseModelFile, restoreWeights, serializeModel, stringifyModelFile, validateModelFile } from '../../../core/model-io/model-file';
import { expectedWeightTensors } from '../../../core/model-io/weights';
import type { NetworkSpec } from '../../../core/nn/spec';
import { CREATED_AT, fakeModel, fixtureText, history, preprocessing, spec, training, weights } from './fixtures';

const bits = (values: Float32Array): number[] => Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));

function parsed(text: string): ModelFileV1 {
  const result = parseModelFile(text);
  if (!result.ok) throw new Error(`expected the file to load, got: ${result.error.message}`);
  return result.value;
}

describe('writing and reading a model file', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes exactly the pinned v1 file for the fixture model', () => {
    const file = serializeModel(fakeModel(), { engineVersion: '0.1.0', createdAt: CREATED_AT });
    const text = stringifyModelFile(file);
    expect(JSON.parse(text)).toEqual(JSON.parse(fixtureText()));
    expect(text.startsWith('{\n  "format": "backprop-studio/model",\n  "version": 1,')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('reads the pinned v1 file back into getWeights() order, bit for bit', () => {
    const file = parsed(fixtureText());
    expect(file.spec).toEqual(spec);
    expect(restoreWeights(file).map(bits)).toEqual(weights().map(bits));
  });

  it.each([
    ['no extras', {}],
    ['training settings and history', { training, history }],
    ['preprocessing state', { preprocessing }],
    ['everything', { training, history, preprocessing }],
  ])('round-trips a model with %s through text unchanged', (_title, extras) => {
    const file = serializeModel(fakeModel(), { engineVersion: '1.2.3', createdAt: CREATED_AT, ...extras });
    const again = parsed(stringifyModelFile(file));
    expect(again).toEqual(file);
    expect(again.training).toEqual('training' in extras ? extras.training : null);
    expect(again.history).toEqual('history' in extras ? extras.history : []);
    expect(again.preprocessing).toEqual('preprocessing' in extras ? extras.preprocessing : null);
    expect(restoreWeights(again).map(bits)).toEqual(weights().map(bits));
  });

  it('restores weights by name whatever their order in the file', () => {
    const file = JSON.parse(fixtureText()) as { weights: unknown[] };
    file.weights.reverse();
    expect(restoreWeights(parsed(JSON.stringify(file))).map(bits)).toEqual(weights().map(bits));
  });

  it('accepts a file that starts with a byte-order mark', () => {
    expect(parseModelFile(`\uFEFF${fixtureText()}`).ok).toBe(true);
  });

  it('validates an already-parsed object the same way', () => {
    expect(validateModelFile(JSON.parse(fixtureText())).ok).toBe(true);
    expect(validateModelFile([])).toEqual(parseModelFile('[]'));
  });

  it('shares nothing with the model it was written from', () => {
    const s = structuredClone(spec);
    const file = serializeModel(fakeModel(s), { engineVersion: '0.1.0', createdAt: CREATED_AT });
    s.layers[0]!.units = 99;
    expect(file.spec.layers[0]!.units).toBe(2);
  });

  it('stamps the current time when createdAt is not given', () => {
    vi.useFakeTimers({ now: new Date('2030-06-01T08:30:00.000Z') });
    expect(serializeModel(fakeModel(), { engineVersion: '0.1.0' }).createdAt).toBe('2030-06-01T08:30:00.000Z');
  });

  it('names tensors dense_i/kernel [inputs_i, units_i] and dense_i/bias [units_i] in getWeights() order', () => {
    const s: NetworkSpec = {
      inputs: 4,
      layers: [{ units: 5, activation: 'relu' }, { units: 3, activation: 'tanh', useBias: false }, { units: 2, activation: 'softmax', useBias: true }],
      loss: 'categorical-crossentropy',
    };
    expect(expectedWeightTensors(s).map((t) => `${t.name} [${t.shape.join(', ')}]`)).toEqual([
      'dense_0/kernel [4, 5]', 'dense_0/bias [5]', 'dense_1/kernel [5, 3]', 'dense_2/kernel [3, 2]', 'dense_2/bias [2]',
    ]);
  });

  it.each([
    ['NaN weights (a diverged run)', fakeModel(spec, [new Float32Array([0, 0, 0, 0, NaN, 0]), new Float32Array(2), new Float32Array(2)]),
      'Cannot save this model: dense_0/kernel has a non-finite value (NaN) at index 4 (row 2, column 0); weights must be finite numbers.'],
    ['too few weight arrays', fakeModel(spec, [new Float32Array(6)]),
      'The spec needs 3 weight arrays (dense_0/kernel, dense_0/bias, dense_1/kernel), got 1.'],
    ['an array of the wrong size', fakeModel(spec, [new Float32Array(6), new Float32Array(3), new Float32Array(2)]),
      'dense_0/bias has 3 values, its shape [2] needs 2.'],
    ['a spec the loader would refuse', fakeModel({ ...spec, inputs: 0 }, [new Float32Array(0), new Float32Array(2), new Float32Array(2)]),
      'Cannot save this model: Invalid model file at spec.inputs: expected a positive integer, got 0.'],
  ])('refuses to write a file it could not read back: %s', (_title, model, message) => {
    expect(() => serializeModel(model, { engineVersion: '0.1.0', createdAt: CREATED_AT })).toThrow(new Error(message));
  });
});

describe('parseModelFile never throws on damaged text', () => {
  const text = fixtureText();
  const jsonError = (t: string): string => {
    try {
      JSON.parse(t);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected invalid JSON');
  };

  it('reports an empty file as invalid JSON', () => {
    expect(parseModelFile('')).toEqual({
      ok: false,
      error: { code: 'not-json', message: 'The model file is not valid JSON: Unexpected end of JSON input.' },
    });
  });

  it('reports a non-string argument (from outside the type system) instead of throwing', () => {
    expect(parseModelFile(42 as unknown as string)).toEqual({
      ok: false,
      error: { code: 'not-json', message: 'The model file is not valid JSON: expected text, got 42.' },
    });
  });

  it.each([
    ['cut in half', Math.floor(text.length / 2)],
    ['cut after 10 characters', 10],
    ['missing only its closing brace', text.lastIndexOf('}')],
    ['cut inside a base64 string', text.indexOf('zczM') + 3],
  ])('reports a truncated file (%s) as invalid JSON with the parser message', (_title, cut) => {
    const truncated = text.slice(0, cut);
    expect(parseModelFile(truncated)).toEqual({
      ok: false,
      error: { code: 'not-json', message: `The model file is not valid JSON: ${jsonError(truncated).replace(/\.$/, '')}.` },
    });
  });

  it('returns a result (never throws) for 300 random cuts and character swaps', () => {
    let state = 12345;
    const next = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    const alphabet = '{}[]":,-0123456789.eE aZ=/+\\';
    for (let k = 0; k < 300; k++) {
      const at = next(text.length);
      const damaged = k % 2 === 0 ? text.slice(0, at) : text.slice(0, at) + alphabet[next(alphabet.length)]! + text.slice(at + 1);
      const result = parseModelFile(damaged);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(20);
    }
  });
});
