/** Shared constants of the Learn pages and the small state kept in the project (`{ tab, preset }`). */
export const STEP_MS = 250;
export const LEARN_TABS = ['descent', 'neuron', 'backprop'] as const;
export type LearnTab = (typeof LEARN_TABS)[number];
export type Preset1d = 'unit' | 'raw' | 'oscillation' | 'fix' | 'probe';

export interface LearnState {
  tab: LearnTab;
  preset: Preset1d | null;
}

/** Reads the project's `learn` object, tolerating anything. */
export function readLearnState(raw: Record<string, unknown> | null | undefined): LearnState {
  const tab = (LEARN_TABS as readonly string[]).includes(String(raw?.['tab'])) ? (raw!['tab'] as LearnTab) : 'descent';
  const p = raw?.['preset'];
  const preset = typeof p === 'string' && ['unit', 'raw', 'oscillation', 'fix', 'probe'].includes(p) ? (p as Preset1d) : null;
  return { tab, preset };
}

/** Okabe–Ito colours of the chain-rule factor kinds and of the 2-D optimizers (readable on light and dark). */
export const FACTOR_COLORS = {
  'loss-derivative': '#D55E00',
  'activation-derivative': '#0072B2',
  'softmax-derivative': '#56B4E9',
  weight: '#009E73',
  input: '#CC79A7',
  activation: '#CC79A7',
} as const;
/** The colour of each kind of term inside formulas, matching the factor chips: outputs and pre-activations like activation derivatives, targets like the loss derivative. */
export const TERM_COLORS = {
  output: FACTOR_COLORS['activation-derivative'],
  pre: FACTOR_COLORS['activation-derivative'],
  target: FACTOR_COLORS['loss-derivative'],
  weight: FACTOR_COLORS.weight,
  input: FACTOR_COLORS.input,
} as const;
export const OPTIMIZER_COLORS = { sgd: '#D55E00', momentum: '#009E73', adam: '#CC79A7' } as const;
