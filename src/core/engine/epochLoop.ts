/**
 * The epoch loop every task shares: one epoch of batches through the stepper, a stop request
 * honoured between batches, divergence caught, early stopping on a validation figure with the best
 * weights restored. What an epoch's examples are and what is measured after it are the task's; the
 * stepper stays the caller's (it may evaluate with it afterwards).
 */
import * as tf from '@tensorflow/tfjs';
import { Training } from '../spec/schema';
import { BestWeights } from './bestWeights';
import { Examples } from './columns';
import { BatchEvent } from './events';
import { EpochStepper } from './stepper';

/** The loss stopped being a number: the run cannot go on, and the user can fix it. */
export class TrainingDivergedError extends Error {}

/** What the loop knows of an epoch once its batches have run; the task turns it into its epoch event. */
export interface EpochFacts {
  epoch: number;
  epochs: number;
  loss: number;
  seconds: number;
  examplesPerSec: number;
}

export interface EpochLoopOptions<E> {
  model: tf.LayersModel;
  stepper: EpochStepper;
  training: Pick<Training, 'epochs' | 'earlyStopping' | 'learningRate'>;
  batchSize: number;
  signal?: AbortSignal;
  onBatch: (event: BatchEvent) => void;
  /** The epoch's examples in training order. */
  examples: (epoch: number) => Examples;
  /** The task's epoch event (its validation figures), emitted by the caller's `onEpoch`. */
  measure: (facts: EpochFacts) => Promise<E> | E;
  onEpoch: (event: E) => void;
  /** The figure early stopping watches, higher is better (null: nothing to watch this epoch). */
  watch: (event: E) => number | null;
}

export interface EpochLoopResult<E> {
  history: E[];
  /** The epoch whose weights the model holds; `restored` when early stopping put them back. */
  bestEpoch: number;
  restored: boolean;
  stoppedEarly: boolean;
  cancelled: boolean;
  /** Examples per second over all epochs, weighted by their time. */
  examplesPerSec: number;
}

export async function runEpochs<E>(options: EpochLoopOptions<E>): Promise<EpochLoopResult<E>> {
  const { model, stepper, training, batchSize, signal } = options;
  const history: E[] = [];
  const best = new BestWeights(model, training.earlyStopping, false);
  let cancelled = false;
  let stoppedEarly = false;
  let fitSeconds = 0;
  let examplesRun = 0;

  try {
    for (let epoch = 1; epoch <= training.epochs && !cancelled; epoch++) {
      if (signal?.aborted) {
        cancelled = true;
        break;
      }
      // Drawing the epoch's order (and a ranking epoch's negatives) and gathering its columns count
      // as training time: PyTorch's loop shuffles and gathers its batches inside its epochs too.
      const t0 = performance.now();
      const examples = options.examples(epoch);
      const { rows } = examples;
      const batches = Math.ceil(rows / batchSize);
      const losses = await stepper.fitEpoch(examples, batchSize, (batch, loss) => {
        options.onBatch({ event: 'batch', epoch, batch: batch + 1, batches, loss });
        cancelled = signal?.aborted ?? false;
        return !cancelled;
      });
      const seconds = (performance.now() - t0) / 1000;
      const loss = losses.reduce((a, b) => a + b, 0) / losses.length;
      if (!Number.isFinite(loss))
        throw new TrainingDivergedError(
          `training diverged in epoch ${epoch}: the loss became ${loss}; try a lower learning rate than ${training.learningRate}`,
        );
      const ran = losses.length === batches ? rows : losses.length * batchSize;
      fitSeconds += seconds;
      examplesRun += ran;
      const event = await options.measure({
        epoch,
        epochs: training.epochs,
        loss,
        seconds,
        examplesPerSec: ran / seconds,
      });
      history.push(event);
      options.onEpoch(event);
      const value = options.watch(event);
      if (value !== null && best.observe(value, epoch)) {
        stoppedEarly = epoch < training.epochs;
        break;
      }
    }
    best.restore();
    return {
      history,
      bestEpoch: best.epoch ?? history.length,
      restored: best.epoch !== undefined,
      stoppedEarly,
      cancelled,
      examplesPerSec: fitSeconds > 0 ? examplesRun / fitSeconds : 0,
    };
  } finally {
    best.dispose();
  }
}

/** What a run's result says of its loop, timed from `started` (performance.now()), beside the parameter count. */
export function loopFacts<E>(loop: EpochLoopResult<E>, started: number, params: number) {
  return {
    epochs: loop.history.length,
    bestEpoch: loop.bestEpoch,
    stoppedEarly: loop.stoppedEarly,
    cancelled: loop.cancelled,
    seconds: (performance.now() - started) / 1000,
    examplesPerSec: loop.examplesPerSec,
    params,
    history: loop.history,
  };
}
