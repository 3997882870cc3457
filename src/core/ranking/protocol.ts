/**
 * The evaluation protocol of a ranking run, fixed before training: the leave-one-out split, which
 * items each user has (in training, anywhere), and the sampled negatives of the validation and test
 * items. A peer (bench/torch_ranking.py) is handed the same protocol, so both rank the same items.
 */
import { Dataset } from '../data/types';
import { TrainingDivergedError } from '../engine/epochLoop';
import { gatherInt } from '../util/gather';
import { makeRng } from '../util/random';
import { HeldOut } from './evaluate';
import { UserItems, interactionRows } from './interactions';
import { LooTies, leaveOneOut } from './loo';
import { EVAL_NEGATIVES } from './metrics';
import { evaluationNegatives } from './negatives';

export interface RankingProtocol {
  /** Training rows of the dataset (leave-one-out's rest). */
  train: Int32Array;
  /** Training interactions per user: what training negatives are drawn around. */
  seen: UserItems;
  /** Training and validation interactions: what the full ranking leaves out of a user's candidates. */
  notCandidates: UserItems;
  valPairs: HeldOut;
  testPairs: HeldOut;
  /** EVAL_NEGATIVES per held-out pair, drawn once from the items the user never interacted with. */
  valNegatives: Int32Array;
  testNegatives: Int32Array;
}

const heldOut = (data: Dataset, rows: Int32Array): HeldOut => ({
  users: gatherInt(data.users, rows),
  items: gatherInt(data.items, rows),
});

export function rankingProtocol(
  dataset: Dataset,
  training: { threshold?: number; seed: number },
  ties?: LooTies,
): RankingProtocol {
  const split = leaveOneOut(dataset, interactionRows(dataset, training.threshold), ties);
  if (split.train.length === 0 || split.test.length === 0)
    throw new TrainingDivergedError(
      'leave-one-out left no training or no test interactions: every user needs at least two',
    );
  const val = split.val ?? new Int32Array(0);
  const itemCount = dataset.itemIds.length;
  const everything = UserItems.of(dataset, Int32Array.from([...split.train, ...val, ...split.test]));
  const testPairs = heldOut(dataset, split.test);
  const valPairs = heldOut(dataset, val);
  const negatives = (pairs: HeldOut, name: string) =>
    evaluationNegatives(pairs.users, everything, itemCount, EVAL_NEGATIVES, makeRng(`${training.seed}:${name}`));
  return {
    train: split.train,
    seen: UserItems.of(dataset, split.train),
    notCandidates: UserItems.of(dataset, Int32Array.from([...split.train, ...val])),
    valPairs,
    testPairs,
    testNegatives: negatives(testPairs, 'test-negatives'),
    valNegatives: negatives(valPairs, 'validation-negatives'),
  };
}
