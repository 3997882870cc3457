/** The one-line texts the worker writes to the run's log and sends to the output channel. */
import { outcomeText, type EpochEvent, type Metrics, type TrainResult } from '../core/engine/events';

const num = (x: number, digits = 4) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
const metrics = (label: string, m: Metrics | null) => (m ? `${label} RMSE ${num(m.rmse)} MAE ${num(m.mae)}` : '');
export const rate = (examplesPerSec: number) => `${Math.round(examplesPerSec).toLocaleString('en-US')} examples/s`;

export function epochLine(e: EpochEvent): string {
  return [
    `epoch ${e.epoch}/${e.epochs}`,
    `loss ${num(e.loss)}`,
    metrics('train', e.train),
    metrics('val', e.val),
    rate(e.examplesPerSec),
    `${e.seconds.toFixed(1)} s`,
  ]
    .filter(Boolean)
    .join('  ');
}

export function resultLine(r: TrainResult): string {
  const how = outcomeText(r);
  return [
    `${how}: ${metrics('test', r.test)}`,
    `baselines: global mean RMSE ${num(r.baselines.globalMean.rmse)}, μ+bᵤ+bᵢ RMSE ${num(r.baselines.userItemBias.rmse)}`,
    `${r.epochs} epochs in ${r.seconds.toFixed(1)} s on ${r.backend}, ${rate(r.examplesPerSec)}`,
  ].join('; ');
}
