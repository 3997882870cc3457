/**
 * What a search minimises and how it averages folds, by task: a rating search chooses on validation
 * RMSE; a text classifier's on validation accuracy, AUC or log loss (higher accuracy and AUC are better,
 * so their objective is the negative). The trials, the pruner and TPE all rank by this one number.
 */
import { ClassMetrics, summariseMetrics } from '../classification/metrics';
import { Metrics } from '../engine/events';
import { summarise } from '../job/runJob';
import { TuneMetric, TuneMetrics } from './types';

export interface TuneMeasure<M extends TuneMetrics> {
  metric: TuneMetric;
  /** As a person reads it: RMSE, accuracy, AUC, log loss. */
  label: string;
  /** Lower is better. */
  objective(m: M): number;
  /** The figure itself (accuracy, not its negative). */
  value(m: M): number;
  summarise(values: M[]): { mean: M; std: M };
}

export const RATING_MEASURE: TuneMeasure<Metrics> = {
  metric: 'rmse',
  label: 'RMSE',
  objective: (m) => m.rmse,
  value: (m) => m.rmse,
  summarise,
};

const LABELS: Record<Exclude<TuneMetric, 'rmse'>, string> = { accuracy: 'accuracy', auc: 'AUC', loss: 'log loss' };

export function classificationMeasure(metric: Exclude<TuneMetric, 'rmse'>): TuneMeasure<ClassMetrics> {
  const sign = metric === 'loss' ? 1 : -1;
  return {
    metric,
    label: LABELS[metric],
    objective: (m) => sign * m[metric],
    value: (m) => m[metric],
    summarise: summariseMetrics,
  };
}

/** The measure of a search's settings (no metric: a rating search's RMSE). */
export function measureOf(metric: TuneMetric | undefined): TuneMeasure<TuneMetrics> {
  if (metric === undefined || metric === 'rmse') return RATING_MEASURE as unknown as TuneMeasure<TuneMetrics>;
  return classificationMeasure(metric) as unknown as TuneMeasure<TuneMetrics>;
}
