/** The parameter-free ops that join branches: concat, Hadamard product, dot product, add (cosine's is with its op). */
import { Arena, Ptr } from '../wasm/runtime';
import type { FastBuild } from '../../../ops/engine';
import { FastNode, Value } from './value';

export abstract class FastMerge implements FastNode {
  readonly value: Value;

  constructor(
    readonly id: string,
    protected readonly inputs: Value[],
    width: number,
    protected readonly arena: Arena,
    maxRows: number,
  ) {
    this.value = new Value(
      arena,
      maxRows,
      width,
      inputs.some((i) => i.grad !== 0),
    );
  }

  abstract forward(rows: number): void;
  abstract backward(rows: number): void;

  protected get k() {
    return this.arena.kernels;
  }
}

/** The fast part of an op that is one merge node over its inputs. */
export const compileMerge =
  (Node: new (id: string, inputs: Value[], arena: Arena, maxRows: number) => FastMerge) =>
  (node: { id: string }, inputs: Value[], build: FastBuild): Value => {
    const merged = new Node(node.id, inputs, build.arena, build.maxRows);
    build.add(merged);
    return merged.value;
  };

export class FastConcat extends FastMerge {
  constructor(id: string, inputs: Value[], arena: Arena, maxRows: number) {
    super(
      id,
      inputs,
      inputs.reduce((w, i) => w + i.width, 0),
      arena,
      maxRows,
    );
  }

  forward(rows: number): void {
    let offset = 0;
    for (const input of this.inputs) {
      this.k.copy_columns(this.value.out + offset * 4, this.value.width, input.out, input.width, rows, input.width, 0);
      offset += input.width;
    }
  }

  backward(rows: number): void {
    if (!this.value.hasGrad) return;
    let offset = 0;
    for (const input of this.inputs) {
      if (input.grad)
        this.k.copy_columns(
          input.grad,
          input.width,
          this.value.grad + offset * 4,
          this.value.width,
          rows,
          input.width,
          input.contribute(),
        );
      offset += input.width;
    }
  }
}

export class FastHadamard extends FastMerge {
  /** Products of all inputs but one, for three or more inputs. */
  private readonly scratch: Ptr;

  constructor(id: string, inputs: Value[], arena: Arena, maxRows: number) {
    super(id, inputs, inputs[0].width, arena, maxRows);
    this.scratch = inputs.length > 2 ? arena.alloc(maxRows * inputs[0].width) : 0;
  }

  forward(rows: number): void {
    const n = rows * this.value.width;
    this.k.multiply(this.value.out, this.inputs[0].out, this.inputs[1].out, n, 0);
    for (const input of this.inputs.slice(2)) this.k.multiply(this.value.out, this.value.out, input.out, n, 0);
  }

  backward(rows: number): void {
    if (!this.value.hasGrad) return;
    const n = rows * this.value.width;
    this.inputs.forEach((input, j) => {
      if (!input.grad) return;
      const others = this.inputs.filter((_, l) => l !== j);
      if (others.length === 1)
        return this.k.multiply(input.grad, this.value.grad, others[0].out, n, input.contribute());
      this.k.multiply(this.scratch, this.value.grad, others[0].out, n, 0);
      for (const other of others.slice(1, -1)) this.k.multiply(this.scratch, this.scratch, other.out, n, 0);
      this.k.multiply(input.grad, this.scratch, others[others.length - 1].out, n, input.contribute());
    });
  }
}

export class FastDot extends FastMerge {
  constructor(id: string, inputs: Value[], arena: Arena, maxRows: number) {
    super(id, inputs, 1, arena, maxRows);
  }

  forward(rows: number): void {
    this.k.row_dot(this.value.out, this.inputs[0].out, this.inputs[1].out, rows, this.inputs[0].width);
  }

  backward(rows: number): void {
    if (!this.value.hasGrad) return;
    const [a, b] = this.inputs;
    if (a.grad) this.k.scale_rows(a.grad, this.value.grad, b.out, rows, a.width, a.contribute());
    if (b.grad) this.k.scale_rows(b.grad, this.value.grad, a.out, rows, b.width, b.contribute());
  }
}

export class FastAdd extends FastMerge {
  constructor(id: string, inputs: Value[], arena: Arena, maxRows: number) {
    super(id, inputs, inputs[0].width, arena, maxRows);
  }

  forward(rows: number): void {
    const n = rows * this.value.width;
    this.inputs.forEach((input, j) => this.k.add_to(this.value.out, input.out, n, j === 0 ? 0 : 1));
  }

  backward(rows: number): void {
    if (!this.value.hasGrad) return;
    const n = rows * this.value.width;
    for (const input of this.inputs) if (input.grad) this.k.add_to(input.grad, this.value.grad, n, input.contribute());
  }
}
