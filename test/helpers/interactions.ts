/** Implicit-feedback data for ranking tests, small enough to train in seconds. */
import { makeRng } from '../../src/core/util/random';

/** 12 items of user u, mostly of its group (two groups of 75 items). */
function twoGroupItems(u: number, rng: () => number): Set<number> {
  const items = new Set<number>();
  while (items.size < 12) items.add((rng() < 0.9 ? (u % 2) * 75 : ((u + 1) % 2) * 75) + Math.floor(rng() * 75));
  return items;
}

/** 60 users in two taste groups over 150 items (enough for 99 evaluation negatives): each user interacts with 12 items, mostly of its group. */
export function smallInteractions(): string {
  const rng = makeRng('ranking-cli');
  const lines = ['user,item,rating'];
  for (let u = 0; u < 60; u++) {
    for (const i of twoGroupItems(u, rng)) lines.push(`u${u},i${i},${1 + Math.floor(rng() * 5)}`);
  }
  return lines.join('\n') + '\n';
}

/** 80 users in 4 taste groups of 40 items (160 in all): each user interacts with 16 items of its group, so a model that learns the groups ranks a test item far above random (HR@10 ≈ 0.1). */
export function groupedInteractions(): string {
  const rng = makeRng('ranking-groups');
  const lines = ['user,item,rating'];
  for (let u = 0; u < 80; u++) {
    const items = new Set<number>();
    while (items.size < 16) items.add((u % 4) * 40 + Math.floor(rng() * 40));
    for (const i of items) lines.push(`u${u},i${i},${1 + Math.floor(rng() * 5)}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * smallInteractions' users and items with numeric item ids (so that the numeric tie rule matters:
 * 9 sorts before 10) and a timestamp column that runs against the file order, with each user's two
 * latest interactions at the same second: leave-one-out by time picks other rows than the file's last.
 */
export function timedInteractions(): string {
  const rng = makeRng('ranking-times');
  const lines = ['user,item,rating,timestamp'];
  for (let u = 0; u < 60; u++) {
    [...twoGroupItems(u, rng)].forEach((item, k) => {
      const time = 1_000_000 - 10 * Math.max(k, 1) + (k <= 1 ? 0 : Math.floor(rng() * 5));
      lines.push(`u${u},${item},${1 + Math.floor(rng() * 5)},${time}`);
    });
  }
  return lines.join('\n') + '\n';
}
