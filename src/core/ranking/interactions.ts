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

/** For each user, the sorted distinct items of some rows (compressed rows: `items[start[u]…start[u+1]]`). */
export class UserItems {
  private constructor(
    readonly start: Int32Array,
    readonly items: Int32Array,
  ) {}

  static of(data: Pick<Dataset, 'users' | 'items' | 'userIds'>, rows: Int32Array): UserItems {
    const users = data.userIds.length;
    const perUser: number[][] = Array.from({ length: users }, () => []);
    for (const r of rows) perUser[data.users[r]].push(data.items[r]);
    const start = new Int32Array(users + 1);
    const sorted = perUser.map((list) => Int32Array.from(new Set(list)).sort());
    sorted.forEach((list, u) => (start[u + 1] = start[u] + list.length));
    const items = new Int32Array(start[users]);
    sorted.forEach((list, u) => items.set(list, start[u]));
    return new UserItems(start, items);
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
