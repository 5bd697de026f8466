/**
 * Where the neuron graph draws things (pure, no Vue): one column per layer
 * (inputs, each hidden layer, output), nodes or a collapsed block per column,
 * and the links between neighbouring columns with the colour, width and dash
 * of their weight (the Playground's diverging scale, see UX.md).
 */
import type { WeightsValue } from '../../../core/engine/protocol';

export const COLUMN_WIDTH = 176;
export const NODE_RADIUS = 13;
export const ROW_HEIGHT = 38;
export const TOP = 24;
/** Layers with more units than this are drawn as one block showing their size. */
export const MAX_NODES = 12;
/** Inputs are named, so more of them are drawn one by one before the column collapses. */
export const MAX_INPUT_NODES = 64;
/** Most links drawn between two columns; the strongest are kept. */
export const MAX_LINKS = 600;

const NEGATIVE = [0xf5, 0x93, 0x22] as const;
const ZERO = [0xe8, 0xea, 0xeb] as const;
const POSITIVE = [0x08, 0x77, 0xbd] as const;

/** Colour of a weight: orange (−1) → grey (0) → blue (+1), clamped to [−1, 1]. */
export function weightColor(w: number): string {
  const t = Math.max(-1, Math.min(1, Number.isFinite(w) ? w : 0));
  const to = t < 0 ? NEGATIVE : POSITIVE;
  const a = Math.abs(t);
  const hex = (i: 0 | 1 | 2): string => Math.round(ZERO[i] + (to[i] - ZERO[i]) * a).toString(16).padStart(2, '0');
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}

/** Stroke width of a weight: 1 px at 0 up to 10 px at |w| ≥ 5. */
export function weightWidth(w: number): number {
  const a = Math.min(5, Math.abs(Number.isFinite(w) ? w : 0));
  return 1 + (9 * a) / 5;
}

export interface GraphNode {
  /** Unit index in its column. */
  unit: number;
  x: number;
  y: number;
}

export interface GraphColumn {
  /** −1 for the inputs, else the dense layer index (0 = first hidden layer). */
  layer: number;
  size: number;
  x: number;
  /** Drawn one by one, or collapsed into a block (`nodes` empty). */
  collapsed: boolean;
  nodes: GraphNode[];
  /** The block's extent when collapsed. */
  block: { y: number; height: number } | null;
}

export interface GraphLink {
  key: string;
  /** Dense layer the weight belongs to; `from`/`to` are unit indices (null for a band to or from a block). */
  layer: number;
  from: number | null;
  to: number | null;
  d: string;
  /** Weight (null when not known yet: no model or a band). */
  w: number | null;
}

export interface GraphLayout {
  columns: GraphColumn[];
  links: GraphLink[];
  width: number;
  height: number;
  /** Links left out per dense layer because of `MAX_LINKS`: [layer, drawn, total]. */
  capped: { layer: number; drawn: number; total: number }[];
}

const curve = (x1: number, y1: number, x2: number, y2: number): string => {
  const mx = (x1 + x2) / 2;
  return `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
};

/** Lays out a network of the given widths (`sizes[0]` = inputs), with the weights when known. */
export function layoutGraph(sizes: readonly number[], weights: WeightsValue | null): GraphLayout {
  const shown = sizes.map((n, c) => (n > (c === 0 ? MAX_INPUT_NODES : MAX_NODES) ? 3 : n));
  const rows = Math.max(...shown, 1);
  const height = TOP * 2 + rows * ROW_HEIGHT;
  const columns: GraphColumn[] = sizes.map((size, c) => {
    const x = c * COLUMN_WIDTH + COLUMN_WIDTH / 2;
    const collapsed = shown[c] !== size;
    const top = TOP + ((rows - (shown[c] ?? 0)) * ROW_HEIGHT) / 2;
    return {
      layer: c - 1,
      size,
      x,
      collapsed,
      nodes: collapsed ? [] : Array.from({ length: size }, (_, unit) => ({ unit, x, y: top + unit * ROW_HEIGHT + ROW_HEIGHT / 2 })),
      block: collapsed ? { y: top + 4, height: 3 * ROW_HEIGHT - 8 } : null,
    };
  });
  const links: GraphLink[] = [];
  const capped: GraphLayout['capped'] = [];
  for (let c = 1; c < columns.length; c++) {
    const a = columns[c - 1] as GraphColumn, b = columns[c] as GraphColumn;
    const layer = c - 1;
    const lw = weights?.layers[layer];
    const known = lw && lw.inputs === a.size && lw.units === b.size ? lw : null;
    const x1 = a.x + NODE_RADIUS, x2 = b.x - NODE_RADIUS;
    if (a.collapsed || b.collapsed) {
      // One band: its weight is the mean |w| with the sign of the mean.
      let w: number | null = null;
      if (known && known.w.length) {
        const mean = known.w.reduce((s, v) => s + v, 0) / known.w.length;
        const meanAbs = known.w.reduce((s, v) => s + Math.abs(v), 0) / known.w.length;
        w = Math.sign(mean || 1) * meanAbs;
      }
      const ya = a.block ? a.block.y + a.block.height / 2 : height / 2;
      const yb = b.block ? b.block.y + b.block.height / 2 : height / 2;
      const ends = (col: GraphColumn, y: number): number[] => (col.collapsed ? [y] : col.nodes.map((n) => n.y));
      for (const y1 of ends(a, ya)) {
        for (const y2 of ends(b, yb)) links.push({ key: `${layer}:band:${y1}:${y2}`, layer, from: null, to: null, d: curve(x1, y1, x2, y2), w });
      }
      continue;
    }
    let pairs: { from: number; to: number; w: number | null }[] = [];
    for (const f of a.nodes) for (const t of b.nodes) pairs.push({ from: f.unit, to: t.unit, w: known ? (known.w[f.unit * b.size + t.unit] ?? 0) : null });
    if (pairs.length > MAX_LINKS) {
      const total = pairs.length;
      pairs = [...pairs].sort((p, q) => Math.abs(q.w ?? 0) - Math.abs(p.w ?? 0)).slice(0, MAX_LINKS);
      capped.push({ layer, drawn: MAX_LINKS, total });
    }
    for (const p of pairs) {
      const y1 = (a.nodes[p.from] as GraphNode).y, y2 = (b.nodes[p.to] as GraphNode).y;
      links.push({ key: `${layer}:${p.from}:${p.to}`, layer, from: p.from, to: p.to, d: curve(x1, y1, x2, y2), w: p.w });
    }
  }
  return { columns, links, width: columns.length * COLUMN_WIDTH, height, capped };
}

/**
 * A tiny drawing of an activation's curve for the inside of a neuron, as an
 * SVG path centred on (0, 0) and 14 px wide: the shape says more than a
 * three-letter abbreviation. Sampled from the function itself.
 */
export function activationGlyph(name: string): string {
  const f: Record<string, (x: number) => number> = {
    linear: (x) => x / 3,
    sigmoid: (x) => 1 / (1 + Math.exp(-2 * x)) - 0.5,
    tanh: (x) => Math.tanh(1.5 * x) / 2,
    relu: (x) => Math.max(0, x) / 3 - 0.25,
    'leaky-relu': (x) => (x > 0 ? x : 0.15 * x) / 3 - 0.2,
    elu: (x) => (x > 0 ? x : Math.exp(x) - 1) / 3 - 0.15,
    // Softmax has no one-input curve: a peak among bars, drawn apart below.
  };
  if (name === 'softmax') return 'M-6 4V1M-2 4V-5M2 4V0M6 4V2';
  const g = f[name] ?? f['linear']!;
  const points: string[] = [];
  for (let i = 0; i <= 12; i++) {
    const x = -1.5 + (3 * i) / 12;
    points.push(`${(x * 14) / 3},${(-g(x) * 12).toFixed(2)}`);
  }
  return `M${points.join('L')}`;
}
