import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/math/rng';
import { classificationDiagnostics, regressionDiagnostics, rocCurve } from '../../../core/train/diagnostics';

const sklearn = spawnSync('/usr/bin/python3', ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0;
if (!sklearn) console.log('skipped: the scikit-learn oracle needs /usr/bin/python3 with python3-sklearn (apt-get install python3-sklearn)');

/** Runs a Python snippet with `data` as JSON on stdin; returns its JSON output. */
function python(code: string, data: unknown): unknown {
  const run = spawnSync('/usr/bin/python3', ['-c', `import json, sys\ndata = json.load(sys.stdin)\n${code}`], { input: JSON.stringify(data), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as unknown;
}

/** What the scikit-learn script prints. */
interface SklearnReport {
  cm: number[][];
  p: number[];
  r: number[];
  f1: number[];
  support: number[];
  fpr?: number[];
  tpr?: number[];
  auc?: number;
}

describe('classification diagnostics (hand-computed)', () => {
  it('counts the confusion matrix and derives precision, recall and F1', () => {
    // actual: a a a b b c ; predicted: a a b b c c
    const d = classificationDiagnostics(['a', 'b', 'c'], [0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2]);
    expect(d.confusion).toEqual([[2, 1, 0], [0, 1, 1], [0, 0, 1]]);
    expect(d.accuracy).toBeCloseTo(4 / 6, 12);
    expect(d.perClass[0]).toEqual({ label: 'a', precision: 1, recall: 2 / 3, f1: 0.8, support: 3 });
    expect(d.perClass[1]).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(d.perClass[2]).toMatchObject({ precision: 0.5, recall: 1, support: 1 });
    expect(d.perClass[2]!.f1).toBeCloseTo(2 / 3, 12);
    expect(d.roc).toBeNull();
  });

  it('gives a perfect ROC an AUC of 1 and a reversed one 0, with ties taken together', () => {
    expect(rocCurve([0.9, 0.8, 0.2, 0.1], [true, true, false, false]).auc).toBe(1);
    expect(rocCurve([0.1, 0.2, 0.8, 0.9], [true, true, false, false]).auc).toBe(0);
    const tied = rocCurve([0.5, 0.5, 0.5, 0.5], [true, false, true, false]);
    expect(tied).toEqual({ fpr: [0, 1], tpr: [0, 1], thresholds: [Infinity, 0.5], auc: 0.5 });
  });

  it('refuses mismatched lengths and classes out of range', () => {
    expect(() => classificationDiagnostics(['a'], [0, 0], [0])).toThrow('classificationDiagnostics: 2 actual classes but 1 predictions');
    expect(() => classificationDiagnostics(['a', 'b'], [0, 2], [0, 1])).toThrow('classificationDiagnostics: row 1 has class 2 → 1, outside 0..1');
  });
});

describe.skipIf(!sklearn)('against scikit-learn', () => {
  it('matches confusion_matrix, precision_recall_fscore_support and roc_curve/roc_auc_score on random data', () => {
    const rng = createRng(7);
    for (const k of [2, 4]) {
      const n = 300;
      const actual = Array.from({ length: n }, () => Math.floor(rng.next() * k));
      // Predictions right about 70% of the time; scores (with ties) that lean towards the truth.
      const predicted = actual.map((a) => (rng.next() < 0.7 ? a : Math.floor(rng.next() * k)));
      const score = actual.map((a) => Math.round((0.3 * a + 0.7 * rng.next()) * 20) / 20);
      const ours = classificationDiagnostics(Array.from({ length: k }, (_, i) => `c${i}`), actual, predicted, k === 2 ? score : undefined);
      const theirs = python(`
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support, roc_curve, roc_auc_score
a, p, s, k = data['a'], data['p'], data['s'], data['k']
cm = confusion_matrix(a, p, labels=list(range(k))).tolist()
pr, rc, f1, sup = precision_recall_fscore_support(a, p, labels=list(range(k)), zero_division=0)
out = {'cm': cm, 'p': pr.tolist(), 'r': rc.tolist(), 'f1': f1.tolist(), 'support': sup.tolist()}
if k == 2:
    fpr, tpr, thr = roc_curve(a, s, drop_intermediate=False)
    out.update({'fpr': fpr.tolist(), 'tpr': tpr.tolist(), 'auc': roc_auc_score(a, s)})
print(json.dumps(out))`, { a: actual, p: predicted, s: score, k }) as SklearnReport;
      expect(ours.confusion).toEqual(theirs.cm);
      ours.perClass.forEach((c, i) => {
        expect(c.precision).toBeCloseTo(theirs.p[i]!, 12);
        expect(c.recall).toBeCloseTo(theirs.r[i]!, 12);
        expect(c.f1).toBeCloseTo(theirs.f1[i]!, 12);
        expect(c.support).toBe(theirs.support[i]);
      });
      if (k === 2) {
        expect(ours.roc?.fpr).toEqual(theirs.fpr);
        expect(ours.roc?.tpr).toEqual(theirs.tpr);
        expect(ours.roc?.auc).toBeCloseTo(theirs.auc!, 12);
      }
    }
  });

  it('matches r2_score, mean_squared_error and mean_absolute_error per target', () => {
    const rng = createRng(11);
    const rows = 500;
    const actual = Array.from({ length: rows * 2 }, () => rng.next() * 10);
    const predicted = actual.map((a) => a + (rng.next() - 0.5) * 3);
    const ours = regressionDiagnostics(['y1', 'y2'], actual, predicted, 100);
    const theirs = python(`
import numpy as np
from sklearn.metrics import r2_score, mean_squared_error, mean_absolute_error
a = np.array(data['a']).reshape(-1, 2); p = np.array(data['p']).reshape(-1, 2)
print(json.dumps([[r2_score(a[:, c], p[:, c]), mean_squared_error(a[:, c], p[:, c]) ** 0.5, mean_absolute_error(a[:, c], p[:, c])] for c in range(2)]))`,
    { a: actual, p: predicted }) as number[][];
    ours.forEach((report, c) => {
      expect(report.r2).toBeCloseTo(theirs[c]![0]!, 10);
      expect(report.rmse).toBeCloseTo(theirs[c]![1]!, 10);
      expect(report.mae).toBeCloseTo(theirs[c]![2]!, 10);
      expect(report.residuals.counts.reduce((s, v) => s + v, 0)).toBe(rows);
      expect(report.points.actual).toHaveLength(100);
    });
  });
});

describe('regression diagnostics (edge cases)', () => {
  it('bins residuals over their range and handles a constant target', () => {
    const [r] = regressionDiagnostics(['y'], [1, 2, 3, 4], [1, 2, 3, 6]);
    expect(r!.residuals).toEqual({ min: 0, max: 2, counts: [3, ...new Array<number>(18).fill(0), 1] });
    expect(regressionDiagnostics(['y'], [5, 5], [5, 5])[0]!.r2).toBe(1);
    expect(regressionDiagnostics(['y'], [5, 5], [4, 6])[0]!.r2).toBeNaN();
  });
});
