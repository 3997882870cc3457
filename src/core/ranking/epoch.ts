/** One epoch's training examples with freshly drawn negatives, shuffled, as the tensors a stepper takes. */
import * as tf from '@tensorflow/tfjs';
import { Dataset } from '../data/types';
import { inputTensors, targetTensor } from '../engine/feed';
import { SpecNode } from '../spec/schema';
import { Rng, shuffleInPlace } from '../util/random';
import { UserItems } from './interactions';
import { RankingLoss } from './losses';
import { pairwiseExamples, trainingExamples } from './negatives';
import { gatherInt } from '../util/gather';

export interface EpochData {
  dataset: Dataset;
  /** The training interactions (encoded user and item per positive). */
  users: Int32Array;
  items: Int32Array;
  /** Each user's training items, which a negative must not be. */
  seen: UserItems;
  loss: RankingLoss;
  negatives: number;
}

/** The dataset with other (user, item, label) rows, so the rating feed can build any model's inputs from them. */
export const pairData = (data: Dataset, users: Int32Array, items: Int32Array, labels: Float32Array): Dataset => ({
  ...data,
  users,
  items,
  ratings: labels,
  timestamps: undefined,
});
export function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** BCE: (user, item) inputs and 0/1 labels. BPR: (user, positive, negative) and unused [n, 2] targets. */
export function epochTensors(
  data: EpochData,
  inputs: SpecNode[],
  rng: Rng,
  shuffleRng: Rng,
): { xs: tf.Tensor[]; ys: tf.Tensor; rows: number } {
  const itemCount = data.dataset.itemIds.length;
  if (data.loss === 'bpr') {
    const ex = pairwiseExamples(data.users, data.items, data.seen, itemCount, data.negatives, rng);
    const order = shuffleInPlace(range(ex.users.length), shuffleRng);
    const column = (values: Int32Array) => tf.tensor2d(gatherInt(values, order), [order.length, 1], 'int32');
    return {
      xs: [column(ex.users), column(ex.positives), column(ex.negatives)],
      ys: tf.zeros([order.length, 2]),
      rows: order.length,
    };
  }
  const ex = trainingExamples(data.users, data.items, data.seen, itemCount, data.negatives, rng);
  const order = shuffleInPlace(range(ex.users.length), shuffleRng);
  const pairs = pairData(data.dataset, ex.users, ex.items, ex.labels);
  return { xs: inputTensors(inputs, pairs, order), ys: targetTensor(pairs, order), rows: order.length };
}
