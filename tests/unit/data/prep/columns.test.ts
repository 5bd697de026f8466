import { describe, expect, it } from 'vitest';
import { float32String, isMissing, missingSet, rawNumber } from '../../../../core/data/prep/columns';

describe('cell readers', () => {
  it.each([
    [1, '1'],
    [Math.fround(0.1), '0.1'],
    [Math.fround(-2.675), '-2.675'],
    [Math.fround(1 / 3), '0.33333334'],
    [Math.fround(123456.789), '123456.79'],
  ])('writes the float32 %d as %s', (value, text) => {
    expect(float32String(value)).toBe(text);
    expect(Math.fround(Number(text))).toBe(value);
  });

  const missing = missingSet(['', 'NA', 'N/A', '?']);
  it.each([
    [null, true], [undefined, true], ['', true], ['  na ', true], ['n/a', true], ['?', true], [Number.NaN, true],
    ['0', false], [0, false], ['NAN', false],
  ])('reads %j as missing: %s', (value, expected) => {
    expect(isMissing(value, missing)).toBe(expected);
  });

  it.each([
    ['1.5', 1.5], [' -2 ', -2], [3, 3], ['1e3', 1000], ['TRUE', 1], ['false', 0],
    ['NA', Number.NaN], ['abc', undefined], ['inf', undefined], ['Infinity', undefined], [Number.POSITIVE_INFINITY, undefined],
  ])('reads the raw value %j as the number %s', (value, expected) => {
    expect(rawNumber(value, missing)).toBe(expected);
  });
});
