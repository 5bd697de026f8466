/** Drawing a small RGBA image scaled onto a canvas (heatmaps, thumbnails). */

let scratch: HTMLCanvasElement | null = null;

/** Draws `pixels` (resolution² RGBA) stretched over the whole of `ctx`'s canvas. */
export function drawPixels(ctx: CanvasRenderingContext2D, pixels: Uint8ClampedArray, resolution: number, smooth = true): void {
  scratch ??= document.createElement('canvas');
  if (scratch.width !== resolution || scratch.height !== resolution) {
    scratch.width = resolution;
    scratch.height = resolution;
  }
  const small = scratch.getContext('2d');
  if (!small) return;
  const image = small.createImageData(resolution, resolution);
  image.data.set(pixels);
  small.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = smooth;
  ctx.drawImage(scratch, 0, 0, resolution, resolution, 0, 0, ctx.canvas.width, ctx.canvas.height);
}

/** Sizes a canvas's backing store for the screen's pixel ratio; returns the ratio. */
export function fitCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): number {
  const ratio = Math.max(1, Math.min(3, typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1));
  const w = Math.round(cssWidth * ratio);
  const h = Math.round(cssHeight * ratio);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  return ratio;
}
