/** Embedding and bias tables: a row per id, gathered for the batch; the optimiser updates the rows it touched. */
import { Arena, Ptr } from '../wasm/runtime';
import { FastNode, Value } from './value';

export class FastTable implements FastNode {
  readonly value: Value;
  /** [rows, dim] floats: the layer's only weight. */
  readonly table: Ptr;

  constructor(
    readonly id: string,
    readonly ids: Value,
    readonly rows: number,
    readonly dim: number,
    /** λ of the L2 penalty λ·Σw² on the whole table (0: none). */
    readonly l2: number,
    private readonly arena: Arena,
    maxRows: number,
  ) {
    this.table = arena.alloc(rows * dim);
    // The gradient with respect to the gathered rows is what the optimiser scatters back.
    this.value = new Value(arena, maxRows, dim, true);
  }

  get size(): number {
    return this.rows * this.dim;
  }

  forward(rows: number): void {
    this.arena.kernels.gather_rows(this.value.out, this.table, this.ids.out, rows, this.dim);
  }

  backward(): void {}
}
