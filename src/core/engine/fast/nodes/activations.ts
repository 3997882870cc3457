/**
 * The activations a dense layer may have, as TensorFlow.js defines them. ReLU and linear run in the
 * kernels; the others are rare in these models and run here, on views of the kernels' memory.
 * Each derivative is written in terms of the output y, so the backward pass needs only y.
 */
import { ACTIVATIONS } from '../../../spec/schema';

/** Softmax is not element-wise (each output depends on the whole row): the fast engine leaves it to `layers`. */
export type ActivationName = Exclude<(typeof ACTIVATIONS)[number], 'softmax'>;

interface Activation {
  forward(z: number): number;
  derivative(y: number): number;
}

const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;

export const SCALAR_ACTIVATIONS: Record<Exclude<ActivationName, 'linear' | 'relu'>, Activation> = {
  sigmoid: { forward: (z) => 1 / (1 + Math.exp(-z)), derivative: (y) => y * (1 - y) },
  tanh: { forward: Math.tanh, derivative: (y) => 1 - y * y },
  elu: { forward: (z) => (z > 0 ? z : Math.expm1(z)), derivative: (y) => (y > 0 ? 1 : y + 1) },
  selu: {
    forward: (z) => SELU_SCALE * (z > 0 ? z : SELU_ALPHA * Math.expm1(z)),
    derivative: (y) => (y > 0 ? SELU_SCALE : y + SELU_SCALE * SELU_ALPHA),
  },
  // log(1 + eˣ) without overflow; its derivative σ(z) = 1 − e^(−y).
  softplus: { forward: (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))), derivative: (y) => -Math.expm1(-y) },
};

export function applyActivation(activation: Activation, values: Float32Array): void {
  for (let i = 0; i < values.length; i++) values[i] = activation.forward(values[i]);
}

/** dY ← dY ⊙ f′, with f′ taken from the outputs y. */
export function activationBackward(activation: Activation, grad: Float32Array, outputs: Float32Array): void {
  for (let i = 0; i < grad.length; i++) grad[i] *= activation.derivative(outputs[i]);
}

/** A node's activation as the fast engine runs it; softmax never gets here (its op reports it unsupported first). */
export function fastActivation(name: (typeof ACTIVATIONS)[number]): ActivationName {
  if (name === 'softmax') throw new Error('the fast engine does not train softmax');
  return name;
}
