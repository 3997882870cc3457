/** One epoch's training examples with freshly drawn negatives, shuffled, as the columns a stepper takes. */
import { Dataset } from '../data/types';
import { Examples } from '../engine/columns';
import { inputColumns, targetColumn } from '../engine/feed';
import { SpecNode } from '../spec/schema';
import { Rng, applySwaps, shuffleDraws } from '../util/random';
import { UserItems } from './interactions';
import { RankingLoss } from './losses';
import { pairwiseExamples, trainingExamples } from './negatives';

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

/** Shuffles columns of the same rows alike, with the draws of shuffling their row indices (then each column is in training order). */
function shuffleTogether(columns: Int32Array[], rng: Rng): void {
  const swaps = shuffleDraws(columns[0].length, rng);
  for (const column of columns) applySwaps(column, swaps);
}

/** BCE: (user, item) inputs and 0/1 labels. BPR: (user, positive, negative) and unused [n, 2] targets. */
export function epochExamples(data: EpochData, inputs: SpecNode[], rng: Rng, shuffleRng: Rng): Examples {
  const itemCount = data.dataset.itemIds.length;
  if (data.loss === 'bpr') {
    const ex = pairwiseExamples(data.users, data.items, data.seen, itemCount, data.negatives, rng);
    shuffleTogether([ex.users, ex.positives, ex.negatives], shuffleRng);
    const rows = ex.users.length;
    const column = (values: Int32Array) => ({ values, width: 1 });
    return {
      xs: [column(ex.users), column(ex.positives), column(ex.negatives)],
      ys: { values: new Float32Array(rows * 2), width: 2 },
      rows,
    };
  }
  const ex = trainingExamples(data.users, data.items, data.seen, itemCount, data.negatives, rng);
  const labels = Int32Array.from(ex.labels);
  shuffleTogether([ex.users, ex.items, labels], shuffleRng);
  ex.labels.set(labels);
  // The examples are in training order already: the feed reads them (and their features) row by row.
  const order = range(ex.users.length);
  const pairs = pairData(data.dataset, ex.users, ex.items, ex.labels);
  return { xs: inputColumns(inputs, pairs, order), ys: targetColumn(pairs, order), rows: order.length };
}
