/** One node's output for the current batch and the gradient of the loss with respect to it. */
import { Arena, Ptr } from '../wasm/runtime';

export class Value {
  /** [rows, width] floats (ids for an id input); inputs repoint it at each batch's slice of the epoch. */
  out: Ptr;
  /** [rows, width] floats, or 0 when nothing upstream learns (the gradient is not needed). */
  readonly grad: Ptr;
  /** Whether some consumer has written `grad` in this step; the first writes, the others add. */
  private written = false;

  constructor(
    arena: Arena,
    maxRows: number,
    readonly width: number,
    needsGrad: boolean,
    out?: Ptr,
  ) {
    this.out = out ?? arena.alloc(maxRows * width);
    this.grad = needsGrad ? arena.alloc(maxRows * width) : 0;
  }

  get hasGrad(): boolean {
    return this.written;
  }

  /** The `acc` flag for the next gradient contribution (0: overwrite, 1: add). */
  contribute(): number {
    const acc = this.written ? 1 : 0;
    this.written = true;
    return acc;
  }

  resetGrad(): void {
    this.written = false;
  }
}

/** A step of the forward pass and its backward counterpart, over the first `rows` rows of the batch. */
export interface FastNode {
  readonly id: string;
  readonly value: Value;
  forward(rows: number): void;
  /** Pushes `value.grad` (when some consumer wrote it) to the inputs that need a gradient. */
  backward(rows: number): void;
}
