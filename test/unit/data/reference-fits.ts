/**
 * Tiny reference models in plain TypeScript, to check that the synthetic data is learnable as documented:
 * the μ+bᵤ+bᵢ baseline (regularised alternating fit, as Surprise's BaselineOnly) and a biased MF by SGD.
 */
import { Dataset } from '../../../src/core/data/types';
import { gaussian, makeRng, shuffleInPlace } from '../../../src/core/util/random';

export type Predictor = (user: number, item: number) => number;

export function rmseOf(d: Dataset, rows: Int32Array, predict: Predictor): number {
  let squares = 0;
  for (const r of rows) {
    const p = Math.min(d.ratingRange[1], Math.max(d.ratingRange[0], predict(d.users[r], d.items[r])));
    squares += (p - d.ratings[r]) ** 2;
  }
  return Math.sqrt(squares / rows.length);
}

export function fitBiases(d: Dataset, train: Int32Array, iterations = 10) {
  const users = d.userIds.length;
  const items = d.itemIds.length;
  let mean = 0;
  for (const r of train) mean += d.ratings[r];
  mean /= train.length;
  const userBias = new Float64Array(users);
  const itemBias = new Float64Array(items);
  for (let it = 0; it < iterations; it++) {
    const itemSum = new Float64Array(items);
    const itemCount = new Float64Array(items);
    for (const r of train) {
      itemSum[d.items[r]] += d.ratings[r] - mean - userBias[d.users[r]];
      itemCount[d.items[r]]++;
    }
    for (let i = 0; i < items; i++) itemBias[i] = itemSum[i] / (10 + itemCount[i]);
    const userSum = new Float64Array(users);
    const userCount = new Float64Array(users);
    for (const r of train) {
      userSum[d.users[r]] += d.ratings[r] - mean - itemBias[d.items[r]];
      userCount[d.users[r]]++;
    }
    for (let u = 0; u < users; u++) userBias[u] = userSum[u] / (15 + userCount[u]);
  }
  const predict: Predictor = (u, i) => mean + userBias[u] + itemBias[i];
  return { mean, userBias, itemBias, predict };
}

export function fitBiasedMf(
  d: Dataset,
  train: Int32Array,
  { rank = 8, epochs = 30, learningRate = 0.01, l2 = 0.1, seed = 7 } = {},
): Predictor {
  const rng = makeRng(seed);
  const { mean, userBias, itemBias } = fitBiases(d, train);
  const p = Float64Array.from({ length: d.userIds.length * rank }, () => 0.1 * gaussian(rng));
  const q = Float64Array.from({ length: d.itemIds.length * rank }, () => 0.1 * gaussian(rng));
  const dot = (u: number, i: number) => {
    let s = 0;
    for (let k = 0; k < rank; k++) s += p[u * rank + k] * q[i * rank + k];
    return s;
  };
  const order = Int32Array.from(train);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, rng);
    for (const r of order) {
      const u = d.users[r];
      const i = d.items[r];
      const error = d.ratings[r] - (mean + userBias[u] + itemBias[i] + dot(u, i));
      userBias[u] += learningRate * (error - l2 * userBias[u]);
      itemBias[i] += learningRate * (error - l2 * itemBias[i]);
      for (let k = 0; k < rank; k++) {
        const pk = p[u * rank + k];
        const qk = q[i * rank + k];
        p[u * rank + k] += learningRate * (error * qk - l2 * pk);
        q[i * rank + k] += learningRate * (error * pk - l2 * qk);
      }
    }
  }
  return (u, i) => mean + userBias[u] + itemBias[i] + dot(u, i);
}
