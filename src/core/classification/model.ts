/**
 * What a classifier's output is: probabilities when its last layer is a sigmoid (binary) or a softmax
 * (multi-class), else logits; and the loss that fits it — binary or categorical cross-entropy.
 */
import * as tf from '@tensorflow/tfjs';
import { CheckedSpec } from '../spec/check';
import { SpecNode } from '../spec/schema';

export interface TextModel {
  output: 'probability' | 'logit';
  /** Binary labels are a [n, 1] column of 0/1; multi-class ones are one-hot rows. */
  loss: string | ((labels: tf.Tensor, predictions: tf.Tensor) => tf.Scalar);
}

const sigmoidCrossEntropy = (labels: tf.Tensor, logits: tf.Tensor): tf.Scalar =>
  tf.losses.sigmoidCrossEntropy(labels, logits) as tf.Scalar;
const softmaxCrossEntropy = (labels: tf.Tensor, logits: tf.Tensor): tf.Scalar =>
  tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;

/** Through pass-through nodes (output, dropout) back to the layer that made the value. */
function producer(spec: CheckedSpec, id: string): SpecNode | undefined {
  const node = spec.order.find((n) => n.id === id);
  if (node && (node.op === 'output' || node.op === 'dropout')) return producer(spec, node.inputs[0]);
  return node;
}

export function outputKind(checked: CheckedSpec): TextModel['output'] {
  const last = producer(checked, checked.outputId);
  return last &&
    (last.op === 'dense' || last.op === 'mlp') &&
    (last.activation === 'sigmoid' || last.activation === 'softmax')
    ? 'probability'
    : 'logit';
}

export function textModelOf(checked: CheckedSpec, classes = 2): TextModel {
  const output = outputKind(checked);
  if (classes > 2) return { output, loss: output === 'probability' ? 'categoricalCrossentropy' : softmaxCrossEntropy };
  return { output, loss: output === 'probability' ? 'binaryCrossentropy' : sigmoidCrossEntropy };
}

export const probabilitiesOf = (y: tf.Tensor, output: TextModel['output'], classes = 2): tf.Tensor =>
  output === 'probability' ? y : classes > 2 ? tf.softmax(y) : tf.sigmoid(y);
