import type { Expr, FunctionName } from './expression';

/**
 * Printers for `Expr`: plain text that `parseExpression` reads back (e.g.
 * `4*x^3 - 6*x + 1`) and LaTeX for KaTeX (e.g. `4x^{3} - 6x + 1`).
 * Parentheses are added only where precedence or associativity needs them.
 */

/** Binding strength: sums 1, products 2, unary minus 3, powers 4, atoms 5. */
function precedence(e: Expr): number {
  switch (e.kind) {
    case 'bin': return e.op === '+' || e.op === '-' ? 1 : e.op === '^' ? 4 : 2;
    case 'neg': return 3;
    case 'num': return e.value < 0 ? 3 : 5;
    default: return 5;
  }
}

/** Shortest round-trip decimal; exponents written as `1e-7`, which the parser reads. */
export function formatNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  return String(v).replace('e+', 'e');
}

/** Whether `child` must be parenthesised as the left (`side` 'l') or right operand of `op`, or under unary minus. */
function needsParens(child: Expr, parent: Expr, side: 'l' | 'r'): boolean {
  const c = precedence(child);
  // −(a·b) = (−a)·b, so a product needs no parentheses under a minus.
  if (parent.kind === 'neg') return c < 2;
  if (parent.kind !== 'bin') return false;
  const p = precedence(parent);
  if (parent.op === '^') return side === 'l' ? c <= 4 : c < 3;
  if (c === 3 && side === 'r') return true;
  if (c < p) return true;
  return side === 'r' && c === p && (parent.op === '-' || parent.op === '/');
}

/** Plain-text form, re-parseable: `a + b`, `a - b`, `a*b`, `a/b`, `a^b`, `-a`, `sin(a)`. */
export function toText(e: Expr): string {
  const wrap = (child: Expr, side: 'l' | 'r'): string => (needsParens(child, e, side) ? `(${toText(child)})` : toText(child));
  switch (e.kind) {
    case 'num': return formatNumber(e.value);
    case 'var': return e.name;
    case 'const': return e.name;
    case 'neg': return `-${wrap(e.arg, 'r')}`;
    case 'call': return `${e.fn}(${toText(e.arg)})`;
    case 'bin': {
      const sep = e.op === '+' || e.op === '-' ? ` ${e.op} ` : e.op;
      return `${wrap(e.left, 'l')}${sep}${wrap(e.right, 'r')}`;
    }
  }
}

const LATEX_FUNCTIONS: Readonly<Record<FunctionName, string>> = {
  sin: '\\sin', cos: '\\cos', tan: '\\tan', exp: '\\exp', log: '\\ln', sqrt: '\\sqrt', abs: '',
  tanh: '\\tanh', sigmoid: '\\sigma', relu: '\\operatorname{relu}', step: '\\operatorname{step}', sign: '\\operatorname{sign}',
};

function latexNumber(v: number): string {
  const s = formatNumber(v);
  const m = /^(-?[\d.]+)e(-?\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${m[2]}}` : s;
}

/** Whether the LaTeX of `e` starts with a digit (then a product needs an explicit `\cdot`). */
function startsWithDigit(e: Expr): boolean {
  if (e.kind === 'num') return true;
  if (e.kind === 'bin') return e.op === '/' ? false : startsWithDigit(e.left);
  return false;
}

/** LaTeX for KaTeX: `\frac{a}{b}`, `a^{b}`, juxtaposed products (`\cdot` before a digit), `\sin\left(x\right)`. */
export function toLatex(e: Expr): string {
  const wrap = (child: Expr, side: 'l' | 'r'): string =>
    needsParens(child, e, side) && !(e.kind === 'bin' && e.op === '/') ? `\\left(${toLatex(child)}\\right)` : toLatex(child);
  switch (e.kind) {
    case 'num': return latexNumber(e.value);
    case 'var': return e.name;
    case 'const': return e.name === 'pi' ? '\\pi' : 'e';
    case 'neg': return `-${wrap(e.arg, 'r')}`;
    case 'call':
      if (e.fn === 'sqrt') return `\\sqrt{${toLatex(e.arg)}}`;
      if (e.fn === 'abs') return `\\left|${toLatex(e.arg)}\\right|`;
      return `${LATEX_FUNCTIONS[e.fn]}\\left(${toLatex(e.arg)}\\right)`;
    case 'bin':
      switch (e.op) {
        case '+': case '-': return `${wrap(e.left, 'l')} ${e.op} ${wrap(e.right, 'r')}`;
        case '/': return `\\frac{${toLatex(e.left)}}{${toLatex(e.right)}}`;
        case '^': return `${wrap(e.left, 'l')}^{${toLatex(e.right)}}`;
        case '*': {
          const left = wrap(e.left, 'l'), right = wrap(e.right, 'r');
          const dot = startsWithDigit(e.right) && !needsParens(e.right, e, 'r') ? ' \\cdot ' : /\\[A-Za-z]+$/.test(left) ? ' ' : '';
          return `${left}${dot}${right}`;
        }
      }
  }
}
