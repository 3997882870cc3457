/** RMSE and MAE of predictions clipped to the rating scale: what a user of the model would see. */
import { Metrics } from './events';

export function clip(value: number, [lo, hi]: [number, number]): number {
  return value < lo ? lo : value > hi ? hi : value;
}

export function errorMetrics(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  range?: [number, number],
): Metrics {
  const n = actual.length;
  if (n === 0) return { rmse: NaN, mae: NaN };
  let squared = 0;
  let absolute = 0;
  for (let i = 0; i < n; i++) {
    const p = range ? clip(predicted[i], range) : predicted[i];
    const e = p - actual[i];
    squared += e * e;
    absolute += Math.abs(e);
  }
  return { rmse: Math.sqrt(squared / n), mae: absolute / n };
}
