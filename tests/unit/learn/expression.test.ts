import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, evaluate, parseExpression, tryParseExpression, type Expr, type FunctionName } from '../../../core/learn/expression';
import { derivative, simplify } from '../../../core/learn/expression-calculus';
import { toLatex, toText } from '../../../core/learn/expression-print';
import { expectClose } from '../../helpers/close';

const d = (text: string, v: 'x' | 'y' = 'x'): string => toText(derivative(parseExpression(text), v));

describe('parseExpression and evaluate', () => {
  it.each([
    ['1e-3', 0, 0, 0.001],
    ['2.5E2 + .5', 0, 0, 250.5],
    ['2^3^2', 0, 0, 512],
    ['-x^2', 3, 0, -9],
    ['x^-1', 4, 0, 0.25],
    ['(x + 1)*(y - 2)', 2, 5, 9],
    ['10 / 4 / 5', 0, 0, 0.5],
    ['8 - 3 - 2', 0, 0, 3],
    ['pi', 0, 0, Math.PI],
    ['e', 0, 0, Math.E],
    ['sin(0) + cos(0) + tan(0) + exp(0) + log(1) + sqrt(4) + abs(-3)', 0, 0, 7],
    ['tanh(0) + sigmoid(0) + relu(-2) + relu(3)', 0, 0, 3.5],
    ['3 − x·2', 1, 0, 1],
  ])('%s at (%d, %d) is %d', (text, x, y, want) => {
    expectClose(evaluate(parseExpression(text), x, y), want, 1e-12);
  });

  it('compiles to a reusable closure', () => {
    const f = compile(parseExpression('x^2 + y^2'));
    expect(f(-5, -5)).toBe(50);
    expect(f(3)).toBe(9);
  });
});

describe('user-facing parse errors', () => {
  it.each([
    ['x + (2))', 'Unexpected ")" at position 8.'],
    ['(x + 1))', 'Unexpected ")" at position 8.'],
    ['2*x + )', 'Unexpected ")" at position 7.'],
    ['foo(x)', 'Unknown function "foo" at position 1.'],
    ['x + z', 'Unknown variable "z" at position 5; use x (and y).'],
    ['', 'The expression is empty.'],
    ['   ', 'The expression is empty.'],
    ['x +', 'Unexpected end of the expression at position 4.'],
    ['(x', 'Missing ")" for the "(" at position 1.'],
    ['1e', 'Malformed number "1e" at position 1.'],
    ['sin x', 'Function "sin" at position 1 needs parentheses, e.g. sin(x).'],
    ['2 # 3', 'Unexpected "#" at position 3.'],
    ['3 x', 'Unexpected "x" at position 3.'],
  ])('%j → %s', (text, message) => {
    expect(() => parseExpression(text)).toThrow(message);
    const r = tryParseExpression(text);
    expect(r).toEqual({ ok: false, error: { code: 'expression', message, position: expect.any(Number) } });
  });

  it('1-D pages accept only x', () => {
    expect(() => parseExpression('x + y', { variables: ['x'] })).toThrow('Unknown variable "y" at position 5; use x.');
  });

  it('reports the position of the error as data', () => {
    expect(tryParseExpression('x + z')).toEqual({ ok: false, error: { code: 'expression', message: 'Unknown variable "z" at position 5; use x (and y).', position: 5 } });
    expect(tryParseExpression('x + 1')).toMatchObject({ ok: true });
  });
});

describe('symbolic derivative and printing', () => {
  it.each([
    ['x^4 - 3*x^2 + x', 'x', '4*x^3 - 6*x + 1'],
    ['x^2', 'x', '2*x'],
    ['x^2 + y^2', 'x', '2*x'],
    ['x^2 + y^2', 'y', '2*y'],
    ['x^2 + 20*y^2', 'y', '40*y'],
    ['3*x + 2', 'x', '3'],
    ['x', 'x', '1'],
    ['y', 'x', '0'],
    ['-x^2', 'x', '-2*x'],
    ['sin(x)*x', 'x', 'cos(x)*x + sin(x)'],
    ['exp(-x^2)', 'x', '-2*exp(-x^2)*x'],
    ['1/x', 'x', '-1/x^2'],
    ['pi*x^2', 'x', '2*pi*x'],
    ['2^x', 'x', '2^x*log(2)'],
    ['sqrt(x)', 'x', '1/(2*sqrt(x))'],
    ['tanh(x)', 'x', '1 - tanh(x)^2'],
    ['sigmoid(x)', 'x', 'sigmoid(x)*(1 - sigmoid(x))'],
    ['relu(x)', 'x', 'step(x)'],
    ['abs(x)', 'x', 'sign(x)'],
    ['(1 - x)^2 + 100*(y - x^2)^2', 'x', '-2*(1 - x) - 400*(y - x^2)*x'],
    ['(1 - x)^2 + 100*(y - x^2)^2', 'y', '200*(y - x^2)'],
  ] as const)('d/d%2$s of %1$s prints %3$s', (text, v, want) => {
    expect(d(text, v)).toBe(want);
  });

  it('simplifies trivial cases: 0·a, 1·a, a + 0, a^1', () => {
    expect(toText(simplify(parseExpression('1*x + 0 + x^1 - 0*y')))).toBe('x + x');
    expect(toText(simplify(parseExpression('(x + 0)^1 * 1')))).toBe('x');
  });

  it.each([
    ['x^4 - 3*x^2 + x', 'x^{4} - 3x^{2} + x'],
    ['4*x^3 - 6*x + 1', '4x^{3} - 6x + 1'],
    ['sin(x)/(1 + x^2)', '\\frac{\\sin\\left(x\\right)}{1 + x^{2}}'],
    ['sqrt(abs(x))', '\\sqrt{\\left|x\\right|}'],
    ['pi*x', '\\pi x'],
    ['2*3', '2 \\cdot 3'],
    ['(x + 1)^2', '\\left(x + 1\\right)^{2}'],
    ['x - (y - 1)', 'x - \\left(y - 1\\right)'],
    ['log(x)', '\\ln\\left(x\\right)'],
    ['0.001*x', '0.001x'],
  ])('LaTeX of %s is %s', (text, latex) => {
    expect(toLatex(parseExpression(text))).toBe(latex);
  });

  it.each(['x - (y - 1)', '2^3^2', '(2^3)^2', '-(x + 1)', 'x/(y*2)', '(-x)^2', '1e-7*x', 'x^-2'])('text of %s parses back to the same value', (text) => {
    const e = parseExpression(text);
    expectClose(evaluate(parseExpression(toText(e)), 1.7, 0.3), evaluate(e, 1.7, 0.3), 1e-12);
  });
});

/** Random smooth-ish expressions in x and y (functions whose kinks are filtered by the smoothness check below). */
const FNS: FunctionName[] = ['sin', 'cos', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sigmoid', 'relu', 'tan'];
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -3, max: 3 }).map((v): Expr => ({ kind: 'num', value: v })),
    fc.constantFrom<Expr>({ kind: 'var', name: 'x' }, { kind: 'var', name: 'y' }, { kind: 'const', name: 'pi' }),
    tie('e').map((arg): Expr => ({ kind: 'neg', arg })),
    fc.tuple(fc.constantFrom('+', '-', '*', '/'), tie('e'), tie('e')).map(([op, left, right]): Expr => ({ kind: 'bin', op, left, right })),
    fc.tuple(tie('e'), fc.integer({ min: -2, max: 3 })).map(([left, n]): Expr => ({ kind: 'bin', op: '^', left, right: { kind: 'num', value: n } })),
    fc.tuple(fc.constantFrom(...FNS), tie('e')).map(([fn, arg]): Expr => ({ kind: 'call', fn, arg })),
  ),
})).e;

describe('properties', () => {
  it('the symbolic derivative agrees with a central difference wherever f is smooth', () => {
    fc.assert(fc.property(exprArb, fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom('x' as const, 'y' as const), (e, x, y, v) => {
      const f = (t: number): number => (v === 'x' ? evaluate(e, t, y) : evaluate(e, x, t));
      const t0 = v === 'x' ? x : y;
      const h = 1e-5;
      const fd1 = (f(t0 + h) - f(t0 - h)) / (2 * h);
      const forward = (f(t0 + h) - f(t0)) / h, backward = (f(t0) - f(t0 - h)) / h;
      const sym = evaluate(derivative(e, v), x, y);
      const scale = Math.max(1, Math.abs(fd1));
      // Only where f is finite and smooth at this scale (no kink, pole or domain edge nearby).
      fc.pre([f(t0), fd1, forward, backward, sym].every(Number.isFinite) && Math.abs(f(t0)) < 1e6 && Math.abs(forward - backward) < 1e-3 * scale);
      return Math.abs(sym - fd1) <= 1e-4 * scale;
    }), { numRuns: 400, seed: 42 });
  });

  it('printing then parsing gives the same function', () => {
    fc.assert(fc.property(exprArb, fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (e, x, y) => {
      const a = evaluate(e, x, y), b = evaluate(parseExpression(toText(e)), x, y);
      return Object.is(a, b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
    }), { numRuns: 300, seed: 7 });
  });
});
