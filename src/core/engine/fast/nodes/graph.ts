/** The compiled model: nodes in dependency order over buffers in the kernels' memory, and its weights. */
import * as tf from '@tensorflow/tfjs';
import { Arena, Ptr } from '../wasm/runtime';
import { DenseParam } from './dense';
import { FastInput, FastOutput } from './io';
import { FastTable } from './table';
import { sigmoidCrossEntropy } from './loss';
import { FastNode } from './value';

/** Where one weight of a Keras layer lives in the kernels' memory. */
interface WeightBinding {
  layer: string;
  index: number;
  shape: number[];
  ptr: Ptr;
  size: number;
}

export class FastGraph {
  private readonly bindings: WeightBinding[];
  /**
   * The model's weight tensors (their data, which TensorFlow.js replaces on every assignment) when
   * the kernels' memory last matched them: an epoch's or an evaluation's load is skipped while
   * nothing has set other weights on the model since.
   */
  private inSync: unknown[] = [];

  constructor(
    private readonly arena: Arena,
    readonly nodes: FastNode[],
    /** In the order of the model's inputs (and so of the tensors the training loop feeds). */
    readonly inputs: FastInput[],
    readonly output: FastOutput,
    readonly tables: FastTable[],
    readonly dense: DenseParam[],
  ) {
    this.bindings = [
      ...tables.map((t) => ({ layer: t.id, index: 0, shape: [t.rows, t.dim], ptr: t.table, size: t.size })),
      ...dense,
    ];
  }

  /** Runs the batch forward only; the prediction is at `output.value.out` (`rows` floats). */
  forward(rows: number): void {
    for (const node of this.nodes) node.forward(rows);
  }

  /**
   * Runs the batch forward and backward; returns its mean loss (squared error, or sigmoid
   * cross-entropy on a logit). Targets: `rows` floats. When these rows are a share of a batch of
   * `batchRows` (dataParallel.ts), the gradients and the returned loss are the share's part of the
   * whole batch's mean.
   */
  forwardBackward(rows: number, targets: Ptr, loss: 'mse' | 'bce' = 'mse', batchRows = rows): number {
    this.forward(rows);
    for (const node of this.nodes) node.value.resetGrad();
    const out = this.output.value;
    const total =
      loss === 'bce'
        ? sigmoidCrossEntropy(
            this.arena.f32(out.grad, rows),
            this.arena.f32(out.out, rows),
            this.arena.f32(targets, rows),
          )
        : this.arena.kernels.mse(out.grad, out.out, targets, rows);
    if (batchRows !== rows) this.arena.kernels.scale(out.grad, rows, rows / batchRows);
    out.contribute();
    for (let i = this.nodes.length - 1; i >= 0; i--) this.nodes[i].backward(rows);
    return total / batchRows;
  }

  /** Copies the model's current weights in (they may have changed since the last epoch). */
  loadWeights(model: tf.LayersModel): void {
    const weights = this.weightsOf(model);
    if (weights.every((w, k) => w.dataId === this.inSync[k])) return;
    this.bindings.forEach((b, k) => {
      const weight = weights[k];
      if (weight.size !== b.size)
        throw new Error(
          `fast engine: weight ${b.index} of layer '${b.layer}' has shape [${weight.shape}], expected [${b.shape}]`,
        );
      this.arena.f32(b.ptr, b.size).set(weight.dataSync() as Float32Array);
    });
    this.inSync = weights.map((w) => w.dataId);
  }

  /** Writes the trained weights back into the model's variables, where evaluation and snapshots read them. */
  saveWeights(model: tf.LayersModel): void {
    const byLayer = new Map<string, WeightBinding[]>();
    for (const b of this.bindings) byLayer.set(b.layer, [...(byLayer.get(b.layer) ?? []), b]);
    tf.tidy(() => {
      for (const [layer, weights] of byLayer) {
        const ordered = [...weights].sort((a, b) => a.index - b.index);
        model.getLayer(layer).setWeights(ordered.map((b) => tf.tensor(this.arena.f32(b.ptr, b.size).slice(), b.shape)));
      }
    });
    this.inSync = this.weightsOf(model).map((w) => w.dataId);
  }

  private weightsOf(model: tf.LayersModel): tf.Tensor[] {
    return this.bindings.map((b) => model.getLayer(b.layer).getWeights()[b.index]);
  }
}
