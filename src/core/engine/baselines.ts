/**
 * The two references printed beside every result: the global mean, and μ + bᵤ + bᵢ with
 * regularised biases fitted by alternating least squares (as Surprise's BaselineOnly does:
 * 10 sweeps, λ_item = 10, λ_user = 15).
 */
import { Dataset } from '../data/types';
import { Baselines } from './events';
import { errorMetrics } from './metrics';
import { gatherFloat } from '../util/gather';

const SWEEPS = 10;
const ITEM_REG = 10;
const USER_REG = 15;

export interface BiasModel {
  mean: number;
  userBias: Float64Array;
  itemBias: Float64Array;
}

export function fitBiases(data: Dataset, rows: Int32Array): BiasModel {
  let mean = 0;
  for (const r of rows) mean += data.ratings[r];
  mean /= rows.length || 1;
  const userBias = new Float64Array(data.userIds.length);
  const itemBias = new Float64Array(data.itemIds.length);
  const sums = new Float64Array(Math.max(userBias.length, itemBias.length));
  const counts = new Float64Array(sums.length);
  const ratings = data.ratings;
  const sweep = (target: Float64Array, other: Float64Array, own: Int32Array, them: Int32Array, reg: number) => {
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const k = own[r];
      sums[k] += ratings[r] - mean - other[them[r]];
      counts[k] += 1;
    }
    for (let k = 0; k < target.length; k++) target[k] = sums[k] / (reg + counts[k]);
  };
  for (let s = 0; s < SWEEPS; s++) {
    sweep(itemBias, userBias, data.items, data.users, ITEM_REG);
    sweep(userBias, itemBias, data.users, data.items, USER_REG);
  }
  return { mean, userBias, itemBias };
}

export function computeBaselines(data: Dataset, train: Int32Array, test: Int32Array): Baselines {
  const biases = fitBiases(data, train);
  const actual = gatherFloat(data.ratings, test);
  const meanOnly = new Float32Array(test.length).fill(biases.mean);
  const withBiases = Float32Array.from(
    test,
    (r) => biases.mean + biases.userBias[data.users[r]] + biases.itemBias[data.items[r]],
  );
  return {
    globalMean: errorMetrics(meanOnly, actual, data.ratingRange),
    userItemBias: errorMetrics(withBiases, actual, data.ratingRange),
    ...(data.noiseFloorRmse === undefined ? {} : { noiseFloorRmse: data.noiseFloorRmse }),
  };
}
