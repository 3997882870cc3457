/** What a training run reports while it runs and when it ends; the CLI, the worker protocol and the dashboard all speak these. */

export interface Metrics {
  rmse: number;
  mae: number;
}

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;
/** `fast`: our own training step (issue: training speed); `layers`: plain `LayersModel.fit`. */
export type EngineName = 'fast' | 'layers';

export interface BatchEvent {
  event: 'batch';
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
}

export interface EpochEvent {
  event: 'epoch';
  epoch: number;
  epochs: number;
  loss: number;
  /** On a fixed sample of up to 10,000 training rows (the result's are on all of them). */
  train: Metrics;
  val: Metrics | null;
  seconds: number;
  examplesPerSec: number;
}

export interface Baselines {
  globalMean: Metrics;
  userItemBias: Metrics;
  /** Generated data only: the RMSE of the true model against the observed ratings, the best any model can do. */
  noiseFloorRmse?: number;
}

/** Test rows of one kind (cold: the user or the item has no training row; warm: both have), the model's and μ + bᵤ + bᵢ's figures on them. */
export interface RowGroupMetrics {
  rows: number;
  test: Metrics;
  userItemBias: Metrics;
}

export interface TrainResult {
  event: 'result';
  preset?: string;
  spec: string;
  backend: BackendName;
  engine: EngineName;
  /** Why the fast engine was asked for but `layers` ran ("the fast engine does not train dropout"). */
  fallbackReason?: string;
  split: string;
  train: Metrics;
  val: Metrics | null;
  test: Metrics;
  baselines: Baselines;
  /** Present when some test rows are cold: the test figures of the cold and the warm rows apart (warm null when none is). */
  coldWarm?: { cold: RowGroupMetrics; warm: RowGroupMetrics | null };
  /** Epochs run, and the epoch whose weights were kept (early stopping restores the best). */
  epochs: number;
  bestEpoch: number;
  stoppedEarly: boolean;
  cancelled: boolean;
  seconds: number;
  examplesPerSec: number;
  params: number;
  history: EpochEvent[];
}

/** What a run reports whatever its task: the engine, the split, the epochs, the timing. */
export type RunFacts = Pick<
  TrainResult,
  | 'preset'
  | 'spec'
  | 'backend'
  | 'engine'
  | 'fallbackReason'
  | 'split'
  | 'epochs'
  | 'bestEpoch'
  | 'stoppedEarly'
  | 'cancelled'
  | 'seconds'
  | 'examplesPerSec'
  | 'params'
>;

type Ending = Pick<RunFacts, 'cancelled' | 'stoppedEarly' | 'bestEpoch'>;

/** How a run ended, as the CLI's summary says it: "stopped early, best epoch 7". */
export const endingText = (r: Ending) =>
  r.cancelled ? 'cancelled' : r.stoppedEarly ? `stopped early, best epoch ${r.bestEpoch}` : `best epoch ${r.bestEpoch}`;

/** How a run ended, as a result line starts: "stopped early, kept epoch 7". */
export const outcomeText = (r: Ending) =>
  r.cancelled ? 'stopped by the user' : r.stoppedEarly ? `stopped early, kept epoch ${r.bestEpoch}` : 'finished';

/** The engine that ran, with the reason when the fast engine handed over: "layers (the fast engine does not train dropout)". */
export const engineText = (engine: EngineName, fallbackReason?: string) =>
  fallbackReason ? `${engine} (${fallbackReason})` : engine;

export interface StartEvent {
  event: 'start';
  backend: BackendName;
  engine: EngineName;
  /** Why the fast engine fell back to LayersModel.fit, when it did. */
  fallbackReason?: string;
  trainRows: number;
  valRows: number;
  testRows: number;
  params: number;
  /** The batch size used: the spec's, or the training rows when there are fewer. */
  batchSize: number;
  /** The spec's batch size when it was more than the training rows (and so capped). */
  batchCappedFrom?: number;
}

export type TrainEvent = StartEvent | BatchEvent | EpochEvent;
