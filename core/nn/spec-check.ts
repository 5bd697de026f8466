import { ACTIVATIONS, LOSSES, type NetworkSpec } from './spec';

/** A network spec that cannot be built; the message names the field and the problem. */
export class SpecError extends Error {
  readonly code = 'invalid-spec';
  constructor(message: string) {
    super(message);
    this.name = 'SpecError';
  }
}

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/** Throws a `SpecError` naming the first problem found in a spec, e.g. `layers[1].units must be a whole number ≥ 1, got 0`. */
export function checkSpec(spec: NetworkSpec): void {
  if (!isPositiveInt(spec.inputs)) throw new SpecError(`inputs must be a whole number ≥ 1, got ${String(spec.inputs)}`);
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) throw new SpecError('the network needs at least one layer (the output layer)');
  if (!(LOSSES as readonly string[]).includes(spec.loss)) throw new SpecError(`loss must be one of ${LOSSES.join(', ')}; got "${String(spec.loss)}"`);
  if (spec.huberDelta !== undefined && !(spec.huberDelta > 0)) throw new SpecError(`huberDelta must be > 0, got ${spec.huberDelta}`);
  spec.layers.forEach((layer, i) => {
    const at = `layers[${i}]`;
    if (!isPositiveInt(layer.units)) throw new SpecError(`${at}.units must be a whole number ≥ 1, got ${String(layer.units)}`);
    if (!(ACTIVATIONS as readonly string[]).includes(layer.activation)) {
      throw new SpecError(`${at}.activation must be one of ${ACTIVATIONS.join(', ')}; got "${String(layer.activation)}"`);
    }
    const per = layer.unitActivations;
    if (per === undefined) return;
    if (per.length !== layer.units) throw new SpecError(`${at}.unitActivations lists ${per.length} activations for ${layer.units} units`);
    per.forEach((a, j) => {
      if (a === 'softmax') throw new SpecError(`${at}.unitActivations[${j}]: softmax couples all units of a layer; set it as the layer's activation instead`);
      if (!(ACTIVATIONS as readonly string[]).includes(a)) throw new SpecError(`${at}.unitActivations[${j}] must be one of ${ACTIVATIONS.join(', ')}; got "${String(a)}"`);
    });
  });
}
