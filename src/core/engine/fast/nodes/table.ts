/** Embedding and bias tables: a row per id, gathered for the batch; the optimiser updates the rows it touched. */
import { Arena, Ptr } from '../wasm/runtime';
import type { FastBuild } from '../../../ops/engine';
import { FastNode, Value } from './value';

export class FastTable implements FastNode {
  readonly value: Value;
  /** [rows, dim] floats: the layer's only weight (a data-parallel replica points it at the main graph's). */
  table: Ptr;

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

/** The fast part of a table op: as many rows as the vocabulary its ids come from. */
export function compileTable(
  node: { id: string; l2?: number; inputs: string[] },
  ids: Value,
  dim: number,
  build: FastBuild,
): Value {
  const shape = build.shapes[node.inputs[0]];
  if (shape.kind !== 'ids') throw new Error(`fast engine: '${node.id}' looks up ${shape.kind}, not ids`);
  const table = new FastTable(
    node.id,
    ids,
    build.vocabulary[shape.vocab],
    dim,
    node.l2 ?? 0,
    build.arena,
    build.maxRows,
  );
  build.add(table);
  return table.value;
}
