import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/math/rng';
import { createModel } from '../../core/nn/model';
import type { ActivationName, LossName, NetworkSpec } from '../../core/nn/spec';
import type { OptimizerName } from '../../core/optim/config';
import { fit } from '../../core/train/fit';
import { randomMatrix, randomOneHot } from '../helpers/data';

/**
 * PyTorch as the reference library: the same network, initial weights, rows
 * and batch order trained by core `fit` and by torch (tests/oracles/torch_train.py,
 * Debian's python3-torch under /usr/bin/python3) must end with the same
 * epoch losses and weights, up to float32 rounding.
 */
const PYTHON = '/usr/bin/python3';
const script = fileURLToPath(new URL('../oracles/torch_train.py', import.meta.url));
const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
const hasTorch = probe.status === 0;
if (!hasTorch) console.log(`skipped: the PyTorch oracle needs ${PYTHON} with python3-torch (apt-get install python3-torch)`);

interface Case { optimizer: OptimizerName; hidden: ActivationName; output: ActivationName; loss: LossName; lr: number; l2: number }

const cases: Case[] = [
  { optimizer: 'sgd', hidden: 'tanh', output: 'softmax', loss: 'categorical-crossentropy', lr: 0.1, l2: 0 },
  { optimizer: 'sgd', hidden: 'relu', output: 'softmax', loss: 'categorical-crossentropy', lr: 0.1, l2: 0.01 },
  { optimizer: 'momentum', hidden: 'sigmoid', output: 'sigmoid', loss: 'binary-crossentropy', lr: 0.1, l2: 0 },
  { optimizer: 'nesterov', hidden: 'elu', output: 'linear', loss: 'mse', lr: 0.05, l2: 0 },
  { optimizer: 'rmsprop', hidden: 'leaky-relu', output: 'sigmoid', loss: 'half-sse', lr: 0.01, l2: 0 },
  { optimizer: 'adam', hidden: 'relu', output: 'softmax', loss: 'categorical-crossentropy', lr: 0.01, l2: 0 },
  { optimizer: 'adamw', hidden: 'tanh', output: 'linear', loss: 'mse', lr: 0.01, l2: 0 },
];

describe.skipIf(!hasTorch)('training matches PyTorch step for step', () => {
  it.each(cases)('$optimizer, $hidden hidden, $output output, $loss (L2 $l2)', async (c) => {
    const rows = 24, inputs = 4, hidden = 6, outputs = 3, batchSize = 5, epochs = 4;
    const data = createRng(21);
    const x = randomMatrix(data, rows, inputs);
    const y = c.loss === 'categorical-crossentropy' ? randomOneHot(data, rows, outputs)
      : c.loss === 'binary-crossentropy' || c.loss === 'half-sse' ? randomOneHot(data, rows, outputs)
      : randomMatrix(data, rows, outputs);
    const spec: NetworkSpec = {
      inputs,
      layers: [
        { units: hidden, activation: c.hidden, biasInitializer: { kind: 'uniform', limit: 0.3 } },
        { units: outputs, activation: c.output, biasInitializer: { kind: 'uniform', limit: 0.3 } },
      ],
      loss: c.loss,
    };
    const rng = createRng(5);
    const model = createModel(spec, { rng });
    const initial = model.getWeights();
    const job = {
      rows, x: Array.from(x.data), y: Array.from(y.data), batchSize, epochs, loss: c.loss, l2: c.l2,
      optimizer: { kind: c.optimizer, learningRate: c.lr },
      layers: [
        { inputs, units: hidden, activation: c.hidden, w: Array.from(initial[0]!), b: Array.from(initial[1]!) },
        { inputs: hidden, units: outputs, activation: c.output, w: Array.from(initial[2]!), b: Array.from(initial[3]!) },
      ],
    };
    const torch = spawnSync(PYTHON, [script], { input: JSON.stringify(job), encoding: 'utf8' });
    expect(torch.stderr).toBe('');
    const want = JSON.parse(torch.stdout) as { losses: number[]; weights: number[][] };

    const result = await fit(model, { train: { x, y } }, {
      epochs, batchSize, shuffle: false, l2: c.l2, optimizer: { kind: c.optimizer, learningRate: c.lr },
    }, {}, { rng });
    result.history.forEach((h, e) => expect(Math.abs(h.train.loss! - want.losses[e]!)).toBeLessThan(1e-5 + 1e-5 * Math.abs(want.losses[e]!)));
    model.getWeights().forEach((w, t) => {
      w.forEach((v, i) => expect(Math.abs(v - want.weights[t]![i]!)).toBeLessThan(1e-5 + 1e-4 * Math.abs(want.weights[t]![i]!)));
    });
  });
});
