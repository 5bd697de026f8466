/**
 * The hidden neurons' activation maps as small images for the neuron graph
 * (TensorFlow Playground's thumbnails inside neurons): one PNG data URL per
 * unit, keyed `layer-unit`, painted on the diverging scale.
 */
import type { GridValue } from '../../../../core/engine/protocol';
import { paintNeuron } from './colors';

/** Units per layer given a thumbnail at most (wider layers are drawn as blocks anyway). */
export const MAX_THUMBNAIL_UNITS = 64;

export function neuronThumbnails(grid: GridValue | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!grid) return out;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return out;
  for (const layer of grid.neurons) {
    const res = layer.resolution;
    canvas.width = res;
    canvas.height = res;
    const pixels = new Uint8ClampedArray(res * res * 4);
    for (let u = 0; u < Math.min(layer.units, MAX_THUMBNAIL_UNITS); u++) {
      paintNeuron(layer.values, u * res * res, res, pixels);
      const image = ctx.createImageData(res, res);
      image.data.set(pixels);
      ctx.putImageData(image, 0, 0);
      out[`${layer.layer}-${u}`] = canvas.toDataURL('image/png');
    }
  }
  return out;
}
