import { dependsOn, type BinaryOp, type Expr, type FunctionName, type VariableName } from './expression';

/**
 * Symbolic differentiation of an `Expr` by the usual rules, building the
 * result through simplifying constructors so trivial terms vanish
 * (0·a → 0, 1·a → a, a + 0 → a, a^1 → a, constant folding) and
 * d/dx (x⁴ − 3x² + x) prints as `4*x^3 - 6*x + 1`.
 */

const num = (value: number): Expr => ({ kind: 'num', value });
const isNum = (e: Expr, v?: number): e is { kind: 'num'; value: number } => e.kind === 'num' && (v === undefined || e.value === v);
const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'bin', op, left, right });
const call = (fn: FunctionName, arg: Expr): Expr => ({ kind: 'call', fn, arg });

/** −a, folding numbers and double negation. */
export function neg(a: Expr): Expr {
  if (isNum(a)) return num(a.value === 0 ? 0 : -a.value);
  if (a.kind === 'neg') return a.arg;
  return { kind: 'neg', arg: a };
}

/** a + b, dropping zeros, folding numbers, and writing a + (−b) as a − b. */
export function add(a: Expr, b: Expr): Expr {
  if (isNum(a, 0)) return b;
  if (isNum(b, 0)) return a;
  if (isNum(a) && isNum(b)) return num(a.value + b.value);
  if (b.kind === 'neg') return sub(a, b.arg);
  if (isNum(b) && b.value < 0) return bin('-', a, num(-b.value));
  return bin('+', a, b);
}

/** a − b, dropping zeros, folding numbers, and writing a − (−b) as a + b. */
export function sub(a: Expr, b: Expr): Expr {
  if (isNum(b, 0)) return a;
  if (isNum(a, 0)) return neg(b);
  if (isNum(a) && isNum(b)) return num(a.value - b.value);
  if (b.kind === 'neg') return add(a, b.arg);
  if (isNum(b) && b.value < 0) return bin('+', a, num(-b.value));
  return bin('-', a, b);
}

/** Splits a product into its numeric coefficient and the rest (null when it is only a number). */
function splitCoefficient(e: Expr): [number, Expr | null] {
  if (e.kind === 'num') return [e.value, null];
  if (e.kind === 'neg') { const [c, r] = splitCoefficient(e.arg); return [-c, r]; }
  if (e.kind === 'bin' && e.op === '*') {
    const [c1, r1] = splitCoefficient(e.left), [c2, r2] = splitCoefficient(e.right);
    return [c1 * c2, r1 && r2 ? bin('*', r1, r2) : r1 ?? r2];
  }
  return [1, e];
}

/** a · b with all numeric factors collected in front: 0·a → 0, 1·a → a, 3·(2·x) → 6·x, a·(−b) → −(a·b). */
export function mul(a: Expr, b: Expr): Expr {
  const [ca, ra] = splitCoefficient(a), [cb, rb] = splitCoefficient(b);
  const c = ca * cb;
  if (c === 0) return num(0);
  const rest = ra && rb ? bin('*', ra, rb) : ra ?? rb;
  if (!rest) return num(c);
  if (c === 1) return rest;
  if (c === -1) return { kind: 'neg', arg: rest };
  return c < 0 ? { kind: 'neg', arg: bin('*', num(-c), rest) } : bin('*', num(c), rest);
}

/** a / b: 0/b → 0, a/1 → a, numbers folded. */
export function div(a: Expr, b: Expr): Expr {
  if (isNum(a, 0)) return num(0);
  if (isNum(b, 1)) return a;
  if (isNum(a) && isNum(b) && b.value !== 0) return num(a.value / b.value);
  if (a.kind === 'neg') return neg(div(a.arg, b));
  return bin('/', a, b);
}

/** a ^ b: a^1 → a, a^0 → 1, numbers folded. */
export function pow(a: Expr, b: Expr): Expr {
  if (isNum(b, 1)) return a;
  if (isNum(b, 0)) return num(1);
  if (isNum(a) && isNum(b)) return num(Math.pow(a.value, b.value));
  return bin('^', a, b);
}

/** Rebuilds a tree through the simplifying constructors (e.g. after parsing `1*x + 0`). */
export function simplify(e: Expr): Expr {
  switch (e.kind) {
    case 'num': case 'var': case 'const': return e;
    case 'neg': return neg(simplify(e.arg));
    case 'call': return call(e.fn, simplify(e.arg));
    case 'bin': {
      const l = simplify(e.left), r = simplify(e.right);
      switch (e.op) {
        case '+': return add(l, r);
        case '-': return sub(l, r);
        case '*': return mul(l, r);
        case '/': return div(l, r);
        case '^': return pow(l, r);
      }
    }
  }
}

/** g′(a) for each function g, as an expression in a (chain rule applied by the caller). */
function outerDerivative(fn: FunctionName, a: Expr): Expr {
  switch (fn) {
    case 'sin': return call('cos', a);
    case 'cos': return neg(call('sin', a));
    case 'tan': return div(num(1), pow(call('cos', a), num(2)));
    case 'exp': return call('exp', a);
    case 'log': return div(num(1), a);
    case 'sqrt': return div(num(1), mul(num(2), call('sqrt', a)));
    case 'abs': return call('sign', a);
    case 'tanh': return sub(num(1), pow(call('tanh', a), num(2)));
    case 'sigmoid': return mul(call('sigmoid', a), sub(num(1), call('sigmoid', a)));
    case 'relu': return call('step', a);
    // step and sign are piecewise constant: derivative 0 wherever it exists.
    case 'step': case 'sign': return num(0);
  }
}

/**
 * ∂e/∂v, simplified. Rules: sum, product (f′g + fg′), quotient
 * ((f′g − fg′)/g²), power (n·f^(n−1)·f′ for constant n; a^g·ln a·g′ for
 * constant a; f^g·(g′ ln f + g f′/f) otherwise) and the chain rule for calls.
 */
export function derivative(e: Expr, v: VariableName): Expr {
  switch (e.kind) {
    case 'num': case 'const': return num(0);
    case 'var': return num(e.name === v ? 1 : 0);
    case 'neg': return neg(derivative(e.arg, v));
    case 'call': return mul(outerDerivative(e.fn, e.arg), derivative(e.arg, v));
    case 'bin': {
      const f = e.left, g = e.right;
      const df = derivative(f, v), dg = derivative(g, v);
      switch (e.op) {
        case '+': return add(df, dg);
        case '-': return sub(df, dg);
        case '*': return add(mul(df, g), mul(f, dg));
        case '/': return div(sub(mul(df, g), mul(f, dg)), pow(g, num(2)));
        case '^': {
          if (!dependsOn(g, v)) {
            const lower = isNum(g) ? num(g.value - 1) : sub(g, num(1));
            return mul(mul(g, pow(f, lower)), df);
          }
          if (!dependsOn(f, v)) return mul(mul(e, call('log', f)), dg);
          return mul(e, add(mul(dg, call('log', f)), div(mul(g, df), f)));
        }
      }
    }
  }
}
