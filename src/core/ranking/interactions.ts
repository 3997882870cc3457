/**
 * Implicit feedback: which rows count as interactions (all ratings, or those at or above a
 * threshold), and each user's set of items, kept sorted for binary search.
 */
import { Dataset, DataError } from '../data/types';

export function interactionRows(data: Dataset, threshold?: number): Int32Array {
  const rows: number[] = [];
  for (let r = 0; r < data.ratings.length; r++)
    if (threshold === undefined || data.ratings[r] >= threshold) rows.push(r);
  if (rows.length === 0)
    throw new DataError(`no rating of ${data.name} is at or above the interaction threshold ${threshold}`);
  return Int32Array.from(rows);
}

/**
 * Up to this many user × item bits, `has` also keeps a bit per pair: negative sampling asks it
 * millions of times an epoch, and a bit costs one read where a binary search costs several (32 MB:
 * ML-1M's shape takes 3 MB; ML-20M's would take 466 MB and searches instead).
 */
export const MAX_BITS = 2 ** 28;

/** For each user, the sorted distinct items of some rows (compressed rows: `items[start[u]…start[u+1]]`). */
export class UserItems {
  /** Bit u·width + i is set when user u has item i (null: too many pairs, `has` searches). */
  private readonly bits: Uint32Array | null = null;
  private readonly width: number = 0;

  private constructor(
    readonly start: Int32Array,
    readonly items: Int32Array,
    maxBits: number,
  ) {
    const users = start.length - 1;
    let width = 0;
    for (let k = 0; k < items.length; k++) if (items[k] >= width) width = items[k] + 1;
    if (users * width > maxBits) return;
    const bits = new Uint32Array(Math.ceil((users * width) / 32));
    for (let u = 0; u < users; u++)
      for (let k = start[u]; k < start[u + 1]; k++) {
        const b = u * width + items[k];
        bits[b >>> 5] |= 1 << (b & 31);
      }
    this.bits = bits;
    this.width = width;
  }

  /** `maxBits`: the most bits `has` may keep (a test sets 0 to check the search). */
  static of(data: Pick<Dataset, 'users' | 'items' | 'userIds'>, rows: Int32Array, maxBits = MAX_BITS): UserItems {
    const users = data.userIds.length;
    const perUser: number[][] = Array.from({ length: users }, () => []);
    for (const r of rows) perUser[data.users[r]].push(data.items[r]);
    const start = new Int32Array(users + 1);
    const sorted = perUser.map((list) => Int32Array.from(new Set(list)).sort());
    sorted.forEach((list, u) => (start[u + 1] = start[u] + list.length));
    const items = new Int32Array(start[users]);
    sorted.forEach((list, u) => items.set(list, start[u]));
    return new UserItems(start, items, maxBits);
  }

  get userCount(): number {
    return this.start.length - 1;
  }

  count(user: number): number {
    return this.start[user + 1] - this.start[user];
  }

  of(user: number): Int32Array {
    return this.items.subarray(this.start[user], this.start[user + 1]);
  }

  has(user: number, item: number): boolean {
    if (this.bits) {
      if (item < 0 || item >= this.width) return false;
      const b = user * this.width + item;
      return (this.bits[b >>> 5] & (1 << (b & 31))) !== 0;
    }
    let lo = this.start[user];
    let hi = this.start[user + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.items[mid];
      if (v === item) return true;
      if (v < item) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
