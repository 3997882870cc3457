/** What a ranking run reports: per epoch the validation HR@K and NDCG@K, at the end both protocols beside ItemPop and random. */
import type { BatchEvent, RunFacts, TrainEvent } from '../engine/events';
import type { FullRanking, TopK } from './metrics';

export type { FullRanking, TopK } from './metrics';

export interface RankingEpochEvent {
  event: 'epoch';
  task: 'ranking';
  epoch: number;
  epochs: number;
  loss: number;
  /** The validation item of each user against its sampled negatives. */
  val: TopK | null;
  seconds: number;
  examplesPerSec: number;
}

/** The sampled protocol's HR@K and NDCG@K, with the full ranking's figures in `full`. */
export type RankingMetrics = TopK & { full: FullRanking };

/** ItemPop (training popularity) and random scores, on the same test items and negatives. */
export interface RankingBaselines {
  itemPop: RankingMetrics;
  random: RankingMetrics;
}

export interface RankingResult extends RunFacts {
  event: 'result';
  task: 'ranking';
  loss: 'bce' | 'bpr';
  /** Training negatives per positive, and the sampled protocol's negatives per user. */
  negatives: number;
  evalNegatives: number;
  users: { evaluated: number };
  val: TopK | null;
  test: RankingMetrics;
  baselines: RankingBaselines;
  history: RankingEpochEvent[];
}

export type RankingEvent = Extract<TrainEvent, { event: 'start' }> | BatchEvent | RankingEpochEvent;
