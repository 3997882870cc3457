/**
 * One epoch of optimisation over tensors already in shuffled order. The plain stepper is
 * `LayersModel.fit`; a faster one can replace it as long as it computes the same thing.
 */
import * as tf from '@tensorflow/tfjs';
import { yieldPoint } from './yieldPoint';

export interface EpochStepper {
  /** Runs batches in order; `onBatch` returns false to stop after that batch. Returns each batch's loss. */
  fitEpoch(
    xs: tf.Tensor[],
    ys: tf.Tensor,
    batchSize: number,
    onBatch: (batch: number, loss: number) => boolean,
  ): Promise<number[]>;
  /** The model's output for the rows of `xs` by the stepper's own forward pass, when it has a faster one than LayersModel.predict. */
  predict?(xs: tf.Tensor[]): Promise<Float32Array>;
  dispose(): void;
}

export class LayersStepper implements EpochStepper {
  /** `fallbackReason`: why the fast engine handed this model to `LayersModel.fit` (a sentence), if it did. */
  constructor(
    private readonly model: tf.LayersModel,
    readonly fallbackReason?: string,
  ) {}

  async fitEpoch(
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
