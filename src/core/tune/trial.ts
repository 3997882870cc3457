/**
 * One configuration trained on some folds, in the process that holds the data. A search trial
 * never sees a test row: its folds are handed to the trainer with their test part removed, and
 * the validation part is carved from the training fold exactly as early stopping does. Only the
 * final evaluation of the chosen and the default configuration (withTest) measures the test rows.
 */
import { Dataset, Split } from '../data/types';
import { BackendChoice, EngineName } from '../engine/events';
import { defaultFastStepper } from '../engine/fast';
import { trainModel } from '../engine/train';
import { Spec } from '../spec/schema';
import { bestSoFar, PruneTable, shouldPrune } from './pruner';
import { FoldRecord, TrialStatus } from './types';

export interface TrialJob {
  id: number;
  spec: Spec;
  /** Indices into the split's folds. */
  folds: number[];
  withTest: boolean;
  prune: PruneTable | null;
}

export interface TrialOutcome {
  id: number;
  status: TrialStatus | 'cancelled';
  folds: FoldRecord[];
  note?: string;
  seconds: number;
}

export interface TrialContext {
  dataset: Dataset;
  splits: Split[];
  backend: BackendChoice;
  engine: EngineName;
  signal: AbortSignal;
  onEpoch?: (fold: number, epoch: number, valRmse: number | null) => void;
}

const NO_ROWS = new Int32Array(0);

export async function runTrial(job: TrialJob, context: TrialContext): Promise<TrialOutcome> {
  const started = performance.now();
  const folds: FoldRecord[] = [];
  for (const f of job.folds) {
    const split = context.splits[f];
    const shown: Split = job.withTest ? split : { name: split.name, train: split.train, test: NO_ROWS };
    const prune = new AbortController();
    const stop = () => prune.abort();
    context.signal.addEventListener('abort', stop);
    const vals: number[] = [];
    const t0 = performance.now();
    try {
      const { result, model } = await trainModel({
        spec: job.spec,
        dataset: context.dataset,
        split: shown,
        backend: context.backend,
        engine: context.engine,
        fastStepper: defaultFastStepper,
        signal: prune.signal,
        onEvent: (e) => {
          if (e.event !== 'epoch') return;
          vals.push(e.val?.rmse ?? NaN);
          context.onEpoch?.(f, e.epoch, e.val?.rmse ?? null);
          if (shouldPrune(job.prune, f, e.epoch, bestSoFar(vals)[vals.length - 1])) prune.abort();
        },
      });
      model.dispose();
      folds.push({
        fold: split.name,
        seed: job.spec.training.seed,
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
        seconds: (performance.now() - t0) / 1000,
      });
      if (context.signal.aborted)
        return { id: job.id, status: 'cancelled', folds, seconds: (performance.now() - started) / 1000 };
      if (result.cancelled) {
        return {
          id: job.id,
          status: 'pruned',
          folds,
          note: `pruned at ${split.name} epoch ${result.epochs}`,
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
