/**
 * A small, safe parser and evaluator for the functions users type on the
 * Learn pages (e.g. `x^4 - 3*x^2 + x`, `x^2 + y^2`). It never uses `eval` or
 * `Function`: text → tokens → AST (recursive descent) → a closure tree.
 *
 * Grammar (lowest to highest precedence):
 *   sum     = product (("+" | "-") product)*
 *   product = unary (("*" | "/") unary)*
 *   unary   = "-" unary | power
 *   power   = primary ("^" unary)?          (right-associative: 2^3^2 = 2^(3^2))
 *   primary = number | variable | constant | function "(" sum ")" | "(" sum ")"
 * So `-x^2` is −(x²) and `x^-1` is x⁻¹.
 */

/** Functions a user may call; `step` (Heaviside) and `sign` appear in derivatives of relu and abs. */
export const EXPRESSION_FUNCTIONS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sigmoid', 'relu', 'step', 'sign'] as const;
export type FunctionName = (typeof EXPRESSION_FUNCTIONS)[number];
/** The variables an expression may use. */
export type VariableName = 'x' | 'y';
/** Named constants: π and Euler's e. */
export type ConstantName = 'pi' | 'e';
export type BinaryOp = '+' | '-' | '*' | '/' | '^';

/** The parsed expression tree. `pos` is the 1-based character position in the source, when parsed. */
export type Expr =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'var'; readonly name: VariableName }
  | { readonly kind: 'const'; readonly name: ConstantName }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | { readonly kind: 'bin'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: FunctionName; readonly arg: Expr };

/** A user-facing parse error; `position` is 1-based (0 for the empty expression). */
export class ExpressionError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** Result form for the UI: errors as data, never thrown across the boundary. */
export type ParseResult =
  | { ok: true; expr: Expr }
  | { ok: false; error: { code: 'expression'; message: string; position: number } };

export interface ParseOptions {
  /** Allowed variables (default both x and y; 1-D pages pass ['x']). */
  variables?: readonly VariableName[];
}

interface Token {
  readonly type: 'num' | 'ident' | 'op' | 'end';
  readonly text: string;
  readonly pos: number;
  readonly value?: number;
}

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const BAD_EXPONENT = /^(?:\d+\.?\d*|\.\d+)[eE](?![+-]?\d)[+-]?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
/** Typographic operators users paste from documents, mapped to ASCII. */
const OPERATOR_ALIASES: Readonly<Record<string, string>> = { '−': '-', '·': '*', '×': '*', '÷': '/' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    const rest = text.slice(i);
    const bad = BAD_EXPONENT.exec(rest);
    if (bad) throw new ExpressionError(`Malformed number "${bad[0]}" at position ${i + 1}.`, i + 1);
    const num = NUMBER.exec(rest);
    if (num) { tokens.push({ type: 'num', text: num[0], pos: i + 1, value: Number(num[0]) }); i += num[0].length; continue; }
    const id = IDENT.exec(rest);
    if (id) { tokens.push({ type: 'ident', text: id[0], pos: i + 1 }); i += id[0].length; continue; }
    const op = OPERATOR_ALIASES[ch] ?? ch;
    if ('+-*/^()'.includes(op)) { tokens.push({ type: 'op', text: op, pos: i + 1 }); i++; continue; }
    throw new ExpressionError(`Unexpected "${ch}" at position ${i + 1}.`, i + 1);
  }
  tokens.push({ type: 'end', text: '', pos: text.length + 1 });
  return tokens;
}

function describeVariables(vars: readonly VariableName[]): string {
  return vars.includes('y') ? 'use x (and y)' : 'use x';
}

/**
 * Parses `text` into an AST. Throws `ExpressionError` with messages such as
 * `Unexpected ")" at position 7.`, `Unknown function "foo" at position 1.`,
 * `Unknown variable "z" at position 5; use x (and y).`, `The expression is empty.`
 */
export function parseExpression(text: string, options: ParseOptions = {}): Expr {
  const vars = options.variables ?? ['x', 'y'];
  if (text.trim() === '') throw new ExpressionError('The expression is empty.', 0);
  const tokens = tokenize(text);
  let k = 0;
  const peek = (): Token => tokens[k]!;
  const unexpected = (t: Token): ExpressionError =>
    t.type === 'end'
      ? new ExpressionError(`Unexpected end of the expression at position ${t.pos}.`, t.pos)
      : new ExpressionError(`Unexpected "${t.text}" at position ${t.pos}.`, t.pos);
  const isOp = (t: Token, ops: string): boolean => t.type === 'op' && ops.includes(t.text);

  const sum = (): Expr => {
    let left = product();
    while (isOp(peek(), '+-')) {
      const op = tokens[k++]!.text as BinaryOp;
      left = { kind: 'bin', op, left, right: product() };
    }
    return left;
  };
  const product = (): Expr => {
    let left = unary();
    while (isOp(peek(), '*/')) {
      const op = tokens[k++]!.text as BinaryOp;
      left = { kind: 'bin', op, left, right: unary() };
    }
    return left;
  };
  const unary = (): Expr => {
    if (isOp(peek(), '-')) { k++; return { kind: 'neg', arg: unary() }; }
    if (isOp(peek(), '+')) { k++; return unary(); }
    return power();
  };
  const power = (): Expr => {
    const base = primary();
    if (isOp(peek(), '^')) { k++; return { kind: 'bin', op: '^', left: base, right: unary() }; }
    return base;
  };
  const parenthesised = (open: Token): Expr => {
    const inner = sum();
    const close = peek();
    if (!isOp(close, ')')) {
      if (close.type === 'end') throw new ExpressionError(`Missing ")" for the "(" at position ${open.pos}.`, open.pos);
      throw unexpected(close);
    }
    k++;
    return inner;
  };
  const primary = (): Expr => {
    const t = tokens[k++]!;
    if (t.type === 'num') return { kind: 'num', value: t.value! };
    if (isOp(t, '(')) return parenthesised(t);
    if (t.type === 'ident') {
      const name = t.text;
      if (isOp(peek(), '(')) {
        if (!(EXPRESSION_FUNCTIONS as readonly string[]).includes(name)) {
          throw new ExpressionError(`Unknown function "${name}" at position ${t.pos}.`, t.pos);
        }
        const open = tokens[k++]!;
        return { kind: 'call', fn: name as FunctionName, arg: parenthesised(open) };
      }
      if ((EXPRESSION_FUNCTIONS as readonly string[]).includes(name)) {
        throw new ExpressionError(`Function "${name}" at position ${t.pos} needs parentheses, e.g. ${name}(x).`, t.pos);
      }
      if (name === 'pi' || name === 'e') return { kind: 'const', name };
      if ((vars as readonly string[]).includes(name)) return { kind: 'var', name: name as VariableName };
      throw new ExpressionError(`Unknown variable "${name}" at position ${t.pos}; ${describeVariables(vars)}.`, t.pos);
    }
    throw unexpected(t);
  };

  const expr = sum();
  if (peek().type !== 'end') throw unexpected(peek());
  return expr;
}

/** `parseExpression` with the error returned as data (`{ ok: false, error }`) for the UI. */
export function tryParseExpression(text: string, options: ParseOptions = {}): ParseResult {
  try {
    return { ok: true, expr: parseExpression(text, options) };
  } catch (e) {
    if (e instanceof ExpressionError) return { ok: false, error: { code: 'expression', message: e.message, position: e.position } };
    throw e;
  }
}

const sigmoid = (u: number): number => (u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u)));

/** The scalar function behind each function name (`log` is the natural logarithm). */
export const FUNCTION_IMPLS: Readonly<Record<FunctionName, (u: number) => number>> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, exp: Math.exp, log: Math.log, sqrt: Math.sqrt, abs: Math.abs,
  tanh: Math.tanh, sigmoid, relu: (u) => (u > 0 ? u : 0), step: (u) => (u > 0 ? 1 : 0), sign: Math.sign,
};

/** Evaluates the tree at (x, y); outside the domain (log(−1), 1/0) the result is NaN or ±Infinity. */
export function evaluate(expr: Expr, x: number, y = 0): number {
  switch (expr.kind) {
    case 'num': return expr.value;
    case 'var': return expr.name === 'x' ? x : y;
    case 'const': return expr.name === 'pi' ? Math.PI : Math.E;
    case 'neg': return -evaluate(expr.arg, x, y);
    case 'call': return FUNCTION_IMPLS[expr.fn](evaluate(expr.arg, x, y));
    case 'bin': {
      const a = evaluate(expr.left, x, y), b = evaluate(expr.right, x, y);
      switch (expr.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '^': return Math.pow(a, b);
      }
    }
  }
}

/** A reusable closure f(x, y) for plotting and descent. */
export function compile(expr: Expr): (x: number, y?: number) => number {
  return (x, y = 0) => evaluate(expr, x, y);
}

/** Whether the tree mentions variable `v` (used to treat sub-trees as constants when differentiating). */
export function dependsOn(expr: Expr, v: VariableName): boolean {
  switch (expr.kind) {
    case 'num': case 'const': return false;
    case 'var': return expr.name === v;
    case 'neg': case 'call': return dependsOn(expr.arg, v);
    case 'bin': return dependsOn(expr.left, v) || dependsOn(expr.right, v);
  }
}
