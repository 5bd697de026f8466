/**
 * The engine: a transport-agnostic state machine over the protocol
 * (`protocol.ts`). It owns the dataset, the prepared data, the model and the
 * training run; every request gets exactly one reply, and failures are typed
 * replies, never throws. States: idle → data-loaded → data-ready (configured)
 * → model-ready → training ⇄ paused → model-ready.
 */
import { toPreprocessingFile } from '../data/prep/pipeline';
import { prepareData, type PreparedData } from '../data/prep/prepare';
import { suggestPrepConfig } from '../data/prep/suggest';
import type { DecoderFallback } from '../data/decode';
import { importCsv, type ImportResult } from '../data/import';
import type { CsvSource } from '../data/source';
import type { DataTable } from '../data/table';
import type { Kernels } from '../math/kernels';
import { createRng } from '../math/rng';
import { tsKernels } from '../math/ts-kernels';
import type { ModelFileV1 } from '../model-io/format';
import { serializeModel } from '../model-io/model-file';
import { createModel } from '../nn/model';
import type { Model } from '../nn/model-types';
import type { NetworkSpec } from '../nn/spec';
import type { EpochLog, TrainConfig } from '../train/config';
import type { TrainData } from '../train/data-types';
import { pinTrainingRows, unpinTrainingRows } from '../train/wasm-stepper';
import { ENGINE_VERSION } from '../version';
import { checkShape, columnSummaries, evaluateSplit, predictRecords, preparedRows, rowsPage, setWeight, shapeFits, weightsOf } from './engine-data';
import { EngineFailure, errorInfo, fail } from './engine-errors';
import { evaluationDetail } from './engine-evaluate';
import { predictGrid } from './engine-grid';
import { exportModelValue, predictFileValue } from './engine-export';
import { PROTOCOL_VERSION, parseRequest, reply, type ConfigureValue, type LoadDatasetValue, type SessionValue, type DatasetSource, type ImportChoices, type EngineMessage, type EngineRequest, type EngineResult, type EngineSnapshot, type EngineState } from './protocol';
import { createStepper, startTraining, type StepResult, type TrainingRun } from './training';

/**
 * How a host lets the engine read files by path (core itself cannot touch a
 * file system). `open` returns a streamed source, or throws an error whose
 * message is ready for the user (`EngineFailure` keeps its code).
 */
export interface EngineFiles {
  open(path: string): Promise<CsvSource>;
  /** Decoders for encodings `TextDecoder` lacks (Node: iconv-lite). */
  decoderFallback?: DecoderFallback;
}

/** Options of `createEngine`. */
export interface EngineOptions {
  /** Milliseconds, monotonic (default `performance.now`); used for progress rates and throttling. */
  clock?: () => number;
  /** File access for `{ kind: 'path' }` sources; without it such sources are refused. */
  files?: EngineFiles;
  /** The compute kernels models are built with (default: the TypeScript kernels); hosts pass WebAssembly SIMD when they can load it. */
  kernels?: Kernels;
}

/** The engine as a host sees it. */
export interface Engine {
  /** Handles one incoming message (validated here); resolves once its reply is sent. */
  handle(message: unknown): Promise<void>;
  /** The current lifecycle state. */
  readonly state: EngineState;
  /** Resolves when no training run is active. */
  whenIdle(): Promise<void>;
}

/** Seed of the initial weights when `create-model` gives none (restores recreate then overwrite them). */
const DEFAULT_SEED = 1;

interface Session {
  source: DatasetSource | null;
  loaded: LoadDatasetValue | null;
  configured: ConfigureValue | null;
  importOptions: ImportChoices;
  table: DataTable | null;
  prep: EngineSnapshot['prep'];
  prepared: PreparedData | null;
  model: Model | null;
  training: TrainConfig | null;
  history: EpochLog[];
  stepper: { config: TrainConfig; step(): StepResult } | null;
}

const emptySession = (): Session => ({
  source: null, loaded: null, configured: null, importOptions: {}, table: null, prep: null, prepared: null, model: null, training: null, history: [], stepper: null,
});

/** Creates an engine that sends every reply and event through `send`. */
export function createEngine(send: (message: EngineMessage) => void, options: EngineOptions = {}): Engine {
  let s = emptySession();
  let run: TrainingRun | null = null;
  let loading = false;

  const state = (): EngineState =>
    run ? (run.paused ? 'paused' : 'training') : s.model ? 'model-ready' : s.prepared ? 'data-ready' : s.table ? 'data-loaded' : 'idle';

  const notBusyLoading = (action: string): void => {
    if (loading) fail('busy', `A dataset is loading; wait for it to finish before ${action}.`);
  };
  const notBusy = (action: string): void => {
    if (run) fail('busy', `Training is running; stop it before ${action}.`);
    notBusyLoading(action);
  };
  /** Reading the model is safe while a run is paused between batches. */
  const notRunning = (action: string): void => {
    if (run && !run.paused) fail('busy', `Training is running; pause or stop it before ${action}.`);
    notBusyLoading(action);
  };
  const needTable = (action: string): DataTable =>
    s.table ?? fail('no-dataset', `Load a dataset before ${action}.`);
  const needPrepared = (action: string): PreparedData => {
    needTable(action);
    return s.prepared ?? fail('no-data-config', `Choose the input and target columns (configure the data) before ${action}.`);
  };
  const needModel = (action: string): { model: Model; prepared: PreparedData } => {
    const prepared = needPrepared(action);
    return { model: s.model ?? fail('no-model', `Create a model before ${action}.`), prepared };
  };
  const needRun = (): TrainingRun => run ?? fail('not-training', 'No training is running.');

  let importAbort: AbortController | null = null;
  async function openPath(path: string): Promise<CsvSource> {
    const files = options.files ?? fail('unsupported-source', 'This engine cannot open files by path; send the file\'s contents instead.');
    try {
      return await files.open(path);
    } catch (e) {
      if (e instanceof EngineFailure) throw e;
      fail('file-unreadable', e instanceof Error ? e.message : String(e));
    }
  }
  async function importSource(source: DatasetSource, choices: ImportChoices = {}): Promise<ImportResult> {
    loading = true;
    importAbort = new AbortController();
    try {
      const csv = source.kind === 'path' ? await openPath(source.path) : source;
      return await importCsv(csv, choices, {
        decoderFallback: options.files?.decoderFallback,
        signal: importAbort.signal,
        onProgress: (p) => send({ type: 'import-progress', bytesRead: p.bytesRead, totalBytes: p.totalBytes, rows: p.rows }),
      });
    } finally {
      loading = false;
      importAbort = null;
    }
  }
  const loadDataset = async (source: DatasetSource, options?: ImportChoices): Promise<{ table: DataTable; loaded: LoadDatasetValue }> => {
    const { table, report } = await importSource(source, options);
    return { table, loaded: loadedValue(table, report) };
  };

  /** The current model as a native model file (the starting point of every export). */
  const modelFile = (model: Model, prepared: PreparedData): ModelFileV1 => serializeModel(model, {
    training: s.training, history: s.history, preprocessing: toPreprocessingFile(prepared.pipeline), engineVersion: ENGINE_VERSION,
  });

  function configure(prep: NonNullable<EngineSnapshot['prep']>): ConfigureValue {
    const p = prepareData(needTable('configuring the data'), prep);
    s.prep = prep;
    s.prepared = p;
    s.stepper = null;
    if (s.model && !shapeFits(s.model.spec, p)) s.model = null;
    s.configured = {
      inputs: p.train.x.cols, outputs: p.train.y.cols,
      inputNames: [...p.pipeline.state.featureNames], outputNames: [...p.pipeline.state.outputNames],
      rows: { train: p.train.x.rows, validation: p.validation.x.rows, test: p.test.x.rows },
      labels: p.pipeline.state.target.kind === 'classes' ? p.pipeline.state.target.labels : null,
      warnings: p.issues.map((i) => i.message), modelKept: s.model !== null,
    };
    return s.configured;
  }

  function loadedValue(table: DataTable, report: ImportResult['report']): LoadDatasetValue {
    return {
      name: table.source, rows: table.rows, columns: columnSummaries(table), suggested: suggestPrepConfig(table),
      report: {
        encoding: report.encoding, encodingConfidence: report.encodingConfidence, delimiter: report.delimiter,
        decimalComma: report.decimalComma, hasHeader: report.hasHeader, generatedHeader: report.generatedHeader,
        rowsRead: report.rowsRead, rowsSkipped: report.rowsSkipped, warnings: report.issues.map((i) => i.message),
      },
    };
  }

  function buildModel(spec: NetworkSpec, seed: number): Model {
    const prepared = needPrepared('creating a model');
    checkShape(spec, prepared);
    const model = createModel(spec, { rng: createRng(seed), kernels: options.kernels });
    s.model = model;
    s.history = [];
    s.stepper = null;
    return model;
  }

  function snapshot(): EngineSnapshot {
    return {
      protocolVersion: PROTOCOL_VERSION,
      dataset: s.source,
      importOptions: s.importOptions,
      prep: s.prep,
      spec: s.model ? s.model.spec : null,
      training: s.training,
      weights: s.model ? s.model.getWeights().map((w) => Array.from(w)) : null,
      history: [...s.history],
    };
  }

  /** All or nothing: when any step fails, the engine keeps the state it had. */
  async function restore(snap: EngineSnapshot): Promise<{ state: EngineState }> {
    const previous = s;
    s = emptySession();
    try {
      if (snap.dataset) {
        const { table, loaded } = await loadDataset(snap.dataset, snap.importOptions);
        s.table = table;
        s.loaded = loaded;
        s.source = snap.dataset;
        s.importOptions = snap.importOptions ?? {};
      }
      if (snap.prep) configure(snap.prep);
      if (snap.spec) {
        const model = buildModel(snap.spec, DEFAULT_SEED);
        if (snap.weights) model.setWeights(snap.weights.map((w) => Float32Array.from(w)));
      }
    } catch (e) {
      s = previous;
      throw e;
    }
    s.training = snap.training;
    s.history = snap.history;
    return { state: state() };
  }

  function trainStart(config: TrainConfig, seed: number): { epochs: number; rows: number } {
    notBusy('starting another run');
    const { model, prepared } = needModel('training');
    s.training = config;
    s.history = [];
    s.stepper = null;
    run = startTraining({
      model, data: prepared.trainData, config, rng: createRng(seed), send, clock: options.clock,
      onEpoch: (log) => { s.history.push(log); },
      onFinish: () => { run = null; },
    });
    return { epochs: config.epochs, rows: prepared.trainData.train.x.rows };
  }

  function trainStep(config: TrainConfig | undefined): StepResult {
    notBusy('stepping');
    const { model, prepared } = needModel('training');
    const wanted = config ?? s.stepper?.config ?? s.training
      ?? fail('no-train-config', 'Give training settings (a "config" on train-step or an earlier train-start) before stepping.');
    if (!s.stepper || s.stepper.config !== wanted) s.stepper = { config: wanted, ...createStepper(model, prepared.trainData, wanted) };
    return s.stepper.step();
  }

  /**
   * The session's prepared training rows stay pinned in the wasm backend's
   * memory (see `pinTrainingRows`), so every run on them starts without
   * copying them in; checked after each request, swapped when the data is
   * reconfigured or replaced, never while a run may be reading them.
   */
  let pinned: TrainData | null = null;
  function keepTrainingRowsResident(): void {
    const wasm = options.kernels?.wasm;
    const wanted = s.prepared?.trainData ?? null;
    if (!wasm || wanted === pinned || run) return;
    if (pinned) unpinTrainingRows(wasm, pinned);
    pinned = wanted && pinTrainingRows(wasm, wanted) ? wanted : null;
  }

  /** How long `hello` waits for the kernels' helper threads to start. */
  const HELPERS_READY_MS = 3000;

  async function dispatch(req: EngineRequest): Promise<unknown> {
    switch (req.type) {
      case 'hello':
        if (req.protocolVersion !== undefined && req.protocolVersion !== PROTOCOL_VERSION) {
          fail('protocol-version', `This engine speaks protocol version ${PROTOCOL_VERSION}, but the client asked for version ${req.protocolVersion}.`);
        }
        return {
          protocolVersion: PROTOCOL_VERSION, engineVersion: ENGINE_VERSION, state: state(), backend: (options.kernels ?? tsKernels).name,
          // Helper threads start with the engine; the answer waits (briefly) until they are up.
          threads: (await options.kernels?.wasm?.ready(HELPERS_READY_MS)) ?? 1,
          fma: options.kernels?.wasm?.fma ?? false,
        };
      case 'load-dataset': {
        notBusy('loading a dataset');
        const { table, loaded } = await loadDataset(req.source, req.options);
        s = { ...emptySession(), source: req.source, importOptions: req.options ?? {}, table, loaded };
        return loaded;
      }
      case 'cancel-import': {
        if (!importAbort) fail('not-loading', 'No dataset is loading.');
        importAbort.abort();
        return { cancelled: true };
      }
      case 'get-rows':
        return rowsPage(needTable('reading rows'), req.offset, req.limit);
      case 'get-prepared-rows':
        return preparedRows(needPrepared('reading prepared rows'), req.split, req.offset, req.limit);
      case 'get-column-stats':
        return columnSummaries(needTable('reading column statistics'));
      case 'configure-data':
        notBusy('changing the data settings');
        return configure(req.config);
      case 'create-model': {
        notBusy('replacing the model');
        return { parameters: buildModel(req.spec, req.seed ?? DEFAULT_SEED).parameterCount };
      }
      case 'train-start':
        return trainStart(req.config, req.seed ?? DEFAULT_SEED);
      case 'train-pause':
        needRun().pause();
        return { state: state() };
      case 'train-resume':
        needRun().resume();
        return { state: state() };
      case 'train-stop': {
        const r = needRun();
        r.stop();
        r.resume();
        return { state: state() };
      }
      case 'train-step': {
        if (!run) return trainStep(req.config);
        if (!run.paused) fail('busy', 'Training is running; pause it before stepping.');
        if (req.config) fail('busy', 'A run is paused; stop it before stepping with other settings.');
        return (await run.step()) ?? fail('not-training', 'The run ended before the step.');
      }
      case 'train-set-learning-rate': {
        run?.setLearningRate(req.learningRate);
        if (s.training) s.training = { ...s.training, optimizer: { ...s.training.optimizer, learningRate: req.learningRate } };
        if (s.stepper) s.stepper = null;
        return { learningRate: req.learningRate };
      }
      case 'evaluate': {
        notRunning('evaluating');
        const { model, prepared } = needModel('evaluating');
        return evaluateSplit(model, prepared, req.split);
      }
      case 'evaluate-detail': {
        notRunning('evaluating');
        const { model, prepared } = needModel('evaluating');
        return evaluationDetail(model, prepared, needTable('evaluating'), req.split);
      }
      case 'predict-rows': {
        notRunning('predicting');
        const { model, prepared } = needModel('predicting');
        return predictRecords(model, prepared, req.records);
      }
      case 'predict-file': {
        notRunning('predicting');
        const { model, prepared } = needModel('predicting');
        const file = modelFile(model, prepared);
        const { table, report } = await importSource(req.source);
        return predictFileValue(file, table, report.issues.map((i) => i.message));
      }
      case 'export-model': {
        notRunning('exporting the model');
        const { model, prepared } = needModel('exporting the model');
        return exportModelValue(modelFile(model, prepared), req.format ?? 'native');
      }
      case 'predict-grid': {
        // Also between batches of a run: the live decision map reads the weights as they are.
        notBusyLoading('drawing the decision map');
        const { model, prepared } = needModel('drawing the decision map');
        return predictGrid(model, prepared, { inputs: req.inputs, resolution: req.resolution });
      }
      case 'get-weights': {
        const { model } = needModel('reading the weights');
        return weightsOf(model);
      }
      case 'set-weight': {
        notRunning('editing a weight');
        const { model } = needModel('editing a weight');
        return setWeight(model, req.layer, req.param, req.index, req.value);
      }
      case 'get-session':
        return {
          state: state(), dataset: s.loaded, importOptions: s.importOptions, prep: s.prep, configured: s.configured,
          spec: s.model ? s.model.spec : null, training: s.training, history: [...s.history],
        } satisfies SessionValue;
      case 'snapshot':
        return snapshot();
      case 'restore':
        notBusy('restoring a snapshot');
        return restore(req.snapshot);
    }
  }

  return {
    get state() { return state(); },
    whenIdle: async () => { if (run) await run.done; },
    async handle(message) {
      const parsed = parseRequest(message);
      if (!parsed.ok) {
        send(reply(parsed.id, { ok: false, error: parsed.error }));
        return;
      }
      let result: EngineResult;
      try {
        result = { ok: true, value: await dispatch(parsed.request) };
      } catch (e) {
        result = { ok: false, error: errorInfo(e) };
      }
      keepTrainingRowsResident();
      try {
        send(reply(parsed.request.id, result));
      } catch (e) {
        // The reply could not be sent (e.g. a value the transport cannot clone): say so rather than go silent.
        send(reply(parsed.request.id, { ok: false, error: errorInfo(e) }));
        send({ type: 'engine-error', error: errorInfo(e) });
      }
    },
  };
}
