/** What a search records: one trial per line of `trials.jsonl`, and the result at the end. */
import type { Metrics } from '../engine/events';
import type { Params } from './space';

export const STRATEGIES = ['grid', 'random', 'tpe'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

export interface EpochMetrics {
  epoch: number;
  train: Metrics;
  val: Metrics | null;
}

/** One configuration trained on one fold. */
export interface FoldRecord {
  fold: string;
  seed: number;
  /** Trainable parameters of the model on this data. */
  params: number;
  epochs: EpochMetrics[];
  bestEpoch: number;
  train: Metrics;
  val: Metrics | null;
  /** Only in the final evaluation of the chosen and the default configuration, never in a trial. */
  test?: Metrics;
  baselines?: { globalMean: Metrics; userItemBias: Metrics };
  seconds: number;
}

export type TrialStatus = 'complete' | 'pruned' | 'failed';

export interface TrialRecord {
  event: 'trial';
  number: number;
  params: Params;
  seed: number;
  status: TrialStatus;
  folds: FoldRecord[];
  /** Mean and standard deviation over the folds run (the best epoch of each). */
  val: Metrics | null;
  valStd: Metrics | null;
  train: Metrics | null;
  seconds: number;
  /** Why it failed, or at which fold and epoch it was pruned. */
  note?: string;
}

/** The `--json` result line, exactly as the issue gives it. */
export interface TuneResult {
  event: 'tune-result';
  strategy: StrategyName;
  trials: number;
  pruned: number;
  best: { params: Params; val: Metrics; train: Metrics; test: Metrics };
  default: { val: Metrics; test: Metrics };
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
}
