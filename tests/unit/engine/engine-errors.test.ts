import { describe, expect, it } from 'vitest';
import { IRIS_PREP, IRIS_SOURCE, IRIS_SPEC, IRIS_TRAIN, LONG_TRAIN, createHarness, irisReady, valueOf, type Harness } from './engine-harness';

async function errorOf(h: Harness, request: Record<string, unknown>): Promise<{ code: string; message: string }> {
  const reply = await h.call(request);
  if (reply.result.ok) throw new Error(`expected an error reply to ${JSON.stringify(request)}`);
  return reply.result.error;
}

describe('engine errors are typed replies with messages for the user', () => {
  it.each([
    ['get-rows', { type: 'get-rows', offset: 0, limit: 5 }, 'no-dataset', 'Load a dataset before reading rows.'],
    ['get-column-stats', { type: 'get-column-stats' }, 'no-dataset', 'Load a dataset before reading column statistics.'],
    ['configure-data', { type: 'configure-data', config: IRIS_PREP }, 'no-dataset', 'Load a dataset before configuring the data.'],
    ['create-model', { type: 'create-model', spec: IRIS_SPEC }, 'no-dataset', 'Load a dataset before creating a model.'],
    ['train-start', { type: 'train-start', config: IRIS_TRAIN }, 'no-dataset', 'Load a dataset before training.'],
    ['train-step', { type: 'train-step', config: IRIS_TRAIN }, 'no-dataset', 'Load a dataset before training.'],
    ['evaluate', { type: 'evaluate', split: 'test' }, 'no-dataset', 'Load a dataset before evaluating.'],
    ['predict-rows', { type: 'predict-rows', records: [] }, 'no-dataset', 'Load a dataset before predicting.'],
    ['predict-file', { type: 'predict-file', source: IRIS_SOURCE }, 'no-dataset', 'Load a dataset before predicting.'],
    ['export-model', { type: 'export-model' }, 'no-dataset', 'Load a dataset before exporting the model.'],
    ['get-weights', { type: 'get-weights' }, 'no-dataset', 'Load a dataset before reading the weights.'],
    ['train-pause', { type: 'train-pause' }, 'not-training', 'No training is running.'],
    ['train-resume', { type: 'train-resume' }, 'not-training', 'No training is running.'],
    ['train-stop', { type: 'train-stop' }, 'not-training', 'No training is running.'],
    ['hello with another protocol version', { type: 'hello', protocolVersion: 2 }, 'protocol-version',
      'This engine speaks protocol version 1, but the client asked for version 2.'],
  ])('%s on a fresh engine', async (_title, request, code, message) => {
    const h = createHarness();
    expect(await errorOf(h, request)).toEqual({ code, message });
    expect(h.engine.state).toBe('idle');
  });

  it('create-model before the data is configured', async () => {
    const h = createHarness();
    valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE }));
    expect(await errorOf(h, { type: 'create-model', spec: IRIS_SPEC })).toEqual({
      code: 'no-data-config', message: 'Choose the input and target columns (configure the data) before creating a model.',
    });
    expect(h.engine.state).toBe('data-loaded');
  });

  it.each([
    ['train-start', { type: 'train-start', config: IRIS_TRAIN }, 'Create a model before training.'],
    ['evaluate', { type: 'evaluate', split: 'validation' }, 'Create a model before evaluating.'],
    ['export-model', { type: 'export-model' }, 'Create a model before exporting the model.'],
    ['predict-file', { type: 'predict-file', source: IRIS_SOURCE }, 'Create a model before predicting.'],
    ['export-model as onnx', { type: 'export-model', format: 'onnx' }, 'Create a model before exporting the model.'],
  ])('%s before a model exists', async (_title, request, message) => {
    const h = createHarness();
    valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE }));
    valueOf(await h.call({ type: 'configure-data', config: IRIS_PREP }));
    expect(await errorOf(h, request)).toEqual({ code: 'no-model', message });
    expect(h.engine.state).toBe('data-ready');
  });

  it.each([
    ['inputs', { ...IRIS_SPEC, inputs: 5 },
      'The network takes 5 inputs, but the prepared data has 4 input columns; set "inputs" to 4.'],
    ['outputs', { ...IRIS_SPEC, layers: [{ units: 8, activation: 'relu' }, { units: 2, activation: 'softmax' }] },
      "The network's last layer has 2 units, but the prepared data has 3 target columns; give it 3 units."],
  ])('a spec whose %s do not fit the data', async (_title, spec, message) => {
    const h = createHarness();
    valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE }));
    valueOf(await h.call({ type: 'configure-data', config: IRIS_PREP }));
    expect(await errorOf(h, { type: 'create-model', spec })).toEqual({ code: 'shape-mismatch', message });
  });

  it('train-step without any training settings', async () => {
    const h = createHarness();
    await irisReady(h);
    expect(await errorOf(h, { type: 'train-step' })).toEqual({
      code: 'no-train-config', message: 'Give training settings (a "config" on train-step or an earlier train-start) before stepping.',
    });
  });

  it('evaluating a split with no rows', async () => {
    const h = createHarness();
    valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE }));
    valueOf(await h.call({ type: 'configure-data', config: { ...IRIS_PREP, split: { train: 0.8, validation: 0.2, test: 0, seed: 1 } } }));
    valueOf(await h.call({ type: 'create-model', spec: IRIS_SPEC }));
    expect(await errorOf(h, { type: 'evaluate', split: 'test' })).toEqual({
      code: 'empty-split', message: 'The test split has no rows; give it a fraction above 0 in the data settings.',
    });
  });

  it('library errors keep their code and message (empty CSV, unknown column, bad split)', async () => {
    const h = createHarness();
    expect(await errorOf(h, { type: 'load-dataset', source: { kind: 'text', name: 'empty.csv', text: '' } })).toMatchObject({ code: 'empty-file' });
    valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE }));
    const unknown = await errorOf(h, { type: 'configure-data', config: { ...IRIS_PREP, roles: { ...IRIS_PREP.roles, colour: 'input' } } });
    expect(unknown.message).toContain('"colour"');
    valueOf(await h.call({ type: 'configure-data', config: IRIS_PREP }));
    expect(await errorOf(h, { type: 'configure-data', config: { ...IRIS_PREP, split: { train: 0.5, validation: 0.2, test: 0.2, seed: 1 } } }))
      .toMatchObject({ code: 'invalid-split' });
  });

  it.each([
    ['create-model', { type: 'create-model', spec: IRIS_SPEC }, 'Training is running; stop it before replacing the model.'],
    ['configure-data', { type: 'configure-data', config: IRIS_PREP }, 'Training is running; stop it before changing the data settings.'],
    ['load-dataset', { type: 'load-dataset', source: IRIS_SOURCE }, 'Training is running; stop it before loading a dataset.'],
    ['train-start', { type: 'train-start', config: IRIS_TRAIN }, 'Training is running; stop it before starting another run.'],
    ['train-step', { type: 'train-step', config: IRIS_TRAIN }, 'Training is running; pause it before stepping.'],
    ['evaluate', { type: 'evaluate', split: 'test' }, 'Training is running; pause or stop it before evaluating.'],
    ['predict-rows', { type: 'predict-rows', records: [] }, 'Training is running; pause or stop it before predicting.'],
    ['predict-file', { type: 'predict-file', source: IRIS_SOURCE }, 'Training is running; pause or stop it before predicting.'],
    ['export-model', { type: 'export-model' }, 'Training is running; pause or stop it before exporting the model.'],
    ['restore', { type: 'snapshot' }, null],
  ])('%s while training', async (_title, request, message) => {
    const h = createHarness();
    await irisReady(h);
    valueOf(await h.call({ type: 'train-start', config: LONG_TRAIN }));
    if (message === null) {
      const snap = valueOf(await h.call(request));
      expect(await errorOf(h, { type: 'restore', snapshot: snap })).toEqual({ code: 'busy', message: 'Training is running; stop it before restoring a snapshot.' });
    } else {
      expect(await errorOf(h, request)).toEqual({ code: 'busy', message });
    }
    valueOf(await h.call({ type: 'train-stop' }));
    expect((await h.waitFor('train-finished')).reason).toBe('stopped');
  });
});

describe('malformed requests get bad-request replies naming the problem', () => {
  it.each([
    ['null', null, -1, 'Bad request: expected a request object, got null.'],
    ['a number', 5, -1, 'Bad request: expected a request object, got number.'],
    ['an array', [1], -1, 'Bad request: expected a request object, got an array.'],
    ['no type', { id: 2 }, 2, 'Bad request: expected a string "type", got undefined.'],
    ['an unknown type', { id: 3, type: 'nope' }, 3, 'Bad request: unknown request type "nope".'],
    ['a negative offset', { id: 4, type: 'get-rows', offset: -1, limit: 5 }, 4,
      'Bad request: "get-rows" request at offset: Too small: expected number to be >=0.'],
    ['an unknown field', { id: 5, type: 'hello', extra: 1 }, 5, 'Bad request: "hello" request at (message): Unrecognized key: "extra".'],
    ['no id', { type: 'evaluate', split: 'test' }, -1, 'Bad request: "evaluate" request at id: Invalid input: expected number, received undefined.'],
    ['a bad spec field', { id: 6, type: 'create-model', spec: { ...IRIS_SPEC, huberDelta: -1 } }, 6,
      'Bad request: "create-model" request at spec.huberDelta: expected a positive number.'],
  ])('%s', async (_title, message, id, text) => {
    const h = createHarness();
    await h.engine.handle(message);
    expect(h.messages).toEqual([{ id, type: 'reply', result: { ok: false, error: { code: 'bad-request', message: text } } }]);
  });
});
