/** Where data enters the graph (a slice of the epoch's columns) and where the prediction leaves it. */
import { Arena, Ptr } from '../wasm/runtime';
import { FastNode, Value } from './value';

/** An input column: int32 ids (width 1) or float features; each batch points at its own rows. */
export class FastInput implements FastNode {
  readonly value: Value;
  private column: Ptr = 0;

  constructor(
    readonly id: string,
    readonly kind: 'ids' | 'vector',
    width: number,
    arena: Arena,
  ) {
    this.value = new Value(arena, 0, width, false, 0);
  }

  /** Points the input at the epoch's column (rows in training order). */
  bind(column: Ptr): void {
    this.column = column;
  }

  seek(firstRow: number): void {
    this.value.out = this.column + firstRow * this.value.width * 4;
  }

  forward(): void {}
  backward(): void {}
}

/** The predicted rating: its input, plus the training mean μ when the spec asks for it. */
export class FastOutput implements FastNode {
  readonly value: Value;
  private readonly offset: Ptr;

  constructor(
    readonly id: string,
    private readonly input: Value,
    globalMean: number,
    private readonly arena: Arena,
    maxRows: number,
  ) {
    this.value = new Value(arena, maxRows, 1, true);
    // A one-value bias vector, so the bias kernel adds μ.
    this.offset = arena.alloc(1);
    arena.f32(this.offset, 1)[0] = globalMean;
  }

  forward(rows: number): void {
    const k = this.arena.kernels;
    k.add_to(this.value.out, this.input.out, rows, 0);
    k.bias_relu(this.value.out, this.offset, rows, 1, 0);
  }

  backward(rows: number): void {
    if (this.value.hasGrad && this.input.grad)
      this.arena.kernels.add_to(this.input.grad, this.value.grad, rows, this.input.contribute());
  }
}
