import { strict as assert } from 'node:assert';
import { errorMetrics } from '../../../src/core/engine/metrics';
import { computeBaselines, fitBiases } from '../../../src/core/engine/baselines';
import { Dataset } from '../../../src/core/data/types';

describe('metrics against hand-computed values', () => {
  it('RMSE and MAE', () => {
    // errors 1, -2, 0, 3: squared 1+4+0+9 = 14 → RMSE √3.5; absolute 6 → MAE 1.5
    const m = errorMetrics([4, 1, 3, 5], [3, 3, 3, 2]);
    assert.equal(m.rmse, Math.sqrt(3.5));
    assert.equal(m.mae, 1.5);
  });
  it('clips predictions to the scale first', () => {
    // 7 → 5 and -1 → 1: errors 0 and 0
    assert.deepEqual(errorMetrics([7, -1], [5, 1], [1, 5]), { rmse: 0, mae: 0 });
  });
  it('no rows: NaN, not a crash', () => {
    assert.ok(Number.isNaN(errorMetrics([], []).rmse));
  });
});

describe('baselines', () => {
  // Two users, two items; user 0 rates high, item 1 rates low.
  const data = {
    name: 'tiny',
    users: Int32Array.from([0, 0, 1, 1]),
    items: Int32Array.from([0, 1, 0, 1]),
    ratings: Float32Array.from([5, 4, 3, 2]),
    userIds: ['a', 'b'],
    itemIds: ['x', 'y'],
    ratingRange: [1, 5],
    vocabulary: { user: 2, item: 2 },
  } as Dataset;
  const all = Int32Array.from([0, 1, 2, 3]);
  it('the global mean baseline predicts μ of the training part', () => {
    const b = computeBaselines(data, all, all);
    // μ = 3.5; errors 1.5, 0.5, -0.5, -1.5 → RMSE √1.25, MAE 1
    assert.equal(b.globalMean.rmse, Math.sqrt(1.25));
    assert.equal(b.globalMean.mae, 1);
  });
  it('μ + bᵤ + bᵢ is regularised and beats the mean where biases exist', () => {
    const fit = fitBiases(data, all);
    assert.equal(fit.mean, 3.5);
    assert.ok(fit.userBias[0] > 0 && fit.userBias[1] < 0, 'user 0 rates higher');
    assert.ok(fit.itemBias[0] > 0 && fit.itemBias[1] < 0, 'item 0 is rated higher');
    assert.ok(Math.abs(fit.userBias[0]) < 1, 'shrunk towards zero by the regularisation');
    const b = computeBaselines(data, all, all);
    assert.ok(b.userItemBias.rmse < b.globalMean.rmse);
  });
});
