/**
 * The update rules of the fast engine, applied after each batch's backward pass.
 *
 * SGD is exact: the same step as TensorFlow.js's SGD on the whole model, including the L2 penalty's
 * gradient 2λw on every row of a table (a whole-table decay), so its loss trajectory matches
 * LayersModel.fit. Adam is exact on dense layers and *lazy* on tables (as PyTorch's SparseAdam and
 * TensorFlow's LazyAdam): only the rows a batch touched update their moments and weights, with the
 * L2 gradient 2λw added on those rows. Dense Adam would also move every untouched row by its decaying
 * momentum each step: a pass over every table per batch, measured at 0.15 ms for NeuMF's ML-100K tables
 * (+20 % on a 0.8 ms step at batch 256) and growing with the tables (about 0.6 ms for ML-1M's). As the
 * L2 gradient reaches a row only when the row is used, the tables want a larger λ under lazy Adam
 * than under dense Adam for the same accuracy (the mf-bias preset's λ suits both).
 */
import { Training } from '../../spec/schema';
import { DenseParam } from './nodes/dense';
import { FastGraph } from './nodes/graph';
import { FastTable } from './nodes/table';
import { Arena, Ptr } from './wasm/runtime';

export interface FastOptimizer {
  /** The weights were (re)loaded from the model: recompute what is tracked about them. */
  weightsLoaded(): void;
  /** Applies the gradients of the last backward pass over `rows` rows; returns the L2 penalty before the step. */
  step(rows: number): number;
}

/**
 * How Adam treats embedding tables: `lazy` (the default) updates the rows a batch touched; `dense`
 * steps every row of every table each batch, as PyTorch's and TensorFlow.js's Adam do — kept for
 * the benchmark's algorithm-matched comparison with PyTorch's default.
 */
export type TableAdam = 'lazy' | 'dense';

export function makeFastOptimizer(
  training: Training,
  graph: FastGraph,
  arena: Arena,
  maxRows: number,
  tableAdam: TableAdam = 'lazy',
): FastOptimizer {
  if (training.optimizer === 'sgd') return new Sgd(graph, arena, training.learningRate);
  if (training.optimizer === 'adam')
    return tableAdam === 'dense'
      ? new DenseAdam(graph, arena, training.learningRate)
      : new LazyAdam(graph, arena, maxRows, training.learningRate);
  throw new Error(`fast engine: no ${training.optimizer} optimiser`);
}

/** The L2 penalty λ·Σw² of a dense weight, with its gradient 2λw added to the weight's gradient. */
function densePenalty(arena: Arena, p: DenseParam): number {
  if (!p.l2) return 0;
  const penalty = p.l2 * arena.kernels.sum_squares(p.ptr, p.size);
  arena.kernels.axpy(p.grad, p.ptr, p.size, 2 * p.l2);
  return penalty;
}

class Sgd implements FastOptimizer {
  constructor(
    private readonly graph: FastGraph,
    private readonly arena: Arena,
    private readonly lr: number,
  ) {}

  weightsLoaded(): void {}

  step(rows: number): number {
    const k = this.arena.kernels;
    let penalty = 0;
    for (const p of this.graph.dense) {
      penalty += densePenalty(this.arena, p);
      k.sgd(p.ptr, p.grad, p.size, this.lr);
    }
    for (const t of this.graph.tables) {
      if (t.l2) {
        // w − lr·(g + 2λw) = (1 − 2·lr·λ)·w − lr·g: decay the whole table, then step the touched rows.
        penalty += t.l2 * k.sum_squares(t.table, t.size);
        k.scale(t.table, t.size, 1 - 2 * this.lr * t.l2);
      }
      if (t.value.hasGrad) k.scatter_sgd(t.table, t.ids.out, t.value.grad, rows, t.dim, this.lr);
    }
    return penalty;
  }
}

interface Moments {
  m: Ptr;
  v: Ptr;
}

interface TableState extends Moments {
  table: FastTable;
  /** Scratch of group_rows: the touched rows, where each one's batch rows start in `positions`, and row → slot (−1: untouched). */
  uniq: Ptr;
  start: Ptr;
  cursor: Ptr;
  positions: Ptr;
  slot: Ptr;
  /** Σw² of the whole table, kept up to date from the rows each step changes. */
  sumSquares: number;
}

// TensorFlow.js's defaults for tf.train.adam (epsilon: the float32 backend's).
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

class LazyAdam implements FastOptimizer {
  private readonly dense: Array<Moments & { param: DenseParam }>;
  private readonly tables: TableState[];
  /** β₁ᵗ and β₂ᵗ, accumulated in float32 as TensorFlow.js does. */
  private beta1Power = Math.fround(BETA1);
  private beta2Power = Math.fround(BETA2);

  constructor(
    graph: FastGraph,
    private readonly arena: Arena,
    maxRows: number,
    private readonly lr: number,
  ) {
    this.dense = graph.dense.map((param) => ({ param, m: arena.alloc(param.size), v: arena.alloc(param.size) }));
    this.tables = graph.tables.map((table) => {
      const slot = arena.alloc(table.rows);
      arena.i32(slot, table.rows).fill(-1);
      return {
        table,
        m: arena.alloc(table.size),
        v: arena.alloc(table.size),
        uniq: arena.alloc(maxRows),
        start: arena.alloc(maxRows + 1),
        cursor: arena.alloc(maxRows),
        positions: arena.alloc(maxRows),
        slot,
        sumSquares: 0,
      };
    });
  }

  weightsLoaded(): void {
    for (const s of this.tables)
      s.sumSquares = s.table.l2 ? this.arena.kernels.sum_squares(s.table.table, s.table.size) : 0;
  }

  step(rows: number): number {
    const k = this.arena.kernels;
    const c1 = Math.fround(1 - this.beta1Power);
    const c2 = Math.fround(1 - this.beta2Power);
    let penalty = 0;
    for (const { param, m, v } of this.dense) {
      penalty += densePenalty(this.arena, param);
      k.adam(param.ptr, param.grad, m, v, param.size, this.lr, BETA1, BETA2, EPSILON, c1, c2);
    }
    for (const s of this.tables) {
      const t = s.table;
      penalty += t.l2 * s.sumSquares;
      if (!t.value.hasGrad) continue;
      const count = k.group_rows(s.uniq, s.start, s.cursor, s.positions, s.slot, t.ids.out, rows);
      const change = k.adam_grouped(
        t.table,
        s.m,
        s.v,
        s.uniq,
        count,
        s.start,
        s.positions,
        t.value.grad,
        s.slot,
        t.dim,
        this.lr,
        BETA1,
        BETA2,
        EPSILON,
        c1,
        c2,
        2 * t.l2,
      );
      if (t.l2) s.sumSquares += change;
    }
    this.beta1Power = Math.fround(this.beta1Power * BETA1);
    this.beta2Power = Math.fround(this.beta2Power * BETA2);
    return penalty;
  }
}

/** Adam on every weight, tables included: each batch scatters the touched rows' gradients into a whole-table gradient and steps every row. */
class DenseAdam implements FastOptimizer {
  private readonly params: Array<Moments & { param: DenseParam }>;
  private readonly tables: Array<Moments & { table: FastTable; grad: Ptr }>;
  private beta1Power = Math.fround(BETA1);
  private beta2Power = Math.fround(BETA2);

  constructor(
    graph: FastGraph,
    private readonly arena: Arena,
    private readonly lr: number,
  ) {
    this.params = graph.dense.map((param) => ({ param, m: arena.alloc(param.size), v: arena.alloc(param.size) }));
    this.tables = graph.tables.map((table) => ({
      table,
      m: arena.alloc(table.size),
      v: arena.alloc(table.size),
      grad: arena.alloc(table.size),
    }));
  }

  weightsLoaded(): void {}

  step(rows: number): number {
    const k = this.arena.kernels;
    const c1 = Math.fround(1 - this.beta1Power);
    const c2 = Math.fround(1 - this.beta2Power);
    let penalty = 0;
    for (const { param, m, v } of this.params) {
      penalty += densePenalty(this.arena, param);
      k.adam(param.ptr, param.grad, m, v, param.size, this.lr, BETA1, BETA2, EPSILON, c1, c2);
    }
    for (const { table: t, m, v, grad } of this.tables) {
      this.arena.f32(grad, t.size).fill(0);
      // SGD with a learning rate of −1 adds each gathered row's gradient to its table row.
      if (t.value.hasGrad) k.scatter_sgd(grad, t.ids.out, t.value.grad, rows, t.dim, -1);
      if (t.l2) {
        penalty += t.l2 * k.sum_squares(t.table, t.size);
        k.axpy(grad, t.table, t.size, 2 * t.l2);
      }
      k.adam(t.table, grad, m, v, t.size, this.lr, BETA1, BETA2, EPSILON, c1, c2);
    }
    this.beta1Power = Math.fround(this.beta1Power * BETA1);
    this.beta2Power = Math.fround(this.beta2Power * BETA2);
    return penalty;
  }
}
