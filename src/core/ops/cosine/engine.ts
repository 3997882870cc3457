import * as tf from '@tensorflow/tfjs';
import { apply } from '../../engine/layers';
import { FastMerge, compileMerge } from '../../engine/fast/nodes/merge';
import type { Arena } from '../../engine/fast/wasm/runtime';
import type { Value } from '../../engine/fast/nodes/value';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';
import { TFJS_EPSILON as EPSILON } from '../conventions';

/**
 * cos = a·b / (‖a‖‖b‖) per row. Its few operations per row run here on views of the kernels'
 * memory: the rows are as many as the batch, so there is nothing for a kernel to gain.
 */
class FastCosine extends FastMerge {
  /** Per row: ‖a‖, ‖b‖, and whether each norm was clamped at √ε (its gradient is then 0). */
  private readonly norms: Float64Array;

  constructor(id: string, inputs: Value[], arena: Arena, maxRows: number) {
    super(id, inputs, 1, arena, maxRows);
    this.norms = new Float64Array(maxRows * 4);
  }

  forward(rows: number): void {
    const [a, b] = this.inputs;
    const w = a.width;
    const x = this.arena.f32(a.out, rows * w);
    const y = this.arena.f32(b.out, rows * w);
    const out = this.arena.f32(this.value.out, rows);
    for (let r = 0; r < rows; r++) {
      let xx = 0;
      let yy = 0;
      let xy = 0;
      for (let j = r * w; j < (r + 1) * w; j++) {
        xx += x[j] * x[j];
        yy += y[j] * y[j];
        xy += x[j] * y[j];
      }
      const na = Math.sqrt(Math.max(xx, EPSILON));
      const nb = Math.sqrt(Math.max(yy, EPSILON));
      this.norms.set([na, nb, xx > EPSILON ? 1 : 0, yy > EPSILON ? 1 : 0], r * 4);
      out[r] = xy / (na * nb);
    }
  }

  backward(rows: number): void {
    if (!this.value.hasGrad) return;
    const g = this.arena.f32(this.value.grad, rows);
    const cos = this.arena.f32(this.value.out, rows);
    const [a, b] = this.inputs;
    // ∂cos/∂a = b/(‖a‖‖b‖) − cos·a/‖a‖², and the same with a and b swapped.
    const push = (to: Value, from: Value, self: 0 | 1) => {
      if (!to.grad) return;
      const w = to.width;
      const acc = to.contribute();
      const d = this.arena.f32(to.grad, rows * w);
      const own = this.arena.f32(to.out, rows * w);
      const other = this.arena.f32(from.out, rows * w);
      for (let r = 0; r < rows; r++) {
        const [na, nb] = [this.norms[r * 4], this.norms[r * 4 + 1]];
        const n = self === 0 ? na : nb;
        const live = this.norms[r * 4 + 2 + self];
        const s1 = g[r] / (na * nb);
        const s2 = live ? (g[r] * cos[r]) / (n * n) : 0;
        for (let j = r * w; j < (r + 1) * w; j++) d[j] = (acc ? d[j] : 0) + s1 * other[j] - s2 * own[j];
      }
    };
    push(a, b, 0);
    push(b, a, 1);
  }
}

export const cosineEngine: OpEngine<NodeOf<'cosine'>> = {
  layer: (node, inputs) => apply(tf.layers.dot({ name: node.id, axes: -1, normalize: true }), inputs),
  fast: { compile: compileMerge(FastCosine) },
};
