/** What a search records: one trial per line of `trials.jsonl`, and the result at the end. */
import type { ClassMetrics } from '../classification/metrics';
import type { Metrics } from '../engine/events';
import type { Params } from './space';

/** What a fold is measured by: a rating model's RMSE and MAE, or a text classifier's accuracy, AUC, log loss… */
export type TuneMetrics = Metrics | ClassMetrics;

/** The baselines a final evaluation reports beside the model, in its task's terms. */
export type BaselinesOf<M extends TuneMetrics> = M extends Metrics
  ? { globalMean: Metrics; userItemBias: Metrics }
  : { majority: ClassMetrics };

/** The validation figure a search chooses on: RMSE for ratings; accuracy, AUC or log loss for a text classifier. */
export const TUNE_METRICS = ['rmse', 'accuracy', 'auc', 'loss'] as const;
export type TuneMetric = (typeof TUNE_METRICS)[number];

export const STRATEGIES = ['grid', 'random', 'tpe'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

export interface EpochMetrics<M extends TuneMetrics = Metrics> {
  epoch: number;
  train: M;
  val: M | null;
}

/** One configuration trained on one fold. */
export interface FoldRecord<M extends TuneMetrics = Metrics> {
  fold: string;
  seed: number;
  /** Trainable parameters of the model on this data. */
  params: number;
  epochs: EpochMetrics<M>[];
  bestEpoch: number;
  train: M;
  val: M | null;
  /** Only in the final evaluation of the chosen and the default configuration, never in a trial. */
  test?: M;
  baselines?: BaselinesOf<M>;
  /** With refit: the epochs the test model trained for on the whole training fold (this fold's best epoch). */
  refitEpochs?: number;
  seconds: number;
}

export type TrialStatus = 'complete' | 'pruned' | 'failed';

export interface TrialRecord<M extends TuneMetrics = Metrics> {
  event: 'trial';
  number: number;
  params: Params;
  seed: number;
  status: TrialStatus;
  folds: FoldRecord<M>[];
  /** Mean and standard deviation over the folds run (the best epoch of each). */
  val: M | null;
  valStd: M | null;
  train: M | null;
  seconds: number;
  /** Why it failed, or at which fold and epoch it was pruned. */
  note?: string;
}

/** The `--json` result line, exactly as the issue gives it. */
export interface TuneResult<M extends TuneMetrics = Metrics> {
  event: 'tune-result';
  strategy: StrategyName;
  /** Absent: RMSE (a rating search); a text classifier's search names what it chose on. */
  metric?: TuneMetric;
  trials: number;
  pruned: number;
  best: { params: Params; val: M; train: M; test: M };
  default: { val: M; test: M };
  /** True when each test figure is of a model refit on the whole training fold (see TuneSettings.refit). */
  refit?: boolean;
  seconds: number;
}

/** The settings of a search, written first into its folder so that `--resume` continues the same search. */
export interface TuneSettings {
  version: 1;
  specSource: string;
  presetName?: string;
  spec: unknown;
  space: import('./space').SearchSpace;
  strategy: StrategyName;
  trials: number;
  seed: number;
  data: string;
  /** Feature files of the user's own (absolute paths, so a resumed search reads the same ones). */
  features?: import('../data/load').FeatureFiles;
  split: string;
  prune: boolean;
  /** What the search chooses on; absent in a rating search (RMSE). */
  metric?: TuneMetric;
  /**
   * Whether the test figures come from a model refit on the whole training fold, for as many epochs as
   * early stopping chose on that fold's validation part (as scikit-learn's search refits its winner).
   * Absent in searches begun before it existed: no refit.
   */
  refit?: boolean;
}
