import { strict as assert } from 'node:assert';
import { classMetrics, confusion, majorityProbabilities, rocAuc } from '../../../src/core/classification/metrics';

describe('classification metrics', () => {
  // By hand: threshold 0.5 → predicted 1,1,0,1,0,0 against labels 1,0,1,1,0,0: TP 2, FP 1, FN 1, TN 2.
  const p = [0.9, 0.8, 0.4, 0.6, 0.3, 0.1];
  const y = [1, 0, 1, 1, 0, 0];

  it('confusion matrix, accuracy, precision, recall, F1 on a hand-made case', () => {
    assert.deepEqual(confusion(p, y), [
      [2, 1],
      [1, 2],
    ]);
    const m = classMetrics(p, y);
    assert.equal(m.accuracy, 4 / 6);
    assert.equal(m.precision, 2 / 3);
    assert.equal(m.recall, 2 / 3);
    assert.ok(Math.abs(m.f1 - 2 / 3) < 1e-12);
    const logLoss =
      -(Math.log(0.9) + Math.log(0.2) + Math.log(0.4) + Math.log(0.6) + Math.log(0.7) + Math.log(0.9)) / 6;
    assert.ok(Math.abs(m.loss - logLoss) < 1e-9);
  });

  it('AUC: the share of (positive, negative) pairs ordered right, ties counting a half', () => {
    // Positives 0.9, 0.4, 0.6 against negatives 0.8, 0.3, 0.1: 0.9 beats 3, 0.6 beats 2, 0.4 beats 2 → 7 of 9.
    assert.equal(rocAuc(p, y), 7 / 9);
    assert.equal(rocAuc([0.5, 0.5], [1, 0]), 0.5);
    assert.equal(rocAuc([0.2, 0.7, 0.7], [0, 1, 0]), 0.75);
    assert.equal(rocAuc([0.1, 0.2], [1, 1]), 0.5, 'one class only');
  });

  it('the majority class predicts the training share of the commoner class', () => {
    const q = majorityProbabilities([1, 1, 1, 0], 3);
    assert.deepEqual(Array.from(q), [0.75, 0.75, 0.75]);
    const m = classMetrics(q, [1, 0, 0]);
    assert.equal(m.accuracy, 1 / 3);
    assert.equal(m.recall, 1);
    assert.equal(m.auc, 0.5);
    assert.ok(majorityProbabilities([1, 0], 1)[0] < 0.5, 'a tie says negative');
  });
});
