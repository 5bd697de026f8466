/**
 * The engine protocol: every request, reply and event between a UI (or CLI,
 * or test) and the engine, as discriminated unions. Requests are validated
 * with zod when they arrive (`parseRequest`), because they cross a process
 * boundary; replies and events are built by the engine and only typed.
 */
import { z } from 'zod';
import type { SkippedRows } from '../data/csv-reader';
import type { PrepConfig } from '../data/prep/config';
import type { ClassificationDiagnostics, RegressionReport } from '../train/diagnostics';
import type { BlobLike } from '../data/source';
import { prepConfigSchema } from '../data/prep/config-schema';
import { epochLogSchema, networkSpecSchema, trainConfigSchema } from '../model-io/format';
import type { ColumnKind, ColumnStats } from '../data/table';
import type { EpochLog, MetricValues } from '../train/config';

/** Bumped whenever a request, reply or event changes shape. */
export const PROTOCOL_VERSION = 1;

/** Data splits that `evaluate` can measure. */
export const SPLITS = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];

/** Formats `export-model` can write: the native model file, ONNX, TF.js, Python and a JavaScript module. */
export const EXPORT_FORMATS = ['native', 'onnx', 'tfjs', 'python', 'js'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const id = z.number().int();
const name = z.string().min(1);

/**
 * A dataset source: text or bytes sent along, or a `path` the engine opens
 * itself through its host's `EngineFiles` (desktop, CLI), streamed from disk.
 * A snapshot of a path-loaded dataset stays small: it keeps the path.
 */
export const datasetSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('text'), name, text: z.string() }),
  z.strictObject({ kind: z.literal('bytes'), name, bytes: z.instanceof(Uint8Array) }),
  z.strictObject({ kind: z.literal('path'), path: z.string().min(1) }),
  /** A browser `File`/`Blob` (it crosses to a Web Worker by reference), read slice by slice. */
  z.strictObject({ kind: z.literal('blob'), name, blob: z.custom<BlobLike>(isBlobLike, 'a File or Blob') }),
]);

/** Whether a value can be read as a `blob` source (a `File`/`Blob`, also after a structured clone). */
function isBlobLike(value: unknown): value is BlobLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { size?: unknown; slice?: unknown };
  return typeof v.size === 'number' && typeof v.slice === 'function';
}
export type DatasetSource = z.infer<typeof datasetSourceSchema>;

/** The user's import choices (see `CsvReadOptions`); anything left out is detected. */
export const importOptionsSchema = z.strictObject({
  encoding: z.string().optional(),
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  hasHeader: z.boolean().optional(),
  decimalComma: z.boolean().optional(),
  missingTokens: z.array(z.string()).optional(),
  onRaggedRows: z.enum(['error', 'skip']).optional(),
});
export type ImportChoices = z.infer<typeof importOptionsSchema>;

const cell = z.union([z.string(), z.number(), z.null()]);

/** Everything needed to rebuild an engine after a crash or from a project file. */
export const engineSnapshotSchema = z.strictObject({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  dataset: datasetSourceSchema.nullable(),
  /** The import choices the dataset was loaded with. */
  importOptions: importOptionsSchema.optional(),
  prep: prepConfigSchema.nullable(),
  spec: networkSpecSchema.nullable(),
  training: trainConfigSchema.nullable(),
  /** `model.getWeights()` as plain numbers (float32 values survive the round trip exactly). */
  weights: z.array(z.array(z.number())).nullable(),
  history: z.array(epochLogSchema),
});
export type EngineSnapshot = z.infer<typeof engineSnapshotSchema>;

const request = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.strictObject({ id, type: z.literal(type), ...shape });

/** Every request, as a zod schema (strict: unknown fields are reported). */
export const requestSchema = z.discriminatedUnion('type', [
  request('hello', { protocolVersion: z.number().int().optional() }),
  request('load-dataset', { source: datasetSourceSchema, options: importOptionsSchema.optional() }),
  /** Stops the `load-dataset` in progress; its reply is then the `cancelled` error. */
  request('cancel-import', {}),
  request('get-rows', { offset: z.number().int().min(0), limit: z.number().int().min(0).max(10_000) }),
  request('get-column-stats', {}),
  /** Rows of a split as the network sees them: preprocessed inputs and encoded targets (at most 100). */
  request('get-prepared-rows', { split: z.enum(SPLITS), offset: z.number().int().min(0), limit: z.number().int().min(1).max(100) }),
  request('configure-data', { config: prepConfigSchema }),
  /** Creates or replaces the model; `seed` draws the initial weights (default 1). */
  request('create-model', { spec: networkSpecSchema, seed: z.number().int().optional() }),
  /** Starts a background run from the current weights; the reply comes before any training event. `seed` drives shuffling (default 1). */
  request('train-start', { config: trainConfigSchema, seed: z.number().int().optional() }),
  request('train-pause', {}),
  request('train-resume', {}),
  request('train-stop', {}),
  /**
   * Trains exactly one batch. While a run is paused: its next batch (the run
   * stays paused). Otherwise, with a `config`, a new stepping sequence starts
   * (fresh optimizer state, first batch); without one, the current sequence
   * goes on (or one starts with the last train-start's settings).
   */
  request('train-step', { config: trainConfigSchema.optional() }),
  /** Changes the learning rate: of the paused or running run from its next batch, and of later runs and steps. */
  request('train-set-learning-rate', { learningRate: z.number().positive().max(1e3) }),
  request('evaluate', { split: z.enum(SPLITS) }),
  /** Metrics plus the Evaluate view's detail: confusion matrix / ROC or residuals, and the worst rows. */
  request('evaluate-detail', { split: z.enum(SPLITS) }),
  request('predict-rows', { records: z.array(z.record(z.string(), cell)) }),
  /** Predicts every row of a CSV with the current model and preprocessing; replies with the predictions as CSV. */
  request('predict-file', { source: datasetSourceSchema }),
  /** The model in one format (default `native`: the app's own model file). */
  request('export-model', { format: z.enum(EXPORT_FORMATS).optional() }),
  request('get-weights', {}),
  /**
   * The decision map: the output over a grid of two inputs (`inputs`, default
   * the first two; others at their means), hidden-neuron thumbnails, training points.
   */
  request('predict-grid', {
    inputs: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
    resolution: z.number().int().min(2).max(200).optional(),
  }),
  /** Sets one parameter: `w[index]` (row-major [inputs × units]) or `b[index]` of dense layer `layer`. */
  request('set-weight', {
    layer: z.number().int().min(0), param: z.enum(['w', 'b']), index: z.number().int().min(0), value: z.number(),
  }),
  /** Everything a page needs to show the current session after it (re)connects. */
  request('get-session', {}),
  request('snapshot', {}),
  request('restore', { snapshot: engineSnapshotSchema }),
]);
export type EngineRequest = z.infer<typeof requestSchema>;
export type RequestType = EngineRequest['type'];

/** A failure that crosses the boundary as data. */
export interface EngineErrorInfo {
  /** Stable machine-readable code, e.g. `bad-request`, `no-dataset`, `busy`. */
  code: string;
  /** A sentence for the user. */
  message: string;
}

export type EngineResult<T = unknown> = { ok: true; value: T } | { ok: false; error: EngineErrorInfo };

/** The one reply to a request, with the request's id (−1 when the request had none). */
export interface EngineReply<T = unknown> {
  id: number;
  type: 'reply';
  result: EngineResult<T>;
}

/** The lifecycle state the engine is in. */
export type EngineState = 'idle' | 'data-loaded' | 'data-ready' | 'model-ready' | 'training' | 'paused';

/** How a training run ended; `failed` is any non-divergence error (its `error` says which). */
export type FinishReason = 'completed' | 'stopped' | 'early-stop' | 'diverged' | 'failed';

/** Events the engine sends without being asked (no id). */
export type EngineEvent =
  | { type: 'import-progress'; bytesRead: number; totalBytes: number | null; rows: number }
  | {
    type: 'train-progress';
    epoch: number;
    batch: number;
    batches: number;
    /** Exponential moving average of recent batch losses. */
    loss: number;
    samplesPerSec: number;
    /** Seconds to the last epoch at the current rate (null before the rate is known). */
    etaSeconds: number | null;
  }
  | { type: 'train-epoch'; log: EpochLog }
  | { type: 'train-finished'; reason: FinishReason; epochs: number; error?: EngineErrorInfo }
  | { type: 'engine-error'; error: EngineErrorInfo };

export type EngineMessage = EngineReply | EngineEvent;

/** One column's summary for the data view (`get-column-stats`). */
export interface ColumnSummary {
  name: string;
  index: number;
  kind: ColumnKind;
  stats: ColumnStats;
}

/** What an import found, for the import report. */
export interface ImportReportValue {
  encoding: string;
  encodingConfidence: number;
  delimiter: string;
  decimalComma: boolean;
  hasHeader: boolean;
  generatedHeader: boolean;
  rowsRead: number;
  /** Rows left out and why (`ragged-row`, `blank-line`), with the first few line numbers. */
  rowsSkipped: SkippedRows[];
  warnings: string[];
}

/** `load-dataset` value. */
export interface LoadDatasetValue {
  name: string;
  rows: number;
  columns: ColumnSummary[];
  report: ImportReportValue;
  /** Data settings to start from: default roles, the task the target suggests, a 70/15/15 split. */
  suggested: PrepConfig;
}

/** `configure-data` value: the widths the network must have, the rows per split. */
export interface ConfigureValue {
  inputs: number;
  outputs: number;
  /** One name per network input, e.g. `sepal_length_cm`, `island=Biscoe` (one-hot), `age (missing)`. */
  inputNames: string[];
  /** One name per network output, e.g. `species=setosa`, or the target columns (regression). */
  outputNames: string[];
  rows: { train: number; validation: number; test: number };
  /** Class labels in output order (classification), else null. */
  labels: string[] | null;
  warnings: string[];
  /** Whether the existing model still fits and was kept. */
  modelKept: boolean;
}

/** `get-session` value. */
export interface SessionValue {
  state: EngineState;
  dataset: LoadDatasetValue | null;
  importOptions: ImportChoices;
  prep: EngineSnapshot['prep'];
  configured: ConfigureValue | null;
  /** The model's spec (null without a model). */
  spec: EngineSnapshot['spec'];
  training: EngineSnapshot['training'];
  history: EngineSnapshot['history'];
}

/** `get-rows` value: cells as shown (strings for text columns, numbers, null = missing). */
export interface RowsPage {
  offset: number;
  totalRows: number;
  columns: string[];
  rows: (string | number | null)[][];
}

/** `get-prepared-rows` value. */
export interface PreparedRowsValue {
  split: SplitName;
  offset: number;
  /** Rows in the split. */
  total: number;
  /** Network inputs per row (after scaling and encoding). */
  rows: number[][];
  /** Encoded targets per row (one-hot, 0/1, or scaled values). */
  targets: number[][];
  /** Each row's 1-based data row in the file. */
  dataRows: number[];
}

/** `evaluate` value. */
export interface EvaluationValue {
  split: SplitName;
  rows: number;
  metrics: MetricValues & { loss: number };
}

/** A row the model got badly wrong, with its original cells. */
export interface WorstRow {
  /** 1-based data row of the file. */
  row: number;
  values: Record<string, string | number | null>;
  /** The class (one entry) or the target values. */
  actual: (string | number)[];
  predicted: (string | number)[];
  /** 1 − p(true class), or the mean absolute error over the targets. */
  error: number;
}

/** `evaluate-detail` value. */
export interface EvaluationDetail extends EvaluationValue {
  classification: ClassificationDiagnostics | null;
  regression: RegressionReport[] | null;
  /** The worst rows, worst first. */
  worst: WorstRow[];
}

/** `predict-grid` value; coordinates are the network's (scaled) input units, rows top (max y) to bottom. */
export interface GridValue {
  inputs: [number, number];
  names: [string, string];
  resolution: number;
  x: { min: number; max: number };
  y: { min: number; max: number };
  /** binary: `values` = p(second label); classes: `classes` = predicted class, `values` = its probability; regression: the prediction. */
  kind: 'binary' | 'classes' | 'regression';
  labels: string[] | null;
  values: Float32Array;
  classes: Uint8Array | null;
  range: { min: number; max: number };
  /** Each hidden layer's activations on a small grid: [units × resolution²]. */
  neurons: { layer: number; units: number; resolution: number; values: Float32Array }[];
  /** Training points: coordinates and class index or target value. */
  points: { x: Float32Array; y: Float32Array; target: Float32Array };
}

/** `get-weights` value: every dense layer's parameters, for live visualisation (sent on request only). */
export interface WeightsValue {
  layers: {
    inputs: number;
    units: number;
    /** Kernel, row-major [inputs × units]. */
    w: number[];
    b: number[] | null;
  }[];
}

/** `predict-rows` value. */
export type PredictionsValue =
  | { kind: 'classes'; labels: string[]; predicted: string[]; probabilities: number[][]; warnings: string[] }
  | { kind: 'regression'; columns: string[]; values: number[][]; warnings: string[] };

/** `predict-file` value: the input columns then the predictions, as CSV text (see `predictionsCsv`). */
export interface PredictFileValue {
  csv: string;
  /** Data rows in `csv` (the header not counted). */
  rows: number;
  /** Import warnings, then warnings about values the preprocessing could not use. */
  warnings: string[];
}

/** One file of an export: text or bytes, never both. */
export interface ExportedFile {
  name: string;
  text?: string;
  bytes?: Uint8Array;
}

/**
 * `export-model` value. For `native`, `text` also holds the model file
 * (the reply's original shape, which the CLI reads).
 */
export type ExportValue =
  | { format: 'native'; text: string; files: ExportedFile[] }
  | { format: Exclude<ExportFormat, 'native'>; files: ExportedFile[] };

/** Builds a reply. */
export function reply<T>(requestId: number, result: EngineResult<T>): EngineReply<T> {
  return { id: requestId, type: 'reply', result };
}

/** Validates an incoming message; a failure names the field and the problem and keeps the id when there is one. */
export function parseRequest(message: unknown): { ok: true; request: EngineRequest } | { ok: false; id: number; error: EngineErrorInfo } {
  const raw = typeof message === 'object' && message !== null && !Array.isArray(message) ? (message as Record<string, unknown>) : null;
  const rawId = raw && typeof raw['id'] === 'number' && Number.isInteger(raw['id']) ? raw['id'] : -1;
  if (!raw) return { ok: false, id: -1, error: badRequest(`expected a request object, got ${describe(message)}`) };
  if (typeof raw['type'] !== 'string') return { ok: false, id: rawId, error: badRequest(`expected a string "type", got ${describe(raw['type'])}`) };
  const known = requestSchema.options.some((o) => o.shape.type.value === raw['type']);
  if (!known) return { ok: false, id: rawId, error: badRequest(`unknown request type "${raw['type']}"`) };
  const parsed = requestSchema.safeParse(message);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.map(String).join('.') : '(message)';
    // Our schemas' messages are phrases ("a positive number"); zod's own are sentences ("Too small: …").
    const what = /^[a-z0-9"]/.test(issue.message) ? `expected ${issue.message}` : issue.message;
    return { ok: false, id: rawId, error: badRequest(`"${raw['type']}" request at ${where}: ${what}`) };
  }
  return { ok: true, request: parsed.data };
}

function badRequest(detail: string): EngineErrorInfo {
  return { code: 'bad-request', message: `Bad request: ${detail}.` };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string "${value.slice(0, 40)}"` : typeof value;
}
