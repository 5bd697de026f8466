/**
 * Training kernels beside the GEMM: element-wise activations and their
 * derivatives, the fused output losses, optimizer updates, penalties and
 * gradient clipping, and the batch gather. With them a whole training step
 * runs on weights, gradients and workspaces that live in linear memory
 * (driven by core/train/wasm-stepper.ts); nothing here allocates.
 *
 * Conventions as in kernels.ts: arguments named like arrays are byte offsets
 * of float32 data (u32 for `order`); `count` is a number of floats. Every
 * formula mirrors its TypeScript reference (core/nn/activations.ts,
 * core/nn/losses.ts, core/optim/optimizers.ts, core/train/penalties.ts),
 * computed in float32 (the reference mostly in doubles).
 */

/** Activation codes; the loader's ACTIVATION_CODES uses the same numbers. */
const LINEAR = 0, RELU = 1, LEAKY_RELU = 2, ELU = 3, SIGMOID = 4, TANH = 5;
const LEAKY_ALPHA: f32 = 0.01;
const ELU_ALPHA: f32 = 1;

@inline function at(base: usize, i: i32): usize {
  return base + (<usize>i << 2);
}

/** σ(x), accurate relative to its value on both sides (eˣ/(1+eˣ) for x < 0 keeps tiny values). */
@inline function sigmoid(x: f32): f32 {
  if (x >= 0) return 1 / (1 + Mathf.exp(-x));
  const e = Mathf.exp(x);
  return e / (1 + e);
}

function activateScalar(x: f32, kind: i32): f32 {
  switch (kind) {
    case RELU: return Mathf.max(x, 0); // as the vector body: NaN stays NaN
    case LEAKY_RELU: return x > 0 ? x : LEAKY_ALPHA * x;
    case ELU: return x > 0 ? x : ELU_ALPHA * Mathf.expm1(x);
    case SIGMOID: return sigmoid(x);
    case TANH: return Mathf.tanh(x);
    default: return x;
  }
}

/** a = g(z) over `count` floats (a may equal z). */
export function activate(z: usize, a: usize, count: i32, kind: i32): void {
  let i = 0;
  if (kind == LINEAR) {
    if (a != z) memory.copy(a, z, <usize>count << 2);
    return;
  }
  const c4 = count & ~3;
  if (kind == RELU) {
    const zero = f32x4.splat(0);
    for (; i < c4; i += 4) v128.store(at(a, i), f32x4.max(v128.load(at(z, i)), zero));
  } else if (kind == LEAKY_RELU) {
    const alpha = f32x4.splat(LEAKY_ALPHA);
    for (; i < c4; i += 4) {
      const v = v128.load(at(z, i));
      v128.store(at(a, i), f32x4.max(v, f32x4.mul(v, alpha)));
    }
  }
  for (; i < count; i++) store<f32>(at(a, i), activateScalar(load<f32>(at(z, i)), kind));
}

/**
 * g ← g ⊙ g′(z) in place over `count` floats, from z or a = g(z), whichever
 * is cheaper: relu 1[z>0], leaky 1 or α, elu 1 or a+α, sigmoid a(1−a), tanh 1−a².
 */
export function activationBackward(z: usize, a: usize, g: usize, count: i32, kind: i32): void {
  if (kind == LINEAR) return;
  const zero = f32x4.splat(0), one = f32x4.splat(1);
  const c4 = count & ~3;
  let i = 0;
  for (; i < c4; i += 4) {
    const gv = v128.load(at(g, i));
    let out: v128;
    if (kind == RELU) {
      out = v128.and(gv, f32x4.gt(v128.load(at(z, i)), zero));
    } else if (kind == LEAKY_RELU) {
      out = v128.bitselect(gv, f32x4.mul(gv, f32x4.splat(LEAKY_ALPHA)), f32x4.gt(v128.load(at(z, i)), zero));
    } else if (kind == ELU) {
      const slope = f32x4.add(v128.load(at(a, i)), f32x4.splat(ELU_ALPHA));
      out = v128.bitselect(gv, f32x4.mul(gv, slope), f32x4.gt(v128.load(at(z, i)), zero));
    } else if (kind == SIGMOID) {
      const s = v128.load(at(a, i));
      out = f32x4.mul(f32x4.mul(gv, s), f32x4.sub(one, s));
    } else {
      const t = v128.load(at(a, i));
      out = f32x4.mul(gv, f32x4.sub(one, f32x4.mul(t, t)));
    }
    v128.store(at(g, i), out);
  }
  for (; i < count; i++) {
    const gi = load<f32>(at(g, i)), zi = load<f32>(at(z, i)), ai = load<f32>(at(a, i));
    let d: f32;
    if (kind == RELU) d = zi > 0 ? gi : 0;
    else if (kind == LEAKY_RELU) d = zi > 0 ? gi : LEAKY_ALPHA * gi;
    else if (kind == ELU) d = zi > 0 ? gi : gi * (ai + ELU_ALPHA);
    else if (kind == SIGMOID) d = gi * ai * (1 - ai);
    else d = gi * (1 - ai * ai);
    store<f32>(at(g, i), d);
  }
}

/**
 * Softmax output with categorical cross-entropy, fused: per row, a = softmax(z),
 * loss += Σ_k y_k (lse(z) − z_k), δ = (a·Σy − y) / rows. Returns the mean loss.
 */
export function softmaxCrossEntropy(z: usize, a: usize, y: usize, delta: usize, rows: i32, cols: i32): f64 {
  const k: f32 = 1 / <f32>rows;
  let loss: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = load<f32>(at(z, o));
    for (let j = 1; j < cols; j++) max = Mathf.max(max, load<f32>(at(z, o + j)));
    let sum: f32 = 0;
    for (let j = 0; j < cols; j++) {
      const e = Mathf.exp(load<f32>(at(z, o + j)) - max);
      store<f32>(at(a, o + j), e);
      sum += e;
    }
    const inv: f32 = 1 / sum;
    const lse = max + Mathf.log(sum);
    let ySum: f32 = 0;
    for (let j = 0; j < cols; j++) {
      const t = load<f32>(at(y, o + j));
      ySum += t;
      if (t != 0) loss += <f64>(t * (lse - load<f32>(at(z, o + j))));
    }
    for (let j = 0; j < cols; j++) {
      const p = load<f32>(at(a, o + j)) * inv;
      store<f32>(at(a, o + j), p);
      store<f32>(at(delta, o + j), k * (p * ySum - load<f32>(at(y, o + j))));
    }
  }
  return loss / <f64>rows;
}

/**
 * Sigmoid outputs with binary cross-entropy, fused: a = σ(z),
 * loss += max(z,0) − z·y + log(1 + e^{−|z|}), δ = (a − y) / count. Returns the mean loss.
 */
export function sigmoidBinaryCrossEntropy(z: usize, a: usize, y: usize, delta: usize, count: i32): f64 {
  const k: f32 = 1 / <f32>count;
  let loss: f64 = 0;
  for (let i = 0; i < count; i++) {
    const x = load<f32>(at(z, i)), t = load<f32>(at(y, i));
    const p = sigmoid(x);
    store<f32>(at(a, i), p);
    store<f32>(at(delta, i), k * (p - t));
    loss += <f64>(Mathf.max(x, 0) - x * t + Mathf.log1p(Mathf.exp(-Mathf.abs(x))));
  }
  return loss / <f64>count;
}

/** Regression loss codes; the loader's LOSS_CODES uses the same numbers. */
const MSE = 0, HALF_SSE = 1, MAE = 2, HUBER = 3;

/**
 * A regression loss on outputs a and targets y ([rows × cols], count floats):
 * writes dL/da to `grad` and returns the mean loss (see core/nn/losses.ts).
 */
export function regressionLoss(a: usize, y: usize, grad: usize, count: i32, rows: i32, kind: i32, huberDelta: f32): f64 {
  let s: f64 = 0;
  if (kind == MSE || kind == HALF_SSE) {
    const k: f32 = kind == MSE ? 2 / <f32>count : 1 / <f32>rows;
    for (let i = 0; i < count; i++) {
      const r = load<f32>(at(a, i)) - load<f32>(at(y, i));
      s += <f64>(r * r);
      store<f32>(at(grad, i), k * r);
    }
    return kind == MSE ? s / <f64>count : (0.5 * s) / <f64>rows;
  }
  const k: f32 = 1 / <f32>count;
  for (let i = 0; i < count; i++) {
    const r = load<f32>(at(a, i)) - load<f32>(at(y, i));
    const ar = Mathf.abs(r);
    if (kind == MAE) {
      s += <f64>ar;
      store<f32>(at(grad, i), r > 0 ? k : r < 0 ? -k : 0);
    } else {
      s += <f64>(ar <= huberDelta ? 0.5 * r * r : huberDelta * (ar - 0.5 * huberDelta));
      store<f32>(at(grad, i), k * (r > huberDelta ? huberDelta : r < -huberDelta ? -huberDelta : r));
    }
  }
  return s / <f64>count;
}

/**
 * Optimizer updates over `count` floats: read weights at `w`, write the new
 * ones at `out` (the stepper double-buffers, so a diverged step leaves the old
 * weights intact; out may equal w). Each returns 0 when every new weight is
 * finite and NaN otherwise (Σ (w − w) over the results).
 */

/** w ← w − η g */
export function sgdStep(w: usize, out: usize, g: usize, count: i32, lr: f32): f32 {
  const vlr = f32x4.splat(lr);
  let check = f32x4.splat(0);
  const c4 = count & ~3;
  let i = 0;
  for (; i < c4; i += 4) {
    const nw = f32x4.sub(v128.load(at(w, i)), f32x4.mul(vlr, v128.load(at(g, i))));
    v128.store(at(out, i), nw);
    check = f32x4.add(check, f32x4.sub(nw, nw));
  }
  let tail: f32 = 0;
  for (; i < count; i++) {
    const nw = load<f32>(at(w, i)) - lr * load<f32>(at(g, i));
    store<f32>(at(out, i), nw);
    tail += nw - nw;
  }
  return laneSum(check) + tail;
}

/** v ← μv − ηg; w ← w + v (nesterov: w ← w + μv − ηg) */
export function momentumStep(w: usize, out: usize, g: usize, v: usize, count: i32, lr: f32, mu: f32, nesterov: i32): f32 {
  const vlr = f32x4.splat(lr), vmu = f32x4.splat(mu);
  let check = f32x4.splat(0);
  const c4 = count & ~3;
  let i = 0;
  for (; i < c4; i += 4) {
    const gv = v128.load(at(g, i));
    const step = f32x4.mul(vlr, gv);
    const vel = f32x4.sub(f32x4.mul(vmu, v128.load(at(v, i))), step);
    v128.store(at(v, i), vel);
    const delta = nesterov != 0 ? f32x4.sub(f32x4.mul(vmu, vel), step) : vel;
    const nw = f32x4.add(v128.load(at(w, i)), delta);
    v128.store(at(out, i), nw);
    check = f32x4.add(check, f32x4.sub(nw, nw));
  }
  let tail: f32 = 0;
  for (; i < count; i++) {
    const gi = load<f32>(at(g, i));
    const vel = mu * load<f32>(at(v, i)) - lr * gi;
    store<f32>(at(v, i), vel);
    const nw = load<f32>(at(w, i)) + (nesterov != 0 ? mu * vel - lr * gi : vel);
    store<f32>(at(out, i), nw);
    tail += nw - nw;
  }
  return laneSum(check) + tail;
}

/** s ← ρs + (1−ρ)g²; w ← w − ηg / (√s + ε). `rest` is 1 − ρ, formed by the caller in doubles. */
export function rmspropStep(w: usize, out: usize, g: usize, s: usize, count: i32, lr: f32, rho: f32, eps: f32, rest: f32): f32 {
  const vlr = f32x4.splat(lr), vrho = f32x4.splat(rho), vrest = f32x4.splat(rest), veps = f32x4.splat(eps);
  let check = f32x4.splat(0);
  const c4 = count & ~3;
  let i = 0;
  for (; i < c4; i += 4) {
    const gv = v128.load(at(g, i));
    const sv = f32x4.add(f32x4.mul(vrho, v128.load(at(s, i))), f32x4.mul(vrest, f32x4.mul(gv, gv)));
    v128.store(at(s, i), sv);
    const nw = f32x4.sub(v128.load(at(w, i)), f32x4.div(f32x4.mul(vlr, gv), f32x4.add(f32x4.sqrt(sv), veps)));
    v128.store(at(out, i), nw);
    check = f32x4.add(check, f32x4.sub(nw, nw));
  }
  let tail: f32 = 0;
  for (; i < count; i++) {
    const gi = load<f32>(at(g, i));
    const si = rho * load<f32>(at(s, i)) + rest * gi * gi;
    store<f32>(at(s, i), si);
    const nw = load<f32>(at(w, i)) - (lr * gi) / (Mathf.sqrt(si) + eps);
    store<f32>(at(out, i), nw);
    tail += nw - nw;
  }
  return laneSum(check) + tail;
}

/**
 * m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← keep·w − stepSize·m / (√v·rootC2 + ε),
 * with stepSize = η/(1−β₁ᵗ), rootC2 = 1/√(1−β₂ᵗ) and keep = 1 − ηλ for AdamW kernels, else 1;
 * rest1 = 1 − β₁ and rest2 = 1 − β₂, formed by the caller in doubles (1 − β₂ from a
 * float32 β₂ = 0.999 would be off by 1e-5 relative).
 */
export function adamStep(
  w: usize, out: usize, g: usize, m: usize, v: usize, count: i32,
  stepSize: f32, rootC2: f32, eps: f32, beta1: f32, beta2: f32, keep: f32, rest1: f32, rest2: f32,
): f32 {
  const vb1 = f32x4.splat(beta1), va1 = f32x4.splat(rest1);
  const vb2 = f32x4.splat(beta2), va2 = f32x4.splat(rest2);
  const vstep = f32x4.splat(stepSize), vroot = f32x4.splat(rootC2), veps = f32x4.splat(eps), vkeep = f32x4.splat(keep);
  let check = f32x4.splat(0);
  const c4 = count & ~3;
  let i = 0;
  for (; i < c4; i += 4) {
    const gv = v128.load(at(g, i));
    const mv = f32x4.add(f32x4.mul(vb1, v128.load(at(m, i))), f32x4.mul(va1, gv));
    const vv = f32x4.add(f32x4.mul(vb2, v128.load(at(v, i))), f32x4.mul(va2, f32x4.mul(gv, gv)));
    v128.store(at(m, i), mv);
    v128.store(at(v, i), vv);
    const denom = f32x4.add(f32x4.mul(f32x4.sqrt(vv), vroot), veps);
    const nw = f32x4.sub(f32x4.mul(vkeep, v128.load(at(w, i))), f32x4.div(f32x4.mul(vstep, mv), denom));
    v128.store(at(out, i), nw);
    check = f32x4.add(check, f32x4.sub(nw, nw));
  }
  let tail: f32 = 0;
  for (; i < count; i++) {
    const gi = load<f32>(at(g, i));
    const mi = beta1 * load<f32>(at(m, i)) + rest1 * gi;
    const vi = beta2 * load<f32>(at(v, i)) + rest2 * gi * gi;
    store<f32>(at(m, i), mi);
    store<f32>(at(v, i), vi);
    const nw = keep * load<f32>(at(w, i)) - (stepSize * mi) / (Mathf.sqrt(vi) * rootC2 + eps);
    store<f32>(at(out, i), nw);
    tail += nw - nw;
  }
  return laneSum(check) + tail;
}

@inline function laneSum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/**
 * L1/L2 penalties on one kernel: g += λ₁ sign(w) + λ₂ w; returns
 * λ₁ Σ|w| + ½ λ₂ Σ w² (summed in doubles).
 */
export function penalize(w: usize, g: usize, count: i32, l1: f32, l2: f32): f64 {
  let penalty: f64 = 0;
  for (let i = 0; i < count; i++) {
    const wi = load<f32>(at(w, i));
    penalty += <f64>l1 * <f64>Mathf.abs(wi) + 0.5 * <f64>l2 * <f64>wi * <f64>wi;
    const sign: f32 = wi > 0 ? 1 : wi < 0 ? -1 : 0;
    store<f32>(at(g, i), load<f32>(at(g, i)) + l1 * sign + l2 * wi);
  }
  return penalty;
}

/** Σ x² over `count` floats, in doubles (the global gradient norm's square). */
export function sumSquares(x: usize, count: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < count; i++) {
    const v = <f64>load<f32>(at(x, i));
    s += v * v;
  }
  return s;
}

/** x ← k·x over `count` floats. */
export function scale(x: usize, count: i32, k: f32): void {
  const vk = f32x4.splat(k);
  const c4 = count & ~3;
  let i = 0;
  for (; i < c4; i += 4) v128.store(at(x, i), f32x4.mul(vk, v128.load(at(x, i))));
  for (; i < count; i++) store<f32>(at(x, i), k * load<f32>(at(x, i)));
}

/** dst row r = src row order[r0 + r] for r < n, rows `width` floats wide (order: u32 row indices). */
export function gatherRows(src: usize, dst: usize, order: usize, r0: i32, n: i32, width: i32): void {
  const rowBytes = <usize>width << 2;
  for (let r = 0; r < n; r++) {
    const from = <usize>load<u32>(order + (<usize>(r0 + r) << 2));
    memory.copy(dst + <usize>r * rowBytes, src + from * rowBytes, rowBytes);
  }
}
