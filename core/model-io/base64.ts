/**
 * Base64 (RFC 4648, standard alphabet, with `=` padding) for Float32Array
 * weights stored as little-endian bytes.
 *
 * Written by hand because core runs both in a Web Worker and in Node: Node's
 * `Buffer` is missing in the browser and `atob`/`btoa` work on "binary
 * strings", which would cost an extra copy per character. Bytes are always
 * little-endian on disk; a big-endian host goes through a DataView, moving the
 * raw 32-bit patterns so that every bit (NaN payloads included) survives.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 61; // '='

/** Char code of each 6-bit value. */
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
/** 6-bit value of each ASCII char code, -1 outside the alphabet. */
const DECODE = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Whether this machine stores multi-byte numbers little-endian (every common CPU does). */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Characters turned into a string per `String.fromCharCode` call (well under engines' argument limits). */
const CHUNK = 0x2000;

/** Encodes bytes as padded base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  const whole = n - (n % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[v >>> 18]!;
    out[o++] = ENCODE[(v >>> 12) & 63]!;
    out[o++] = ENCODE[(v >>> 6) & 63]!;
    out[o++] = ENCODE[v & 63]!;
  }
  if (n - whole === 1) {
    const v = bytes[whole]! << 16;
    out[o++] = ENCODE[v >>> 18]!;
    out[o++] = ENCODE[(v >>> 12) & 63]!;
    out[o++] = PAD;
    out[o++] = PAD;
  } else if (n - whole === 2) {
    const v = (bytes[whole]! << 16) | (bytes[whole + 1]! << 8);
    out[o++] = ENCODE[v >>> 18]!;
    out[o++] = ENCODE[(v >>> 12) & 63]!;
    out[o++] = ENCODE[(v >>> 6) & 63]!;
    out[o++] = PAD;
  }
  const parts: string[] = [];
  for (let i = 0; i < out.length; i += CHUNK) {
    parts.push(Reflect.apply(String.fromCharCode, null, out.subarray(i, i + CHUNK)) as string);
  }
  return parts.join('');
}

/** Result of decoding base64; `message` says what is wrong and where (0-based character position). */
export type Base64DecodeResult = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/**
 * Decodes padded base64. Strict: the length must be a multiple of 4, only the
 * standard alphabet is allowed, and `=` may appear only as the last one or two
 * characters. Never throws.
 */
export function base64ToBytes(text: string): Base64DecodeResult {
  const len = text.length;
  if (len % 4 !== 0) return { ok: false, message: `its length ${len} is not a multiple of 4` };
  if (len === 0) return { ok: true, bytes: new Uint8Array(0) };
  const padding = text.charCodeAt(len - 1) !== PAD ? 0 : text.charCodeAt(len - 2) !== PAD ? 1 : 2;
  const bytes = new Uint8Array((len / 4) * 3 - padding);
  const end = len - padding;
  let o = 0;
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    const a = sextet(text, i), b = sextet(text, i + 1), c = sextet(text, i + 2), d = sextet(text, i + 3);
    if ((a | b | c | d) < 0) return badCharacter(text, i, end);
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[o++] = v >>> 16;
    bytes[o++] = (v >>> 8) & 255;
    bytes[o++] = v & 255;
  }
  if (padding > 0) {
    const a = sextet(text, i), b = sextet(text, i + 1), c = padding === 1 ? sextet(text, i + 2) : 0;
    if ((a | b | c) < 0) return badCharacter(text, i, end);
    const v = (a << 18) | (b << 12) | (c << 6);
    bytes[o++] = v >>> 16;
    if (padding === 1) bytes[o++] = (v >>> 8) & 255;
  }
  return { ok: true, bytes };
}

function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? DECODE[code]! : -1;
}

function badCharacter(text: string, from: number, end: number): Base64DecodeResult {
  for (let i = from; i < end; i++) {
    if (sextet(text, i) >= 0) continue;
    const ch = text[i]!;
    const shown = ch === '=' ? '"=" (padding is only allowed at the end)' : JSON.stringify(ch);
    return { ok: false, message: `unexpected character ${shown} at position ${i}` };
  }
  return { ok: false, message: `unexpected character at position ${from}` };
}

/**
 * Copies float32 values out as little-endian bytes (4 per value). The second
 * argument exists so tests can exercise the big-endian path on any machine.
 */
export function float32ToLittleEndianBytes(values: Float32Array, littleEndianHost = HOST_IS_LITTLE_ENDIAN): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  if (littleEndianHost) {
    bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    return bytes;
  }
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < bits.length; i++) view.setUint32(i * 4, bits[i]!, true);
  return bytes;
}

/**
 * Reads little-endian bytes as float32 values, bit for bit.
 * @throws RangeError when the byte count is not a multiple of 4 (check first).
 */
export function littleEndianBytesToFloat32(bytes: Uint8Array, littleEndianHost = HOST_IS_LITTLE_ENDIAN): Float32Array {
  if (bytes.length % 4 !== 0) {
    throw new RangeError(`float32 data needs a multiple of 4 bytes, got ${bytes.length}`);
  }
  const values = new Float32Array(bytes.length / 4);
  if (littleEndianHost) {
    new Uint8Array(values.buffer).set(bytes);
    return values;
  }
  const bits = new Uint32Array(values.buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < bits.length; i++) bits[i] = view.getUint32(i * 4, true);
  return values;
}

/** Float32 values → base64 of their little-endian bytes. */
export function float32ToBase64(values: Float32Array): string {
  return bytesToBase64(float32ToLittleEndianBytes(values));
}

/** Result of `base64ToFloat32`; `message` completes "the data is …" (e.g. `not valid base64: …`). */
export type Float32DecodeResult = { ok: true; values: Float32Array } | { ok: false; message: string };

/** Base64 of little-endian bytes → float32 values, bit for bit. Never throws. */
export function base64ToFloat32(text: string): Float32DecodeResult {
  const decoded = base64ToBytes(text);
  if (!decoded.ok) return { ok: false, message: `not valid base64: ${decoded.message}` };
  const n = decoded.bytes.length;
  if (n % 4 !== 0) {
    return { ok: false, message: `${n} bytes long, which is not a whole number of float32 values (4 bytes each)` };
  }
  return { ok: true, values: littleEndianBytesToFloat32(decoded.bytes) };
}
