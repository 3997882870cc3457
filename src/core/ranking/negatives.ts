/**
 * Negative sampling: items a user has not interacted with, drawn uniformly by rejection.
 * Training draws k per positive afresh every epoch; evaluation draws a fixed set once per user.
 */
import { Rng } from '../util/random';
import { DataError } from '../data/types';
import { UserItems } from './interactions';

function drawUnseen(user: number, seen: UserItems, itemCount: number, rng: Rng): number {
  if (seen.count(user) >= itemCount)
    throw new DataError(`user ${user} has interacted with every item: there is no negative to draw`);
  for (;;) {
    const item = Math.floor(rng() * itemCount);
    if (!seen.has(user, item)) return item;
  }
}

/** One epoch's examples: each positive (label 1) followed by `k` negatives (label 0) of its user, not yet shuffled. */
export function trainingExamples(
  users: Int32Array,
  items: Int32Array,
  seen: UserItems,
  itemCount: number,
  k: number,
  rng: Rng,
): { users: Int32Array; items: Int32Array; labels: Float32Array } {
  const n = users.length * (k + 1);
  const out = { users: new Int32Array(n), items: new Int32Array(n), labels: new Float32Array(n) };
  let o = 0;
  for (let p = 0; p < users.length; p++) {
    const u = users[p];
    out.users[o] = u;
    out.items[o] = items[p];
    out.labels[o++] = 1;
    for (let j = 0; j < k; j++) {
      out.users[o] = u;
      out.items[o++] = drawUnseen(u, seen, itemCount, rng);
    }
  }
  return out;
}

/** BPR triples: each positive with `k` negatives of its user, as (user, positive, negative). */
export function pairwiseExamples(
  users: Int32Array,
  items: Int32Array,
  seen: UserItems,
  itemCount: number,
  k: number,
  rng: Rng,
): { users: Int32Array; positives: Int32Array; negatives: Int32Array } {
  const n = users.length * k;
  const out = { users: new Int32Array(n), positives: new Int32Array(n), negatives: new Int32Array(n) };
  let o = 0;
  for (let p = 0; p < users.length; p++) {
    for (let j = 0; j < k; j++, o++) {
      out.users[o] = users[p];
      out.positives[o] = items[p];
      out.negatives[o] = drawUnseen(users[p], seen, itemCount, rng);
    }
  }
  return out;
}

/** `count` distinct items per user that the user never interacted with (in any part of the data), for the sampled protocol. */
export function evaluationNegatives(
  users: Int32Array,
  everything: UserItems,
  itemCount: number,
  count: number,
  rng: Rng,
): Int32Array {
  const out = new Int32Array(users.length * count);
  users.forEach((u, k) => {
    const free = itemCount - everything.count(u);
    if (free < count)
      throw new DataError(`user ${u} has only ${free} items left to draw ${count} evaluation negatives from`);
    const drawn = new Set<number>();
    while (drawn.size < count) drawn.add(drawUnseen(u, everything, itemCount, rng));
    out.set([...drawn], k * count);
  });
  return out;
}
