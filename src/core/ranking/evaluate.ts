/**
 * The two evaluation protocols. Sampled (He et al., 2017): each held-out item against a fixed set of
 * sampled negatives of its user. Full (Krichene & Rendle, 2020): against every item the user has not
 * interacted with outside the held-out one, since sampled metrics can order models differently.
 */
import { makeRng } from '../util/random';
import { FullRanking, RankStats, TopK, rankAgainst } from './metrics';
import { UserItems } from './interactions';

/** Scores (higher: more likely) for pairs of user and item indices. */
export type Scorer = (users: Int32Array, items: Int32Array) => Float32Array;

/** Held-out pairs, one per user. */
export interface HeldOut {
  users: Int32Array;
  items: Int32Array;
}

/** `negatives`: `count` per held-out pair, in order (evaluationNegatives). */
export function sampledMetrics(score: Scorer, heldOut: HeldOut, negatives: Int32Array, k: number): TopK {
  const n = heldOut.users.length;
  const count = negatives.length / Math.max(1, n);
  const width = count + 1;
  const users = new Int32Array(n * width);
  const items = new Int32Array(n * width);
  for (let p = 0; p < n; p++) {
    users.fill(heldOut.users[p], p * width, (p + 1) * width);
    items[p * width] = heldOut.items[p];
    items.set(negatives.subarray(p * count, (p + 1) * count), p * width + 1);
  }
  const scores = score(users, items);
  const stats = new RankStats(k);
  for (let p = 0; p < n; p++) stats.add(rankAgainst(scores[p * width], scores, p * width + 1, (p + 1) * width));
  return stats.topK();
}

/** Pairs scored per call in the full protocol, to bound the memory of one prediction. */
const FULL_CHUNK = 1 << 18;

/** `known`: each user's interactions that are not candidates (training, validation). */
export function fullMetrics(
  score: Scorer,
  heldOut: HeldOut,
  known: UserItems,
  itemCount: number,
  k: number,
): FullRanking {
  const stats = new RankStats(k);
  let p = 0;
  while (p < heldOut.users.length) {
    const users: number[] = [];
    const items: number[] = [];
    const spans: [number, number, number][] = [];
    while (p < heldOut.users.length && (users.length === 0 || users.length + itemCount <= FULL_CHUNK)) {
      const u = heldOut.users[p];
      const first = users.length;
      let target = -1;
      for (let i = 0; i < itemCount; i++) {
        if (i !== heldOut.items[p] && known.has(u, i)) continue;
        if (i === heldOut.items[p]) target = users.length;
        users.push(u);
        items.push(i);
      }
      spans.push([first, target, users.length]);
      p++;
    }
    const scores = score(Int32Array.from(users), Int32Array.from(items));
    for (const [first, target, end] of spans) {
      const t = scores[target];
      stats.add(rankAgainst(t, scores, first, target) + rankAgainst(t, scores, target + 1, end));
    }
  }
  return stats.full();
}

/** ItemPop: an item's number of training interactions, the same for every user. */
export function itemPopScorer(trainItems: Int32Array, itemCount: number): Scorer {
  const popularity = new Float32Array(itemCount);
  for (const i of trainItems) popularity[i]++;
  return (_users, items) => Float32Array.from(items, (i) => popularity[i]);
}

/** Random scores from a fixed seed: the floor any model must beat (HR@K ≈ K / candidates). */
export function randomScorer(seed: number): Scorer {
  const rng = makeRng(`${seed}:random-baseline`);
  return (users) => Float32Array.from(users, () => rng());
}
