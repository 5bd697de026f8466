import type { Rng } from '../math/rng';
import type { ActivationName, InitializerSpec } from './spec';

/**
 * Fills `out` following an initializer. `fanIn`/`fanOut` are the layer's
 * input and output sizes (Glorot: limit √(6/(fanIn+fanOut)), std √(2/(fanIn+fanOut));
 * He: limit √(6/fanIn), std √(2/fanIn)). `where` names the tensor in errors.
 */
export function initialize(spec: InitializerSpec, out: Float32Array, fanIn: number, fanOut: number, rng: Rng, where: string): void {
  switch (spec.kind) {
    case 'glorot-uniform': return fillUniform(out, Math.sqrt(6 / (fanIn + fanOut)), rng);
    case 'glorot-normal': return fillNormal(out, Math.sqrt(2 / (fanIn + fanOut)), rng);
    case 'he-uniform': return fillUniform(out, Math.sqrt(6 / fanIn), rng);
    case 'he-normal': return fillNormal(out, Math.sqrt(2 / fanIn), rng);
    case 'uniform': return fillUniform(out, spec.limit, rng);
    case 'zeros': out.fill(0); return;
    case 'constant': out.fill(spec.value); return;
    case 'given':
      if (spec.values.length !== out.length) {
        throw new RangeError(`${where}: given initial values have ${spec.values.length} numbers, expected ${out.length}`);
      }
      out.set(spec.values);
      return;
  }
}

/** The default kernel initializer: He uniform before ReLU-family units, Glorot uniform otherwise. */
export function defaultKernelInitializer(activation: ActivationName): InitializerSpec {
  return activation === 'relu' || activation === 'leaky-relu' || activation === 'elu' ? { kind: 'he-uniform' } : { kind: 'glorot-uniform' };
}

function fillUniform(out: Float32Array, limit: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-limit, limit);
}

function fillNormal(out: Float32Array, std: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = std * rng.normal();
}
