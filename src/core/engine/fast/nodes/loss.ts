/**
 * Sigmoid cross-entropy on logits, for the ranking task. One value per row, so it runs in plain
 * JavaScript over the kernels' memory: a few hundred exp/log per batch, far below the dense layers.
 */

/** Writes d loss / d logit, (σ(z) − y) / n, into `grad`; returns the summed loss (the caller divides by n). */
export function sigmoidCrossEntropy(grad: Float32Array, logits: Float32Array, labels: Float32Array): number {
  const n = logits.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const z = logits[i];
    const y = labels[i];
    // max(z, 0) − z·y + log(1 + e^−|z|): the stable form, as TensorFlow's sigmoid_cross_entropy_with_logits.
    sum += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    grad[i] = (1 / (1 + Math.exp(-z)) - y) / n;
  }
  return sum;
}
