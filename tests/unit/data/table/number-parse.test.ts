import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../../../core/data/number-parse';

describe('parseNumber', () => {
  it.each([
    ['an integer', '42', 42],
    ['a negative decimal', '-3.25', -3.25],
    ['a leading plus', '+1.5', 1.5],
    ['the Unicode minus', '\u22122', -2],
    ['a leading point', '.5', 0.5],
    ['a trailing point', '5.', 5],
    ['scientific notation', '1.5e-3', 0.0015],
    ['an upper-case exponent with plus', '2E+2', 200],
    ['zero', '0', 0],
  ])('reads %s: %j → %d', (_title, text, expected) => {
    expect(parseNumber(text, false)).toBe(expected);
  });

  it.each([
    ['a thousands separator', '1,234'],
    ['a space thousands separator', '1 234'],
    ['hex', '0x10'],
    ['an exponent without digits', '1e'],
    ['a lone sign', '-'],
    ['a lone point', '.'],
    ['two points', '1.2.3'],
    ['a unit', '12kg'],
    ['a currency sign', '$12'],
    ['NaN', 'NaN'],
  ])('refuses %s: %j', (_title, text) => {
    expect(parseNumber(text, false)).toBeNaN();
  });

  it.each([
    ['inf', Infinity],
    ['-inf', -Infinity],
    ['+INF', Infinity],
    ['Infinity', Infinity],
    ['-infinity', -Infinity],
    ['\u2212Infinity', -Infinity],
    ['∞', Infinity],
    ['1e999', Infinity],
    ['-1e999', -Infinity],
  ])('reads the infinity %j as %d', (text, expected) => {
    expect(parseNumber(text, false)).toBe(expected);
    expect(parseNumber(text, true)).toBe(expected);
  });

  it.each([
    ['1,5', 1.5],
    ['-0,25', -0.25],
    ['1,5e3', 1500],
    [',5', 0.5],
    ['7', 7],
  ])('with a decimal comma reads %j as %d', (text, expected) => {
    expect(parseNumber(text, true)).toBe(expected);
  });

  it.each(['1.5', '1.234,5', '1,2,3'])('with a decimal comma refuses %j (a dot is not a decimal point there)', (text) => {
    expect(parseNumber(text, true)).toBeNaN();
  });

  it('agrees with Number() on every double written with toString', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), (v) => {
      const text = String(v);
      expect(Object.is(parseNumber(text, false), Number(text))).toBe(true);
      expect(Object.is(parseNumber(text.replace('.', ','), true), Number(text))).toBe(true);
    }), { numRuns: 2000, seed: 1 });
  });

  it('agrees with Number() on random decimal literals (long mantissas, large exponents)', () => {
    const literal = fc.stringMatching(/^[+-]?\d{1,25}(\.\d{0,25})?([eE][+-]?\d{1,4})?$/);
    fc.assert(fc.property(literal, (text) => {
      expect(Object.is(parseNumber(text, false), Number(text))).toBe(true);
      expect(Object.is(parseNumber(text.replace('.', ','), true), Number(text))).toBe(true);
    }), { numRuns: 2000, seed: 2 });
  });
});
