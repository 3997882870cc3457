/**
 * One configuration trained on some folds, in the process that holds the data. A search trial
 * never sees a test row: its folds are handed to the trainer with their test part removed, and
 * the validation part is carved from the training fold exactly as early stopping does. Only the
 * final evaluation of the chosen and the default configuration (withTest) measures the test rows.
 */
import { ClassMetrics } from '../classification/metrics';
import { trainClassifier } from '../classification/train';
import { TextData } from '../data/textData';
import { TokenizerOptions } from '../data/tokenizer';
import { Dataset, Split } from '../data/types';
import { BackendChoice, EngineName, Metrics } from '../engine/events';
import { defaultFastStepper } from '../engine/fast';
import { trainModel } from '../engine/train';
import { Spec } from '../spec/schema';
import { measureOf } from './measure';
import { bestSoFar, PruneTable, shouldPrune } from './pruner';
import { FoldRecord, TrialStatus, TuneMetric, TuneMetrics } from './types';

export interface TrialJob {
  id: number;
  spec: Spec;
  /** Indices into the split's folds. */
  folds: number[];
  withTest: boolean;
  prune: PruneTable | null;
}

export interface TrialOutcome<M extends TuneMetrics = Metrics> {
  id: number;
  status: TrialStatus | 'cancelled';
  folds: FoldRecord<M>[];
  note?: string;
  seconds: number;
}

/** A fold of either task, as a worker reports it (the search knows which its data gives). */
export type AnyFoldRecord = FoldRecord | FoldRecord<ClassMetrics>;
export type WorkerOutcome = Omit<TrialOutcome, 'folds'> & { folds: AnyFoldRecord[] };

/** The data a trial trains on: ratings, or labelled text with its tokenizer's options. */
export type TrialData =
  | { task: 'ratings'; dataset: Dataset }
  | { task: 'classification'; text: TextData; tokenizer: Omit<TokenizerOptions, 'length'> };

export interface TrialContext {
  data: TrialData;
  splits: Split[];
  backend: BackendChoice;
  engine: EngineName;
  /** What the pruner compares (RMSE unless a text classifier's search says otherwise). */
  metric?: TuneMetric;
  signal: AbortSignal;
  /** Each epoch's validation objective (lower is better). */
  onEpoch?: (fold: number, epoch: number, valObjective: number | null) => void;
}

const NO_ROWS = new Int32Array(0);

/** One fold's training, as the search records it, whichever the task. */
interface FoldTraining {
  record: Omit<FoldRecord<TuneMetrics>, 'fold' | 'seed' | 'seconds'>;
  epochs: number;
  cancelled: boolean;
}

type EpochListener = (epoch: number, val: TuneMetrics | null) => void;

async function trainRatingFold(
  job: TrialJob,
  dataset: Dataset,
  split: Split,
  context: TrialContext,
  signal: AbortSignal,
  onEpoch: EpochListener,
): Promise<FoldTraining> {
  const { result, model } = await trainModel({
    spec: job.spec,
    dataset,
    split,
    backend: context.backend,
    engine: context.engine,
    fastStepper: defaultFastStepper,
    signal,
    onEvent: (e) => e.event === 'epoch' && onEpoch(e.epoch, e.val),
  });
  model.dispose();
  return {
    record: {
      params: result.params,
      epochs: result.history.map((e) => ({ epoch: e.epoch, train: e.train, val: e.val })),
      bestEpoch: result.bestEpoch,
      train: result.train,
      val: result.val,
      // The record keeps the two baselines a search compares against; the data's own extras (a synthetic
      // set's noise floor) stay out of the message the search checks field by field.
      ...(job.withTest
        ? {
            test: result.test,
            baselines: { globalMean: result.baselines.globalMean, userItemBias: result.baselines.userItemBias },
          }
        : {}),
    },
    epochs: result.epochs,
    cancelled: result.cancelled,
  };
}

/** The figures a fold record keeps of a classifier's: the confusion matrix stays with the run, not the search. */
const figures = ({ accuracy, auc, precision, recall, f1, loss, perClass }: ClassMetrics): ClassMetrics => ({
  accuracy,
  auc,
  precision,
  recall,
  f1,
  loss,
  ...(perClass ? { perClass } : {}),
});

async function trainClassificationFold(
  job: TrialJob,
  data: Extract<TrialData, { task: 'classification' }>,
  split: Split,
  context: TrialContext,
  signal: AbortSignal,
  onEpoch: EpochListener,
): Promise<FoldTraining> {
  const run = await trainClassifier({
    spec: { ...job.spec, training: { ...job.spec.training, task: 'classification' } },
    data: data.text,
    split,
    tokenizer: data.tokenizer,
    backend: context.backend,
    engine: context.engine,
    fastStepper: defaultFastStepper,
    signal,
    onEvent: (e) => e.event === 'epoch' && onEpoch(e.epoch, e.val),
  });
  run.model.dispose();
  const { result } = run;
  return {
    record: {
      params: result.params,
      epochs: result.history.map((e) => ({ epoch: e.epoch, train: figures(e.train), val: e.val && figures(e.val) })),
      bestEpoch: result.bestEpoch,
      train: figures(result.train),
      val: result.val && figures(result.val),
      ...(job.withTest
        ? { test: figures(result.test), baselines: { majority: figures(result.baselines.majority) } }
        : {}),
    },
    epochs: result.epochs,
    cancelled: result.cancelled,
  };
}

export async function runTrial(job: TrialJob, context: TrialContext): Promise<WorkerOutcome> {
  const objective = measureOf(context.metric).objective;
  const started = performance.now();
  const folds: AnyFoldRecord[] = [];
  for (const f of job.folds) {
    const split = context.splits[f];
    const shown: Split = job.withTest ? split : { name: split.name, train: split.train, test: NO_ROWS };
    const prune = new AbortController();
    const stop = () => prune.abort();
    context.signal.addEventListener('abort', stop);
    const vals: number[] = [];
    const t0 = performance.now();
    try {
      const onEpoch: EpochListener = (epoch, val) => {
        const score = val ? objective(val) : NaN;
        vals.push(score);
        context.onEpoch?.(f, epoch, val ? score : null);
        if (shouldPrune(job.prune, f, epoch, bestSoFar(vals)[vals.length - 1])) prune.abort();
      };
      const data = context.data;
      const trained =
        data.task === 'ratings'
          ? await trainRatingFold(job, data.dataset, shown, context, prune.signal, onEpoch)
          : await trainClassificationFold(job, data, shown, context, prune.signal, onEpoch);
      folds.push({
        fold: split.name,
        seed: job.spec.training.seed,
        ...trained.record,
        seconds: (performance.now() - t0) / 1000,
      } as AnyFoldRecord);
      if (context.signal.aborted)
        return { id: job.id, status: 'cancelled', folds, seconds: (performance.now() - started) / 1000 };
      if (trained.cancelled) {
        return {
          id: job.id,
          status: 'pruned',
          folds,
          note: `pruned at ${split.name} epoch ${trained.epochs}`,
          seconds: (performance.now() - started) / 1000,
        };
      }
    } catch (e) {
      const message = (e as Error).message.split('\n')[0];
      return { id: job.id, status: 'failed', folds, note: message, seconds: (performance.now() - started) / 1000 };
    } finally {
      context.signal.removeEventListener('abort', stop);
    }
  }
  return { id: job.id, status: 'complete', folds, seconds: (performance.now() - started) / 1000 };
}
