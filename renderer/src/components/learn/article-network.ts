/**
 * The article's 3-2-2 network (seed NOTES §5) with the example weights, input
 * and target the Learn page shows (the same as tests/unit/learn/backprop-seed.test.ts):
 * h1 = sigmoid(w1 i1 + w2 i2 + w3 i3), h2 = w4 i1 + w5 i2 + w6 i3 (linear, no bias),
 * f1 = sigmoid(w7 h1 + w8 h2 + b1), f2 = sigmoid(w9 h1 + w10 h2 + b2), L = ½Σ(f − y)².
 */
import type { LayerArrays, ParamRef } from '../../../../core/learn/backprop-types';
import { articleNotation, generalNotation, type Notation } from '../../../../core/learn/backprop-notation';
import type { NetworkSpec } from '../../../../core/nn/spec';
import { latexToText } from './math';

export const ARTICLE_WEIGHTS = { w1: 0.15, w2: -0.2, w3: 0.25, w4: 0.3, w5: 0.45, w6: -0.5, w7: 0.4, w8: -0.35, w9: 0.55, w10: 0.6, b1: 0.1, b2: -0.05 };
export const ARTICLE_INPUT = [0.5, -1.0, 2.0];
export const ARTICLE_TARGET = [0.9, 0.1];

const a = ARTICLE_WEIGHTS;
const kernel0 = [a.w1, a.w4, a.w2, a.w5, a.w3, a.w6];
const kernel1 = [a.w7, a.w9, a.w8, a.w10];

export const ARTICLE_SPEC: NetworkSpec = {
  inputs: 3,
  layers: [
    { units: 2, activation: 'linear', unitActivations: ['sigmoid', 'linear'], useBias: false, kernelInitializer: { kind: 'given', values: kernel0 } },
    { units: 2, activation: 'sigmoid', kernelInitializer: { kind: 'given', values: kernel1 }, biasInitializer: { kind: 'given', values: [a.b1, a.b2] } },
  ],
  loss: 'half-sse',
};

export function articleWeights(): LayerArrays[] {
  return [{ w: [...kernel0], b: null }, { w: [...kernel1], b: [a.b1, a.b2] }];
}

/** A few more examples for the batch table (the first is the page's example). */
export const ARTICLE_BATCH = [
  { input: ARTICLE_INPUT, target: ARTICLE_TARGET },
  { input: [1, 0.5, -1], target: [0.2, 0.8] },
  { input: [-0.5, 2, 0], target: [0.6, 0.3] },
];

/** Plain-text node names of a notation. */
export const nodeText = (n: Notation, layer: number, unit: number): string => latexToText(layer < 0 ? n.input(unit) : n.out(layer, unit));

/**
 * The accessible name of a parameter: "w7" / "b1" in the article's notation,
 * "w from x1 to a(1)2" / "b of a(2)1" elsewhere.
 */
export function paramName(n: Notation, p: ParamRef): string {
  if (n === articleNotation) return latexToText(n.param(p));
  if (p.kind === 'b') return `b of ${nodeText(generalNotation, p.layer, p.to)}`;
  return `w from ${nodeText(generalNotation, p.layer - 1, p.from ?? 0)} to ${nodeText(generalNotation, p.layer, p.to)}`;
}

export const paramKey = (p: ParamRef): string => (p.kind === 'w' ? `l-${p.layer}-${p.from ?? 0}-${p.to}` : `b-${p.layer}-${p.to}`);
