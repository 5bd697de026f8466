/**
 * What the Export view's cards preview: the first lines of a text export,
 * and short summaries of the binary and multi-file ones (ONNX from the
 * model's spec, TF.js from its model.json).
 */
import type { ExportFormat, ExportValue } from '../../../../core/engine/protocol';
import type { NetworkSpec } from '../../../../core/nn/spec';
import { parameterCount } from '../../network/design';

/** Lines of a text preview. */
export const PREVIEW_LINES = 40;

/** Formats whose export is one text file the user may copy. */
export const TEXT_FORMATS: readonly ExportFormat[] = ['native', 'python', 'js'];

/** The order of the cards. */
export const CARD_FORMATS: readonly ExportFormat[] = ['native', 'onnx', 'tfjs', 'python', 'js'];

/** The text of a text export (the first text file). */
export function exportText(value: ExportValue): string | null {
  if (value.format === 'native') return value.text;
  return value.files.find((f) => f.text !== undefined)?.text ?? null;
}

/** The first `limit` lines of `text` and how many more there are. */
export function previewLines(text: string, limit = PREVIEW_LINES): { text: string; more: number } {
  const lines = text.replace(/\n$/, '').split('\n');
  return { text: lines.slice(0, limit).join('\n'), more: Math.max(0, lines.length - limit) };
}

/** Total bytes of an export's files (text as UTF-8). */
export function exportSize(value: ExportValue): number {
  const encoder = new TextEncoder();
  return value.files.reduce((sum, f) => sum + (f.bytes?.length ?? (f.text !== undefined ? encoder.encode(f.text).length : 0)), 0);
}

export interface GraphSummary {
  inputs: number;
  outputs: number;
  layers: number;
  parameters: number;
  files: string[];
  bytes: number;
}

/** ONNX: the graph's widths, dense layers and parameters, from the model's spec. */
export function onnxSummary(spec: NetworkSpec, value: ExportValue): GraphSummary {
  return {
    inputs: spec.inputs,
    outputs: spec.layers.at(-1)?.units ?? 0,
    layers: spec.layers.length,
    parameters: parameterCount(spec),
    files: value.files.map((f) => f.name),
    bytes: exportSize(value),
  };
}

interface TfjsJson {
  modelTopology?: { config?: { layers?: { class_name?: string; config?: { units?: unknown; batch_input_shape?: unknown } }[] } };
  weightsManifest?: { weights?: { shape?: number[] }[] }[];
}

/** TF.js: the topology of model.json (dense layers, widths, weights); null when it cannot be read. */
export function tfjsSummary(value: ExportValue): GraphSummary | null {
  const json = value.files.find((f) => f.name === 'model.json')?.text;
  if (!json) return null;
  let parsed: TfjsJson;
  try {
    parsed = JSON.parse(json) as TfjsJson;
  } catch {
    return null;
  }
  const layers = parsed.modelTopology?.config?.layers ?? [];
  const dense = layers.filter((l) => l.class_name === 'Dense');
  const shape = dense[0]?.config?.batch_input_shape;
  const inputs = Array.isArray(shape) && typeof shape[1] === 'number' ? shape[1] : 0;
  const lastUnits = dense.at(-1)?.config?.units;
  const weights = (parsed.weightsManifest ?? []).flatMap((g) => g.weights ?? []);
  return {
    inputs,
    outputs: typeof lastUnits === 'number' ? lastUnits : 0,
    layers: dense.length,
    parameters: weights.reduce((sum, w) => sum + (w.shape ?? []).reduce((p, d) => p * d, 1), 0),
    files: value.files.map((f) => f.name),
    bytes: exportSize(value),
  };
}
