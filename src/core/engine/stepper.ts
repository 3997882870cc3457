/**
 * One epoch of optimisation over examples already in shuffled order. The plain stepper is
 * `LayersModel.fit`; a faster one can replace it as long as it computes the same thing.
 */
import * as tf from '@tensorflow/tfjs';
import { Column, Examples, columnTensor } from './columns';
import type { EngineName } from './events';
import { yieldPoint } from './yieldPoint';

export interface EpochStepper {
  /** Runs batches in order; `onBatch` returns false to stop after that batch. Returns each batch's loss. */
  fitEpoch(examples: Examples, batchSize: number, onBatch: (batch: number, loss: number) => boolean): Promise<number[]>;
  /** The model's output for `rows` rows of the input columns `xs` by the stepper's own forward pass, when it has a faster one than LayersModel.predict. */
  predict?(xs: Column[], rows: number): Promise<Float32Array>;
  dispose(): void;
}

export class LayersStepper implements EpochStepper {
  /** `fallbackReason`: why the fast engine handed this model to `LayersModel.fit` (a sentence), if it did. */
  constructor(
    private readonly model: tf.LayersModel,
    readonly fallbackReason?: string,
  ) {}

  async fitEpoch(
    examples: Examples,
    batchSize: number,
    onBatch: (batch: number, loss: number) => boolean,
  ): Promise<number[]> {
    const xs = examples.xs.map((column) => columnTensor(column, examples.rows));
    const ys = columnTensor(examples.ys, examples.rows);
    try {
      return await this.fit(xs, ys, batchSize, onBatch);
    } finally {
      tf.dispose([...xs, ys]);
    }
  }

  private async fit(
    xs: tf.Tensor[],
    ys: tf.Tensor,
    batchSize: number,
    onBatch: (batch: number, loss: number) => boolean,
  ): Promise<number[]> {
    const losses: number[] = [];
    await this.model.fit(xs, ys, {
      batchSize,
      epochs: 1,
      shuffle: false,
      verbose: 0,
      callbacks: {
        onBatchEnd: async (batch, logs) => {
          losses.push(logs?.loss ?? NaN);
          if (!onBatch(batch, logs?.loss ?? NaN)) this.model.stopTraining = true;
          await yieldPoint();
        },
      },
    });
    return losses;
  }

  dispose(): void {}
}

/** The engine a stepper is, as a run reports it, with the reason when the fast engine handed over. */
export function engineOf(stepper: EpochStepper): { engine: EngineName; fallbackReason: string | undefined } {
  return stepper instanceof LayersStepper
    ? { engine: 'layers', fallbackReason: stepper.fallbackReason }
    : { engine: 'fast', fallbackReason: undefined };
}
