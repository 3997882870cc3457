/** What a classifier's output is: a probability when its last layer is a sigmoid, else a logit; and the loss that fits it. */
import * as tf from '@tensorflow/tfjs';
import { CheckedSpec } from '../spec/check';
import { SpecNode } from '../spec/schema';

export interface TextModel {
  output: 'probability' | 'logit';
  loss: string | ((labels: tf.Tensor, predictions: tf.Tensor) => tf.Scalar);
}

const sigmoidCrossEntropy = (labels: tf.Tensor, logits: tf.Tensor): tf.Scalar =>
  tf.losses.sigmoidCrossEntropy(labels, logits) as tf.Scalar;

/** Through pass-through nodes (output, dropout) back to the layer that made the value. */
function producer(spec: CheckedSpec, id: string): SpecNode | undefined {
  const node = spec.order.find((n) => n.id === id);
  if (node && (node.op === 'output' || node.op === 'dropout')) return producer(spec, node.inputs[0]);
  return node;
}

export function outputKind(checked: CheckedSpec): TextModel['output'] {
  const last = producer(checked, checked.outputId);
  return last && (last.op === 'dense' || last.op === 'mlp') && last.activation === 'sigmoid' ? 'probability' : 'logit';
}

export function textModelOf(checked: CheckedSpec): TextModel {
  const output = outputKind(checked);
  return { output, loss: output === 'probability' ? 'binaryCrossentropy' : sigmoidCrossEntropy };
}

export const probabilitiesOf = (y: tf.Tensor, output: TextModel['output']): tf.Tensor =>
  output === 'probability' ? y : tf.sigmoid(y);
