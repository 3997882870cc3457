/**
 * Ranking losses on a model whose output is a logit. BCE: sigmoid cross-entropy on positives and
 * sampled negatives. BPR: −log σ(s(u, i⁺) − s(u, i⁻)), trained through a pair model that applies
 * the same model (shared weights) to both items.
 */
import * as tf from '@tensorflow/tfjs';
import { Training, SpecNode } from '../spec/schema';
import { UsageError } from '../job/resolveSpec';

export type RankingLoss = 'bce' | 'bpr';

export function rankingLoss(training: Training): RankingLoss {
  const loss = training.loss ?? 'bce';
  if (loss === 'mse')
    throw new UsageError("training.loss 'mse' is for the rating task: a ranking spec takes 'bce' or 'bpr'");
  return loss;
}

export const sigmoidCrossEntropy = (labels: tf.Tensor, logits: tf.Tensor): tf.Scalar =>
  tf.losses.sigmoidCrossEntropy(labels, logits) as tf.Scalar;

/** BPR on a [n, 2] output of (positive score, negative score); the labels are unused. */
const bprLoss = (_labels: tf.Tensor, scores: tf.Tensor): tf.Scalar =>
  tf.tidy(() => {
    const [positive, negative] = tf.split(scores, 2, 1);
    return tf.mean(tf.softplus(tf.sub(negative, positive))) as tf.Scalar;
  });

/** A model of (user, positive item, negative item) → [s⁺, s⁻], sharing `model`'s weights, compiled with BPR. */
export function bprPairModel(model: tf.LayersModel, inputs: SpecNode[], optimizer: tf.Optimizer): tf.LayersModel {
  const fields = inputs.map((n) => (n.op === 'input' ? n.field : n.op));
  if (fields.length !== 2 || !fields.includes('user') || !fields.includes('item')) {
    throw new UsageError(
      `the BPR loss needs a model whose only inputs are the user and item ids; this one takes ${fields.join(', ')}`,
    );
  }
  const user = tf.input({ shape: [1], dtype: 'int32', name: 'bpr_user' });
  const positive = tf.input({ shape: [1], dtype: 'int32', name: 'bpr_positive' });
  const negative = tf.input({ shape: [1], dtype: 'int32', name: 'bpr_negative' });
  const feed = (item: tf.SymbolicTensor) => fields.map((f) => (f === 'user' ? user : item));
  const scores = tf.layers
    .concatenate({ name: 'bpr_scores' })
    .apply([
      model.apply(feed(positive)) as tf.SymbolicTensor,
      model.apply(feed(negative)) as tf.SymbolicTensor,
    ]) as tf.SymbolicTensor;
  const pair = tf.model({ inputs: [user, positive, negative], outputs: scores, name: 'bpr_pairs' });
  pair.compile({ optimizer, loss: bprLoss });
  return pair;
}
