/**
 * The fast engine's epoch: the whole training step — gathers, dense layers, loss, backward pass and
 * optimiser — runs in our WebAssembly kernels over buffers laid out once, a few dozen kernel calls
 * per batch and no allocation, instead of LayersModel.fit's ~350 TensorFlow.js kernel dispatches.
 * The weights live in the kernels' memory during an epoch and in the model's variables between
 * epochs, where the training loop evaluates and snapshots them.
 */
import * as tf from '@tensorflow/tfjs';
import { CheckedSpec } from '../../spec/check';
import { Column, Examples } from '../columns';
import { EpochStepper } from '../stepper';
import { DataParallelStep, ParallelMode } from './dataParallel';
import { ModelSizes, compileGraph } from './nodes/compile';
import { FastGraph } from './nodes/graph';
import { FastOptimizer, TableAdam, makeFastOptimizer } from './optimizers';
import { Arena, checkFits } from './wasm/runtime';
import { yieldPoint } from '../yieldPoint';

export class FastStepper implements EpochStepper {
  private readonly arena: Arena;
  private readonly graph: FastGraph;
  private readonly optimizer: FastOptimizer;
  /** For each id input, the rows of the smallest table it indexes. */
  private readonly idLimits: Map<string, number>;
  private readonly loss: 'mse' | 'bce';
  private readonly dataParallel: DataParallelStep | null;

  /**
   * `checked` must be one that `unsupportedReason` accepts; `sizes` are the model's; batches may hold
   * up to `maxBatch` rows; `threads` above 1 share the matrix products with worker threads
   * (wasm/team.ts), or with `parallel` 'data' each batch's rows (dataParallel.ts).
   */
  constructor(
    private readonly model: tf.LayersModel,
    checked: CheckedSpec,
    sizes: ModelSizes,
    private readonly maxBatch: number,
    tableAdam: TableAdam = 'lazy',
    threads = 1,
    parallel: ParallelMode = 'products',
  ) {
    // Adam keeps two moments beside every weight.
    const copies = checked.spec.training.optimizer === 'adam' ? 3 : 1;
    checkFits(checked.totalParams * 4 * copies, 'its tables and their optimiser state');
    this.arena = new Arena(undefined, parallel === 'data' ? threads : 1);
    this.graph = compileGraph(checked, sizes, this.arena, maxBatch);
    // Split products need dense layers: without any (mf-bias) the kernels keep a memory of their
    // own, a few per cent faster than one shared with worker threads that would have nothing to do.
    if (this.arena.threads < threads && this.graph.dense.length > 0) {
      this.arena = new Arena(undefined, threads);
      this.graph = compileGraph(checked, sizes, this.arena, maxBatch);
    }
    this.loss = checked.spec.training.task === 'ranking' ? 'bce' : 'mse';
    this.optimizer = makeFastOptimizer(checked.spec.training, this.graph, this.arena, maxBatch, tableAdam);
    this.dataParallel =
      parallel === 'data' ? DataParallelStep.create(checked, sizes, this.arena, this.graph, maxBatch) : null;
    this.idLimits = new Map();
    for (const input of this.graph.inputs) {
      const tables = this.graph.tables.filter((t) => t.ids === input.value);
      if (tables.length) this.idLimits.set(input.id, Math.min(...tables.map((t) => t.rows)));
    }
  }

  async fitEpoch(
    examples: Examples,
    batchSize: number,
    onBatch: (batch: number, loss: number) => boolean,
  ): Promise<number[]> {
    if (batchSize > this.maxBatch)
      throw new Error(`fast engine: batch size ${batchSize} exceeds the ${this.maxBatch} it was built for`);
    const rowCount = examples.rows;
    if (examples.ys.values.length !== rowCount)
      throw new Error(`fast engine: ${examples.ys.values.length} targets for ${rowCount} rows`);
    const dataMark = this.arena.mark();
    const losses: number[] = [];
    try {
      this.loadColumns(examples.xs);
      const targets = this.arena.alloc(rowCount);
      this.arena.f32(targets, rowCount).set(examples.ys.values);
      this.graph.loadWeights(this.model);
      this.optimizer.weightsLoaded();
      for (let first = 0, batch = 0; first < rowCount; first += batchSize, batch++) {
        const rows = Math.min(batchSize, rowCount - first);
        for (const input of this.graph.inputs) input.seek(first);
        const at = targets + first * 4;
        const meanLoss =
          this.dataParallel?.forwardBackward(first, rows, at, this.loss) ??
          this.graph.forwardBackward(rows, at, this.loss);
        const loss = meanLoss + this.optimizer.step(rows);
        losses.push(loss);
        if (!onBatch(batch, loss)) break;
        await yieldPoint();
      }
      this.graph.saveWeights(this.model);
    } finally {
      this.arena.release(dataMark);
    }
    return losses;
  }

  /**
   * The model's output for the rows of `xs` (the rating; a ranking model's logit), from the forward
   * pass of our kernels over the model's current weights: the same numbers as LayersModel.predict
   * at a fraction of its cost, so that per-epoch evaluation does not outweigh the training itself.
   */
  async predict(xs: Column[], rowCount: number): Promise<Float32Array> {
    const predicted = new Float32Array(rowCount);
    const dataMark = this.arena.mark();
    try {
      this.loadColumns(xs);
      // The training loop may have restored other weights (early stopping's best) since the last epoch.
      this.graph.loadWeights(this.model);
      this.optimizer.weightsLoaded();
      for (let first = 0; first < rowCount; first += this.maxBatch) {
        const rows = Math.min(this.maxBatch, rowCount - first);
        for (const input of this.graph.inputs) input.seek(first);
        this.graph.forward(rows);
        predicted.set(this.arena.f32(this.graph.output.value.out, rows), first);
        await yieldPoint();
      }
    } finally {
      this.arena.release(dataMark);
    }
    return predicted;
  }

  /** The threads it trains on: those asked for, or one for a model with no product to share. */
  get threads(): number {
    return this.arena.threads;
  }

  /** Batches whose rows were shared between threads (`parallel` 'data'). */
  get sharedBatches(): number {
    return this.dataParallel?.sharedBatches ?? 0;
  }

  dispose(): void {
    this.arena.dispose();
  }

  /** Copies input columns into the kernels' memory and points the graph's inputs at them. */
  private loadColumns(xs: Column[]): void {
    this.graph.inputs.forEach((input, k) => {
      const { values } = xs[k];
      const column = this.arena.alloc(values.length);
      if (input.kind === 'ids') {
        const ids = this.arena.i32(column, values.length);
        ids.set(values);
        checkIds(input.id, ids, this.idLimits.get(input.id) ?? Infinity);
      } else {
        this.arena.f32(column, values.length).set(values);
      }
      input.bind(column);
      this.dataParallel?.bind(k, column);
    });
  }
}

/** An id past a table's end would read outside it: TensorFlow.js rejects it, and so do we. */
function checkIds(inputId: string, ids: Int32Array, limit: number): void {
  // An indexed loop: for…of over a typed array goes through its iterator, a millisecond an epoch.
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (!(id >= 0 && id < limit))
      throw new Error(`input '${inputId}' holds id ${id}, outside its embedding table of ${limit} rows`);
  }
}
