import type { NetworkSpec } from '../nn/spec';
import type { ForwardTrace, ParamRef } from './backprop-types';

/**
 * LaTeX of ∂L/∂param, built from the δ recursion and printed expanded:
 *   δ^(L)_k = ∂L/∂f_k · g′(u_k),   δ^(l)_j = [Σ_k δ^(l+1)_k w_jk] · g′(u_j),
 *   ∂L/∂w_ij = δ_j · in_i,   ∂L/∂b_j = δ_j.
 * Factors are joined with `\,`, sums of several terms are bracketed with
 * `\left[ … \right]`, and g′ = 1 of a linear unit is left out. For the
 * article's network this gives, for w7, `(f_1 - y_1)\,f_1(1 - f_1)\,h_1`.
 */

/** Names of nodes, links and targets, as LaTeX (layers and units 0-based, as in the spec). */
export interface Notation {
  readonly id: 'article' | 'general';
  input(index: number): string;
  /** The output of a unit (h_1, f_1 / a^{(1)}_{1}). */
  out(layer: number, unit: number): string;
  /** The pre-activation of a unit (u_2 / z^{(1)}_{1}). */
  pre(layer: number, unit: number): string;
  weight(layer: number, from: number, to: number): string;
  bias(layer: number, unit: number): string;
  target(output: number): string;
  /** The parameter's own symbol. */
  param(p: ParamRef): string;
}

const sub = (n: number): string => (n < 10 ? `_${n}` : `_{${n}}`);

/**
 * The article's names for its 3-2-2 network (seed NOTES §5), mapped onto the
 * library's layout: inputs i1..i3; hidden h1 (pre-activation u2) and h2
 * (linear: its pre-activation is h2 itself); outputs f1 (u1), f2 (u3);
 * w1, w2, w3 from i1, i2, i3 into h1 and w4, w5, w6 into h2 — kernel 0
 * entry (from r, to c) is w_{3c + r + 1}; w7, w8 from h1, h2 into f1 and
 * w9, w10 into f2 — kernel 1 entry (r, c) is w_{7 + 2c + r}; b1, b2 the
 * output biases; targets y1, y2.
 */
export const articleNotation: Notation = {
  id: 'article',
  input: (i) => `i${sub(i + 1)}`,
  out: (l, j) => (l === 0 ? `h${sub(j + 1)}` : `f${sub(j + 1)}`),
  pre: (l, j) => (l === 1 ? ['u_1', 'u_3'][j]! : j === 0 ? 'u_2' : 'h_2'),
  weight: (l, from, to) => (l === 0 ? `w${sub(3 * to + from + 1)}` : `w${sub(7 + 2 * to + from)}`),
  bias: (l, j) => {
    if (l !== 1) throw new RangeError('the article\'s hidden layer has no bias');
    return `b${sub(j + 1)}`;
  },
  target: (k) => `y${sub(k + 1)}`,
  param: (p) => (p.kind === 'w' ? articleNotation.weight(p.layer, p.from ?? 0, p.to) : articleNotation.bias(p.layer, p.to)),
};

/** Textbook names for any network: x_i, z^{(l)}_j, a^{(l)}_j, w^{(l)}_{j,i} (into unit j from i), b^{(l)}_j, y_k; l is 1-based. */
export const generalNotation: Notation = {
  id: 'general',
  input: (i) => `x_{${i + 1}}`,
  out: (l, j) => `a^{(${l + 1})}_{${j + 1}}`,
  pre: (l, j) => `z^{(${l + 1})}_{${j + 1}}`,
  weight: (l, from, to) => `w^{(${l + 1})}_{${to + 1},${from + 1}}`,
  bias: (l, j) => `b^{(${l + 1})}_{${j + 1}}`,
  target: (k) => `y_{${k + 1}}`,
  param: (p) => (p.kind === 'w' ? generalNotation.weight(p.layer, p.from ?? 0, p.to) : generalNotation.bias(p.layer, p.to)),
};

/** Whether a spec has the article's shape: 3 inputs, 2 hidden units without bias, 2 outputs with bias. */
export function isArticleNetwork(spec: NetworkSpec): boolean {
  const [h, o] = spec.layers;
  return spec.inputs === 3 && spec.layers.length === 2 && h !== undefined && o !== undefined
    && h.units === 2 && h.useBias === false && o.units === 2 && o.useBias !== false;
}

/** A number for substitution into LaTeX: 4 significant digits, negatives in parentheses. */
export function latexValue(v: number): string {
  const s = String(Number(v.toPrecision(4)));
  const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(s);
  const body = m ? `${m[1]!} \\times 10^{${m[2]!.replace('+', '')}}` : s;
  return v < 0 ? `(${body})` : body;
}

const join = (factors: readonly string[]): string => factors.filter((f) => f !== '').join('\\,');
const bracket = (terms: readonly string[]): string => (terms.length === 1 ? terms[0]! : `\\left[${terms.join(' + ')}\\right]`);

/** What a term of a formula stands for, so a page can colour it like the node or link it comes from. */
export type TermKind = 'output' | 'pre' | 'target' | 'weight' | 'input';
// `input` also colours the value a weight multiplies when it is a hidden unit's output (the parameter's source).
/** A colour (`#rrggbb`) per kind of term; kinds left out stay uncoloured. */
export type TermColors = Partial<Record<TermKind, string>>;

/**
 * The derivative's LaTeX in symbols (`latex`) and with the trace's numbers
 * substituted (`numeric`). With `colors`, every term is wrapped in
 * `\color{…}{…}` by what it stands for (outputs, pre-activations, targets,
 * weights, inputs), so the numbers read as chips tied to the drawing.
 */
export function symbolicFormula(trace: ForwardTrace, param: ParamRef, notation: Notation, colors: TermColors = {}): { latex: string; numeric: string } {
  return { latex: build(trace, param, notation, false, colors), numeric: build(trace, param, notation, true, colors) };
}

function build(t: ForwardTrace, param: ParamRef, n: Notation, numeric: boolean, colors: TermColors): string {
  const last = t.spec.layers.length - 1;
  const K = t.spec.layers[last]!.units;
  const c = (kind: TermKind, s: string): string => (colors[kind] ? `{\\color{${colors[kind]}}{${s}}}` : s);
  const o = (l: number, j: number): string => c('output', numeric ? latexValue(t.out[l]![j]!) : n.out(l, j));
  const u = (l: number, j: number): string => c('pre', numeric ? latexValue(t.u[l]![j]!) : n.pre(l, j));
  const y = (k: number): string => c('target', numeric ? latexValue(t.target[k]!) : n.target(k));
  const w = (l: number, from: number, to: number): string => {
    const units = t.spec.layers[l]!.units;
    return c('weight', numeric ? latexValue(t.weights[l]!.w[from * units + to]!) : n.weight(l, from, to));
  };
  const perK = (s: string): string => (K === 1 ? s : `\\tfrac{1}{${K}}${s}`);

  const lossDer = (k: number): string => {
    const r = `(${o(last, k)} - ${y(k)})`;
    switch (t.spec.loss) {
      case 'half-sse': return r;
      case 'mse': return K === 1 ? `2${r}` : `\\tfrac{2}{${K}}${r}`;
      case 'mae': return perK(`\\operatorname{sign}${r}`);
      case 'huber': return perK(`\\operatorname{clip}_{\\delta}${r}`);
      case 'binary-crossentropy': return `\\frac{${o(last, k)} - ${y(k)}}{${K === 1 ? '' : `${K}\\,`}${o(last, k)}(1 - ${o(last, k)})}`;
      case 'categorical-crossentropy': return `\\left(-\\frac{${y(k)}}{${o(last, k)}}\\right)`;
    }
  };
  const actDer = (l: number, j: number): string => {
    switch (t.activations[l]![j]!) {
      case 'linear': return '';
      case 'sigmoid': return `${o(l, j)}(1 - ${o(l, j)})`;
      case 'tanh': return `(1 - {${o(l, j)}}^2)`;
      case 'relu': return `\\mathbb{1}[${u(l, j)} > 0]`;
      case 'leaky-relu': return `\\operatorname{lrelu}'(${u(l, j)})`;
      case 'elu': return `\\operatorname{elu}'(${u(l, j)})`;
      case 'softmax': return '';
    }
  };
  const softmaxDer = (k: number, j: number): string => (k === j ? `${o(last, j)}(1 - ${o(last, j)})` : `(-${o(last, k)}\\,${o(last, j)})`);

  const delta = (l: number, j: number): string[] => {
    if (l === last) {
      if (t.spec.layers[last]!.activation === 'softmax') return t.out[last]!.map((_, k) => join([lossDer(k), softmaxDer(k, j)]));
      return [join([lossDer(j), actDer(l, j)])];
    }
    const terms = t.u[l + 1]!.map((_, k) => join([bracket(delta(l + 1, k)), w(l + 1, j, k)]));
    return [join([bracket(terms), actDer(l, j)])];
  };

  const d = bracket(delta(param.layer, param.to));
  if (param.kind === 'b') return d;
  const from = param.from ?? 0;
  // The value the weight multiplies (an input, or the previous layer's output) is coloured as the parameter's source.
  const source = param.layer === 0
    ? c('input', numeric ? latexValue(t.input[from]!) : n.input(from))
    : c('input', numeric ? latexValue(t.out[param.layer - 1]![from]!) : n.out(param.layer - 1, from));
  return join([d, source]);
}
