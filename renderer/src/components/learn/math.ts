/**
 * Formulas of the Learn pages: KaTeX to MathML only (the page runs under
 * `style-src 'self'`, and KaTeX's HTML output carries inline styles; MathML
 * Core is drawn by Chromium natively and `\color` becomes a `mathcolor`
 * attribute), a plain-text reading of the same LaTeX for aria-labels, and the
 * number format of the tables.
 */
import katex from 'katex';

/** MathML markup of a LaTeX string (errors are drawn in place, never thrown). */
export function mathml(tex: string, display = false): string {
  return katex.renderToString(tex, { output: 'mathml', throwOnError: false, displayMode: display });
}

/** A readable plain-text form of the LaTeX our formulas use, for screen readers and tests. */
export function latexToText(tex: string): string {
  // Colours are for the eye only.
  let s = tex.replace(/\\color\{[^{}]*\}/g, '').replace(/\\partial\s*/g, '∂');
  const wrap = (a: string): string => (/^[^\s+-]+$/.test(a) ? a : `(${a})`);
  for (let i = 0; i < 4; i++) s = s.replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, (_, a: string, b: string) => `${wrap(a)}/${wrap(b)}`);
  return s
    .replace(/\\left|\\right/g, '')
    .replace(/\\mathbb\{1\}/g, '1')
    .replace(/\\times/g, '×')
    .replace(/\\partial\s*/g, '∂')
    .replace(/\\sum/g, 'Σ')
    .replace(/\\cdot/g, '·')
    .replace(/\\,/g, ' · ')
    .replace(/\\[a-zA-Z]+/g, '')
    .replace(/[{}]/g, '')
    .replace(/\^2/g, '²')
    .replace(/[_^]/g, '')
    .replace(/ - /g, ' − ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A number for tables and chips: up to `digits` significant digits, no trailing zeros, −0 as 0. */
export function fmt(v: number, digits = 6): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-4 || a >= 1e7) return v.toExponential(Math.max(0, digits - 3)).replace(/\.?0+e/, 'e').replace('e+', 'e');
  const r = Number(v.toPrecision(digits));
  return Object.is(r, -0) || r === 0 ? '0' : String(r).replace('-', '−');
}
