/**
 * Median pruning (as Optuna's MedianPruner): a trial whose best validation objective (RMSE; a text
 * classifier's negative accuracy or AUC, or its log loss) so far at epoch k of
 * a fold is worse than the median of the earlier trials at that fold and epoch stops. Nothing is
 * pruned until a few trials have finished and each fold has run a few epochs.
 */
import { Objective } from './tpe';
import { TrialRecord, TuneMetrics } from './types';
import { measureOf } from './measure';

// Optuna's start-up default. The warm-up lets a strongly regularised trial, slow in its first epochs, reach
// the epochs where the presets' models settle (NeuMF's best epoch on ML-100K is 6–8): with 3, most NeuMF
// trials of a 24-trial search were pruned at epochs 3–5 on the strength of their start.
export const PRUNE_STARTUP_TRIALS = 5;
export const PRUNE_WARMUP_EPOCHS = 5;

/** Per fold index, per epoch (0-based), the median to beat; NaN where too few trials reached it. */
export type PruneTable = number[][];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The medians the next trial must beat, from the trials finished so far; null while warming up. */
export function pruneTable(
  finished: TrialRecord<TuneMetrics>[],
  measure: { objective: Objective } = measureOf('rmse'),
): PruneTable | null {
  const usable = finished.filter((t) => t.status !== 'failed');
  if (usable.length < PRUNE_STARTUP_TRIALS) return null;
  const table: PruneTable = [];
  const folds = Math.max(...usable.map((t) => t.folds.length));
  for (let f = 0; f < folds; f++) {
    const curves = usable
      .map((t) => t.folds[f]?.epochs.map((e) => (e.val ? measure.objective(e.val) : NaN)) ?? [])
      .map(bestSoFar);
    const epochs = Math.max(0, ...curves.map((c) => c.length));
    table.push(
      Array.from({ length: epochs }, (_, e) => {
        const values = curves.map((c) => c[e]).filter((v) => v !== undefined && Number.isFinite(v));
        return values.length >= PRUNE_STARTUP_TRIALS / 2 ? median(values) : NaN;
      }),
    );
  }
  return table;
}

export function bestSoFar(values: number[]): number[] {
  let best = Infinity;
  return values.map((v) => (best = Math.min(best, Number.isFinite(v) ? v : Infinity)));
}

/** Whether a trial at this fold (0-based) and epoch (1-based) with this best-so-far validation RMSE stops. */
export function shouldPrune(table: PruneTable | null, fold: number, epoch: number, bestVal: number): boolean {
  if (!table || epoch < PRUNE_WARMUP_EPOCHS) return false;
  const m = table[fold]?.[epoch - 1];
  return m !== undefined && Number.isFinite(m) && bestVal > m;
}
