/** One-line texts of a classification run, for the CLI's progress and the worker's log alike. */
import { outcomeText } from '../engine/events';
import { ClassificationEpochEvent, ClassificationResult } from './events';

export const f4 = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(4));

export function classificationEpochLine(e: ClassificationEpochEvent): string {
  const val = e.val ? ` val accuracy ${f4(e.val.accuracy)} AUC ${f4(e.val.auc)} loss ${f4(e.val.loss)}` : '';
  return `epoch ${e.epoch}/${e.epochs}: loss ${f4(e.loss)} train accuracy ${f4(e.train.accuracy)}${val} (${e.seconds.toFixed(1)} s, ${Math.round(e.examplesPerSec)} ex/s)`;
}

export function classificationResultLine(r: ClassificationResult & { folds?: unknown[] }): string {
  const how = outcomeText(r);
  const over = r.folds ? ` (mean of ${r.folds.length} folds)` : '';
  return [
    `${how}: test${over} accuracy ${f4(r.test.accuracy)} AUC ${f4(r.test.auc)} F1 ${f4(r.test.f1)} log loss ${f4(r.test.loss)}`,
    `baseline: majority class accuracy ${f4(r.baselines.majority.accuracy)}`,
    `${r.epochs} epochs in ${r.seconds.toFixed(1)} s on ${r.backend}, ${Math.round(r.examplesPerSec).toLocaleString('en-US')} examples/s`,
  ].join('; ');
}
