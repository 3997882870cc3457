/**
 * Messages between the extension host and the training worker (a forked Node process).
 * Both ends import these types, so changing a message breaks the build on both sides.
 */
import type { BackendChoice, Baselines, EngineName, EpochEvent, StartEvent, TrainResult } from '../core/engine/events';
import type { RankingBaselines, RankingEpochEvent, RankingResult } from '../core/ranking/events';
import type { SpecInput } from '../core/spec';

/** What to train, on what, and where to write the run folder. */
export interface TrainRequest {
  /** The spec as a JSON value; the worker checks it again (it trusts nothing it did not parse). */
  spec: SpecInput;
  /** Where the spec came from, for messages and for the run's metadata (a file path or `preset:NAME`). */
  specSource: string;
  presetName?: string;
  /** A data source as `loadDataset` takes it: `synthetic`, `movielens:DIR`, `csv:FILE`. */
  data: string;
  /** A split as `makeSplits` takes it, e.g. `random:0.2`; the first split made is used. */
  split: string;
  backend: BackendChoice;
  engine?: EngineName;
  /** Overrides of the spec's own training settings (from the user's settings). */
  epochs?: number;
  batchSize?: number;
  /** The run folder the worker creates and fills (spec, log, model, metrics). */
  runDir: string;
}

export type HostToWorker = { type: 'start'; request: TrainRequest } | { type: 'cancel' };

/** A burst of per-batch losses; the worker coalesces batches so a fast model does not flood the channel. */
export interface BatchesMessage {
  type: 'batches';
  epoch: number;
  /** 0-based index of the first batch in `losses` within its epoch. */
  firstBatch: number;
  batches: number;
  losses: number[];
}

export type WorkerToHost =
  | { type: 'ready' }
  | (Omit<StartEvent, 'event'> & {
      type: 'started';
      epochs: number;
      dataName: string;
      /** The reference metrics on the test rows, known before the first epoch. */
      baselines?: Baselines;
      /** A ranking run's K and its baselines (ItemPop, random) on the test items. */
      ranking?: { k: number; baselines: RankingBaselines };
    })
  | BatchesMessage
  | { type: 'epoch'; epoch: EpochEvent }
  /** Training ended (finished, stopped early, or cancelled) and the run folder is written. */
  | { type: 'result'; result: TrainResult; runDir: string }
  /** A ranking run's epoch (validation HR@K, NDCG@K) and its result; see `training.task`. */
  | { type: 'rankingEpoch'; epoch: RankingEpochEvent }
  | { type: 'rankingResult'; result: RankingResult; runDir: string }
  /** A line for the output channel and the run's log. */
  | { type: 'log'; line: string }
  /** Training could not run or failed; `message` is one line meant for a person. */
  | { type: 'error'; message: string; detail?: string };

export function isWorkerToHost(value: unknown): value is WorkerToHost {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function isHostToWorker(value: unknown): value is HostToWorker {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'cancel' || (type === 'start' && typeof (value as { request?: unknown }).request === 'object');
}
