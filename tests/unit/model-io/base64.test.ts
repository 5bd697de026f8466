import { describe, expect, it } from 'vitest';
import {
  HOST_IS_LITTLE_ENDIAN,
  base64ToBytes,
  base64ToFloat32,
  bytesToBase64,
  float32ToBase64,
  float32ToLittleEndianBytes,
  littleEndianBytesToFloat32,
} from '../../../core/model-io/base64';
import { createRng } from '../../../core/math/rng';

/** The raw 32-bit patterns, so -0, NaN and subnormals compare exactly. */
const bits = (values: Float32Array): number[] => Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));
const fromBits = (...patterns: number[]): Float32Array => new Float32Array(Uint32Array.from(patterns).buffer);
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('bytesToBase64 / base64ToBytes', () => {
  // RFC 4648 §10 test vectors: every padding case.
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 vector %j encodes to %j and back', (text, encoded) => {
    expect(bytesToBase64(ascii(text))).toBe(encoded);
    expect(base64ToBytes(encoded)).toEqual({ ok: true, bytes: ascii(text) });
  });

  it('matches Node Buffer (the oracle) on random bytes of every length 0..64 and all 256 byte values', () => {
    const rng = createRng(7);
    for (let n = 0; n <= 64; n++) {
      const bytes = Uint8Array.from({ length: n }, () => rng.int(256));
      const encoded = bytesToBase64(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(encoded)).toEqual({ ok: true, bytes });
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToBase64(all)).toBe(Buffer.from(all).toString('base64'));
  });

  it.each([
    ['a length that is not a multiple of 4', 'Zm9vY', 'its length 5 is not a multiple of 4'],
    ['a character outside the alphabet', 'Zm9v!mFy', 'unexpected character "!" at position 4'],
    ['the URL-safe alphabet', 'Zm9-', 'unexpected character "-" at position 3'],
    ['a non-ASCII character', 'Zm9vYé==', 'unexpected character "é" at position 5'],
    ['whitespace', 'Zm9v\nmFy', 'unexpected character "\\n" at position 4'],
    ['padding in the middle', 'Zg==Zm9v', 'unexpected character "=" (padding is only allowed at the end) at position 2'],
    ['three padding characters', 'Z===', 'unexpected character "=" (padding is only allowed at the end) at position 1'],
  ])('rejects %s with a message naming the position', (_title, text, message) => {
    expect(base64ToBytes(text)).toEqual({ ok: false, message });
  });
});

describe('float32 ↔ base64 (little-endian)', () => {
  it('stores 1.0f as the little-endian bytes 00 00 80 3f', () => {
    expect(Array.from(float32ToLittleEndianBytes(new Float32Array([1])))).toEqual([0x00, 0x00, 0x80, 0x3f]);
    expect(float32ToBase64(new Float32Array([1]))).toBe('AACAPw==');
  });

  it.each([
    ['an empty array', fromBits()],
    ['one value (4 bytes: 1 byte past a multiple of 3)', new Float32Array([0.1])],
    ['two values (8 bytes: 2 bytes past a multiple of 3)', new Float32Array([-1.5, 2 ** 100])],
    ['three values (12 bytes: a multiple of 3)', new Float32Array([1 / 3, -2 / 3, 1e-7])],
    ['+0 and -0', fromBits(0x00000000, 0x80000000)],
    ['the canonical quiet NaN', fromBits(0x7fc00000)],
    ['±Infinity', fromBits(0x7f800000, 0xff800000)],
    ['subnormals (smallest, largest, negative)', fromBits(0x00000001, 0x007fffff, 0x80000001)],
    ['the smallest normal and the largest finite values', fromBits(0x00800000, 0x7f7fffff, 0xff7fffff)],
  ])('round-trips %s bit for bit', (_title, values) => {
    const encoded = float32ToBase64(values);
    expect(encoded.length % 4).toBe(0);
    expect(encoded).toBe(Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64'));
    const decoded = base64ToFloat32(encoded);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(bits(decoded.values)).toEqual(bits(values));
  });

  it('round-trips a million random values bit for bit', () => {
    const rng = createRng(3);
    const values = new Float32Array(1_000_000);
    const raw = new Uint32Array(values.buffer);
    for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(rng.next() * 2 ** 32);
    const decoded = base64ToFloat32(float32ToBase64(values));
    expect(decoded.ok && Buffer.from(decoded.values.buffer).equals(Buffer.from(values.buffer))).toBe(true);
  });

  it('encodes only the viewed part of a subarray', () => {
    const whole = new Float32Array([1, 2, 3, 4, 5, 6, 7]);
    expect(float32ToBase64(whole.subarray(2, 5))).toBe(float32ToBase64(new Float32Array([3, 4, 5])));
  });

  it.each([
    ['the host', HOST_IS_LITTLE_ENDIAN],
    ['a big-endian host (DataView path)', false],
    ['a little-endian host (copy path)', true],
  ])('converts bytes the same way when treated as %s', (_title, littleEndianHost) => {
    // NaN with a payload and a signalling NaN: the DataView path moves bit patterns, not numbers.
    const values = fromBits(0x3f800000, 0x80000000, 0x7fc00001, 0xffa00000, 0x00000001, 0xc0490fdb);
    const bytes = float32ToLittleEndianBytes(values, littleEndianHost);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x00, 0x00, 0x80, 0x3f]);
    expect(bytes).toEqual(float32ToLittleEndianBytes(values));
    expect(bits(littleEndianBytesToFloat32(bytes, littleEndianHost))).toEqual(bits(values));
  });

  it('reads bytes that do not start on a 4-byte boundary', () => {
    const padded = new Uint8Array(9);
    padded.set([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0], 1);
    const bytes = padded.subarray(1);
    expect(Array.from(littleEndianBytesToFloat32(bytes, true))).toEqual([1, -2]);
    expect(Array.from(littleEndianBytesToFloat32(bytes, false))).toEqual([1, -2]);
  });

  it.each([
    ['not valid base64', 'AAAA*AAA', 'not valid base64: unexpected character "*" at position 4'],
    ['5 bytes', 'AAAAAAA=', '5 bytes long, which is not a whole number of float32 values (4 bytes each)'],
    ['7 bytes', 'AAAAAAAAAA==', '7 bytes long, which is not a whole number of float32 values (4 bytes each)'],
  ])('base64ToFloat32 rejects data that is %s', (_title, text, message) => {
    expect(base64ToFloat32(text)).toEqual({ ok: false, message });
  });

  it('littleEndianBytesToFloat32 refuses a byte count that is not a multiple of 4', () => {
    expect(() => littleEndianBytesToFloat32(new Uint8Array(6))).toThrow('float32 data needs a multiple of 4 bytes, got 6');
  });
});
