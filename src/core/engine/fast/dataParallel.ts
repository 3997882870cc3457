/**
 * Data-parallel parts of each batch (`parallel: 'data'`, on two threads or more): each worker thread
 * runs its share of the batch's rows through the whole forward and backward pass of a replica of
 * the graph — activation and gradient buffers of its own, the main graph's weights — while the
 * calling thread runs the first share through the main graph without splitting its kernel calls.
 * The replicas' dense gradients are then added to the main graph's in worker order and their
 * per-row table gradients sit beside its own, so the optimiser steps once over the whole batch.
 *
 * The order is fixed, so the same seed and thread count give the same numbers; they are not one
 * thread's bits (a weight gradient is summed over each share, then across them), which is why the
 * default split (team.ts: each large product split by rows) stays the default.
 *
 * A worker runs no JavaScript, so a replica's step is recorded on the calling thread as a tape of
 * kernel calls (team.ts runs it). A step that computes in JavaScript (cosine, a sigmoid or tanh
 * dense layer, the ranking loss) cannot be recorded: such a spec keeps the default split.
 */
import { CheckedSpec } from '../../spec/check';
import { ModelSizes, compileGraph } from './nodes/compile';
import { FastGraph } from './nodes/graph';
import { KERNEL_NAMES } from './wasm/kernelNames';
import { Arena, Kernels, Ptr } from './wasm/runtime';
import { MAX_RESULTS } from './wasm/team';

/** How the fast engine shares a step between threads: each large product split by rows (exact), or each batch by rows. */
export type ParallelMode = 'products' | 'data';

/** Below this many rows a share is not worth a worker's hand-off: the batch runs whole (the last, short batch of an epoch). */
const MIN_SHARE_ROWS = 32;

/** The kernels that return a value: their results come back in the tape's result slots. */
const RETURNING = new Set<string>(['mse', 'sum_squares', 'group_rows', 'adam_grouped']);

/** A replica's step does something a tape cannot hold. */
class NotRecordable extends Error {}

/** Kernels that write each call onto a worker's tape instead of running it. */
class TapeRecorder {
  readonly kernels: Kernels;
  /** Slots of the tape used so far. */
  length = 0;
  /** The result slot of the last recorded call that returns a value (−1: none yet). */
  lastSlot = -1;
  private results = 0;

  constructor(private readonly calls: Float64Array) {
    const record =
      (index: number) =>
      (...args: number[]) =>
        this.record(index, args);
    this.kernels = Object.fromEntries(KERNEL_NAMES.map((name, index) => [name, record(index)])) as unknown as Kernels;
  }

  reset(): void {
    this.length = 0;
    this.lastSlot = -1;
    this.results = 0;
  }

  private record(index: number, args: number[]): number {
    const at = this.length;
    if (at + 3 + args.length > this.calls.length) throw new NotRecordable('the step is longer than a tape');
    let slot = -1;
    if (RETURNING.has(KERNEL_NAMES[index])) {
      if (this.results === MAX_RESULTS) throw new NotRecordable('the step returns more values than a tape holds');
      slot = this.lastSlot = this.results++;
    }
    this.calls[at] = index;
    this.calls[at + 1] = args.length;
    this.calls[at + 2] = slot;
    this.calls.set(args, at + 3);
    this.length = at + 3 + args.length;
    // What a recorded call returns is read from its slot once the worker has run the tape.
    return 0;
  }
}

/**
 * The arena as a replica's nodes see it: they allocate from the main arena; during a step their
 * kernel calls are recorded, and reading or writing memory from JavaScript is refused.
 */
class ReplicaArena {
  stepping = false;

  constructor(
    private readonly arena: Arena,
    private readonly recorder: TapeRecorder,
  ) {}

  get kernels(): Kernels {
    return this.stepping ? this.recorder.kernels : this.arena.kernels;
  }

  alloc(n: number): Ptr {
    return this.arena.alloc(n);
  }

  f32(ptr: Ptr, n: number): Float32Array {
    this.refuseDuringStep();
    return this.arena.f32(ptr, n);
  }

  i32(ptr: Ptr, n: number): Int32Array {
    this.refuseDuringStep();
    return this.arena.i32(ptr, n);
  }

  private refuseDuringStep(): void {
    if (this.stepping) throw new NotRecordable('a node of the step computes in JavaScript');
  }
}

interface Replica {
  graph: FastGraph;
  view: ReplicaArena;
  recorder: TapeRecorder;
  results: Float64Array;
}

/** Points the replica's tables and dense weights at the main graph's (the replica's own copies go unused). */
function shareWeights(replica: FastGraph, main: FastGraph): void {
  const same =
    replica.tables.length === main.tables.length &&
    replica.dense.length === main.dense.length &&
    replica.tables.every((t, i) => t.size === main.tables[i].size) &&
    replica.dense.every((p, i) => p.size === main.dense[i].size);
  if (!same) throw new Error('fast engine: a replica of the graph has other weights than the graph');
  replica.tables.forEach((t, i) => (t.table = main.tables[i].table));
  replica.dense.forEach((p, i) => (p.ptr = main.dense[i].ptr));
}

export class DataParallelStep {
  private readonly replicas: Replica[];
  /** False once a step could not be recorded: every later batch runs whole (with split products). */
  private recordable = true;
  /** Batches run in shares so far (tests read it to know the shares were taken). */
  sharedBatches = 0;

  /** Null when the arena has no worker threads. */
  static create(
    checked: CheckedSpec,
    sizes: ModelSizes,
    arena: Arena,
    graph: FastGraph,
    maxBatch: number,
  ): DataParallelStep | null {
    return arena.team?.workerCount ? new DataParallelStep(checked, sizes, arena, graph, maxBatch) : null;
  }

  private constructor(
    checked: CheckedSpec,
    sizes: ModelSizes,
    private readonly arena: Arena,
    private readonly graph: FastGraph,
    maxBatch: number,
  ) {
    const team = arena.team!;
    const shareRows = Math.ceil(maxBatch / (team.workerCount + 1));
    this.replicas = Array.from({ length: team.workerCount }, (_, w) => {
      const tape = team.tapeOf(w);
      const recorder = new TapeRecorder(tape.calls);
      const view = new ReplicaArena(arena, recorder);
      // The nodes use only what ReplicaArena has of an arena.
      const replica = compileGraph(checked, sizes, view as unknown as Arena, shareRows);
      shareWeights(replica, graph);
      return { graph: replica, view, recorder, results: tape.results };
    });
  }

  /** Points the replicas' input `k` at the epoch's column, as the main graph's. */
  bind(k: number, column: Ptr): void {
    for (const r of this.replicas) r.graph.inputs[k].bind(column);
  }

  /**
   * Runs the `rows` rows from `first` forward and backward in shares, leaving the whole batch's
   * gradients in the main graph; returns the batch's mean loss, or null when the batch is to run
   * whole (too short to share, or a step that cannot be recorded).
   */
  forwardBackward(first: number, rows: number, targets: Ptr, loss: 'mse' | 'bce'): number | null {
    const shares = this.replicas.length + 1;
    if (!this.recordable || rows < shares * MIN_SHARE_ROWS) return null;
    const size = Math.ceil(rows / shares);
    const lengths = this.record(first, rows, size, targets, loss);
    if (!lengths) return null;
    const team = this.arena.team!;
    team.startTapes(lengths);
    let total: number;
    try {
      total = this.graph.forwardBackward(size, targets, loss, rows);
    } finally {
      team.finishTapes();
    }
    this.sharedBatches++;
    const k = this.arena.kernels;
    for (const r of this.replicas) {
      total += r.results[r.recorder.lastSlot] / rows;
      r.graph.dense.forEach((p, i) => k.add_to(this.graph.dense[i].grad, p.grad, p.size, 1));
    }
    return total;
  }

  /** Each replica's tape for its share; null when the step cannot be recorded. */
  private record(first: number, rows: number, size: number, targets: Ptr, loss: 'mse' | 'bce'): number[] | null {
    try {
      return this.replicas.map((r, w) => {
        const start = (w + 1) * size;
        const count = Math.min(size, rows - start);
        r.recorder.reset();
        r.view.stepping = true;
        for (const input of r.graph.inputs) input.seek(first + start);
        r.graph.forwardBackward(count, targets + start * 4, loss, rows);
        if (r.recorder.lastSlot < 0) throw new NotRecordable('the loss was not computed by a kernel');
        // The optimiser reads every row's table gradient from the main graph's buffers.
        r.graph.tables.forEach((t, i) => {
          if (t.value.hasGrad)
            r.view.kernels.add_to(this.graph.tables[i].value.grad + start * t.dim * 4, t.value.grad, count * t.dim, 0);
        });
        return r.recorder.length;
      });
    } catch (e) {
      if (!(e instanceof NotRecordable)) throw e;
      this.recordable = false;
      return null;
    } finally {
      for (const r of this.replicas) r.view.stepping = false;
    }
  }
}
