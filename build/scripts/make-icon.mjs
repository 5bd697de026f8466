#!/usr/bin/env node
// Draws the Backprop Studio app icon procedurally and writes it as PNG:
//   build/icon.png            1024×1024, the source electron-builder turns
//                             into .icns (macOS) and .ico (Windows)
//   build/icons/NxN.png       the Linux set (16 … 1024)
//
// Only Node built-ins: a small signed-distance rasteriser (every shape is
// drawn from its distance field, so edges are anti-aliased at any size and
// each size is rendered directly rather than resampled) and zlib for PNG.
//
//   node build/scripts/make-icon.mjs
//
// tests/unit/build/electron-builder-config.test.ts checks that the committed
// icons match what this script draws.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const BUILD_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

// --- Design (in a 1024-unit square) ----------------------------------------

/** @typedef {[number, number, number]} Rgb */

/** @type {Rgb} */ const BG_TOP = [22, 96, 104];
/** @type {Rgb} */ const BG_BOTTOM = [8, 44, 54];
/** @type {Rgb} */ const LINK = [150, 226, 218];
/** @type {Rgb} */ const NODE_RING = [236, 252, 248];
/** @type {Rgb} */ const INPUT_FILL = [94, 210, 196];
/** @type {Rgb} */ const HIDDEN_FILL = [255, 196, 92];
/** @type {Rgb} */ const OUTPUT_FILL = [255, 128, 96];

const MARGIN = 64; // transparent border, as the platform icon grids expect
const CORNER = 200; // radius of the rounded square
const NODE_R = 62;
const RING = 16;

/** Three layers: 3 inputs, 4 hidden units, 2 outputs. */
const LAYERS = [
  { x: 262, ys: [322, 512, 702], fill: INPUT_FILL },
  { x: 512, ys: [244, 423, 601, 780], fill: HIDDEN_FILL },
  { x: 762, ys: [412, 612], fill: OUTPUT_FILL },
];

// --- Distance fields (negative inside) -------------------------------------

/** @param {number} px @param {number} py @param {number} half @param {number} r */
function roundedSquare(px, py, half, r) {
  const qx = Math.abs(px - 512) - (half - r);
  const qy = Math.abs(py - 512) - (half - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

/** @param {number} px @param {number} py @param {number} cx @param {number} cy @param {number} r */
function circle(px, py, cx, cy, r) {
  return Math.hypot(px - cx, py - cy) - r;
}

/**
 * A segment of half-width `w` from (ax, ay) to (bx, by).
 * @param {number} px @param {number} py @param {number} ax @param {number} ay
 * @param {number} bx @param {number} by @param {number} w
 */
function segment(px, py, ax, ay, bx, by, w) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy) - w;
}

// --- Rasteriser -------------------------------------------------------------

/**
 * Renders the icon at `size`×`size` as straight (non-premultiplied) RGBA.
 * @param {number} size
 * @returns {Uint8Array}
 */
export function renderIcon(size) {
  const scale = size / 1024;
  // Coverage of a pixel by a shape whose edge is `d` design units away:
  // a one-pixel-wide linear ramp across the edge.
  const px = 1 / scale;
  /** @param {number} d */
  const cover = (d) => Math.min(1, Math.max(0, 0.5 - d / px));

  /** @type {{ ax: number, ay: number, bx: number, by: number, alpha: number }[]} */
  const links = [];
  for (let l = 0; l + 1 < LAYERS.length; l++) {
    const from = /** @type {(typeof LAYERS)[number]} */ (LAYERS[l]);
    const to = /** @type {(typeof LAYERS)[number]} */ (LAYERS[l + 1]);
    from.ys.forEach((ay, i) =>
      to.ys.forEach((by, j) => {
        // A few strong weights, the rest faint: it reads as a trained network.
        const alpha = (i + j + l) % 3 === 0 ? 0.95 : 0.5;
        links.push({ ax: from.x, ay, bx: to.x, by, alpha });
      }),
    );
  }
  // Lines keep at least ~1.2 px so the small Linux sizes still show them.
  const linkHalfWidth = Math.max(9, 0.6 * px);

  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Pixel centre in design units.
      const u = (x + 0.5) * px;
      const v = (y + 0.5) * px;

      const bgCover = cover(roundedSquare(u, v, 512 - MARGIN, CORNER));
      if (bgCover === 0) continue;

      // Background: vertical gradient with a soft light from the top left.
      const t = Math.min(1, Math.max(0, (v - MARGIN) / (1024 - 2 * MARGIN)));
      const glow = Math.max(0, 1 - Math.hypot(u - 300, v - 260) / 700) * 0.35;
      let r = BG_TOP[0] + (BG_BOTTOM[0] - BG_TOP[0]) * t + 60 * glow;
      let g = BG_TOP[1] + (BG_BOTTOM[1] - BG_TOP[1]) * t + 90 * glow;
      let b = BG_TOP[2] + (BG_BOTTOM[2] - BG_TOP[2]) * t + 90 * glow;

      /** @param {Rgb} c @param {number} a */
      const over = (c, a) => {
        r += (c[0] - r) * a;
        g += (c[1] - g) * a;
        b += (c[2] - b) * a;
      };

      for (const k of links) {
        const a = cover(segment(u, v, k.ax, k.ay, k.bx, k.by, linkHalfWidth));
        if (a > 0) over(LINK, a * k.alpha);
      }
      for (const layer of LAYERS) {
        for (const cy of layer.ys) {
          const d = circle(u, v, layer.x, cy, NODE_R);
          // Soft shadow (a 40-unit ramp), then the ring, then the coloured core.
          const shadow = circle(u, v, layer.x + 8, cy + 14, NODE_R);
          if (shadow > 20 && d > px) continue;
          over([0, 16, 20], 0.45 * Math.min(1, Math.max(0, 0.5 - shadow / 40)));
          over(NODE_RING, cover(d));
          over(layer.fill, cover(d + RING));
        }
      }

      const i = (y * size + x) * 4;
      out[i] = Math.round(Math.min(255, r));
      out[i + 1] = Math.round(Math.min(255, g));
      out[i + 2] = Math.round(Math.min(255, b));
      out[i + 3] = Math.round(255 * bgCover);
    }
  }
  return out;
}

// --- PNG encoder ------------------------------------------------------------

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** @param {Uint8Array} bytes */
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = /** @type {number} */ (CRC_TABLE[(c ^ byte) & 0xff]) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Uint8Array} data */
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * Encodes straight RGBA pixels as an 8-bit RGBA PNG.
 * @param {number} width @param {number} height @param {Uint8Array} rgba
 * @returns {Buffer}
 */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    // Filter 1 (Sub) per row: smaller files for smooth gradients.
    const row = y * (stride + 1);
    raw[row] = 1;
    for (let i = 0; i < stride; i++) {
      const left = i >= 4 ? /** @type {number} */ (rgba[y * stride + i - 4]) : 0;
      raw[row + 1 + i] = (/** @type {number} */ (rgba[y * stride + i]) - left) & 0xff;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// --- Main -------------------------------------------------------------------

/** @returns {Map<string, Buffer>} every icon file, by path under build/ */
export function iconFiles() {
  /** @type {Map<number, Buffer>} */
  const bySize = new Map();
  for (const size of LINUX_SIZES) bySize.set(size, encodePng(size, size, renderIcon(size)));
  const files = new Map([['icon.png', /** @type {Buffer} */ (bySize.get(1024))]]);
  for (const [size, png] of bySize) files.set(join('icons', `${size}x${size}.png`), png);
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, png] of iconFiles()) {
    const path = join(BUILD_DIR, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, png);
    console.log(`wrote build/${name} (${png.length} bytes)`);
  }
}
