/** A dense layer y = f(x·W + b); several inputs are concatenated first, as Keras does. */
import { Arena, Ptr } from '../wasm/runtime';
import { ActivationName, SCALAR_ACTIVATIONS, activationBackward, applyActivation } from './activations';
import { FastNode, Value } from './value';

/** A weight the optimiser updates as a whole, from a gradient the backward pass writes. */
export interface DenseParam {
  /** The Keras layer and the index of the weight in its `getWeights()`. */
  layer: string;
  index: number;
  shape: number[];
  ptr: Ptr;
  grad: Ptr;
  size: number;
  /** λ of an L2 penalty λ·Σw² (kernels only, as Keras's kernelRegularizer). */
  l2: number;
}

export class FastDense implements FastNode {
  readonly value: Value;
  readonly kernel: DenseParam;
  readonly bias: DenseParam | null;
  /** The inputs side by side when there are several (else the single input itself). */
  private readonly x: Value;
  private readonly kernelT: Ptr;
  private readonly inWidth: number;

  constructor(
    readonly id: string,
    layer: string,
    private readonly inputs: Value[],
    private readonly units: number,
    private readonly activation: ActivationName,
    useBias: boolean,
    l2: number,
    private readonly arena: Arena,
    maxRows: number,
  ) {
    this.inWidth = inputs.reduce((w, i) => w + i.width, 0);
    const param = (index: number, shape: number[], reg: number): DenseParam => {
      const size = shape.reduce((a, b) => a * b, 1);
      return { layer, index, shape, ptr: arena.alloc(size), grad: arena.alloc(size), size, l2: reg };
    };
    this.kernel = param(0, [this.inWidth, units], l2);
    this.bias = useBias ? param(1, [units], 0) : null;
    this.x =
      inputs.length === 1
        ? inputs[0]
        : new Value(
            arena,
            maxRows,
            this.inWidth,
            inputs.some((i) => i.grad !== 0),
          );
    this.kernelT = this.x.grad ? arena.alloc(this.inWidth * units) : 0;
    this.value = new Value(arena, maxRows, units, true);
  }

  get params(): DenseParam[] {
    return this.bias ? [this.kernel, this.bias] : [this.kernel];
  }

  forward(rows: number): void {
    const k = this.arena.kernels;
    if (this.inputs.length > 1) {
      let offset = 0;
      for (const input of this.inputs) {
        k.copy_columns(this.x.out + offset * 4, this.inWidth, input.out, input.width, rows, input.width, 0);
        offset += input.width;
      }
    }
    k.gemm(this.value.out, this.x.out, this.kernel.ptr, rows, this.units, this.inWidth, this.inWidth, 1, 0);
    const relu = this.activation === 'relu';
    if (this.bias || relu) k.bias_relu(this.value.out, this.bias?.ptr ?? 0, rows, this.units, relu ? 1 : 0);
    if (this.activation !== 'linear' && !relu)
      applyActivation(SCALAR_ACTIVATIONS[this.activation], this.arena.f32(this.value.out, rows * this.units));
  }

  backward(rows: number): void {
    const k = this.arena.kernels;
    const n = rows * this.units;
    const dy = this.value.grad;
    if (!this.value.hasGrad) {
      // Nothing downstream depended on this layer: its weights get a zero gradient.
      for (const p of this.params) this.arena.f32(p.grad, p.size).fill(0);
      return;
    }
    if (this.activation === 'relu') k.relu_backward(dy, dy, this.value.out, n);
    else if (this.activation !== 'linear')
      activationBackward(SCALAR_ACTIVATIONS[this.activation], this.arena.f32(dy, n), this.arena.f32(this.value.out, n));
    // dW = xᵀ·dY, db = Σ dY, dx = dY·Wᵀ
    k.gemm(this.kernel.grad, this.x.out, dy, this.inWidth, this.units, rows, 1, this.inWidth, 0);
    if (this.bias) k.column_sums(this.bias.grad, dy, rows, this.units, 0);
    if (!this.x.grad) return;
    k.transpose(this.kernelT, this.kernel.ptr, this.inWidth, this.units);
    if (this.inputs.length === 1) {
      k.gemm(this.x.grad, dy, this.kernelT, rows, this.inWidth, this.units, this.units, 1, this.x.contribute());
      return;
    }
    k.gemm(this.x.grad, dy, this.kernelT, rows, this.inWidth, this.units, this.units, 1, 0);
    let offset = 0;
    for (const input of this.inputs) {
      if (input.grad)
        k.copy_columns(
          input.grad,
          input.width,
          this.x.grad + offset * 4,
          this.inWidth,
          rows,
          input.width,
          input.contribute(),
        );
      offset += input.width;
    }
  }
}
