/**
 * Leave-one-out by time: each user's latest interaction (ties broken by item id) is the test row,
 * the one before it the validation row, the rest training. Without timestamps the file order is
 * taken as time. A user with two interactions gives no validation row, one with one no test row.
 * `ties: 'file'` breaks ties of time by file order instead: in ML-100K, 44 % of the users rated
 * their last few items in the same second, and item ids there follow the catalogue (high ids are
 * the later, less popular titles), so the item-id rule picks less popular test items than file order.
 */
import { Dataset, Split } from '../data/types';

/** How interactions at the same time are ordered: by item id (the default) or as in the file. */
export type LooTies = 'item' | 'file';

export function leaveOneOut(data: Dataset, rows: Int32Array, ties: LooTies = 'item'): Split {
  const byUser: number[][] = Array.from({ length: data.userIds.length }, () => []);
  for (const r of rows) byUser[data.users[r]].push(r);
  const time = data.timestamps;
  const later = time
    ? (a: number, b: number) => time[a] - time[b] || (ties === 'item' ? data.items[a] - data.items[b] : a - b)
    : (a: number, b: number) => a - b;
  const train: number[] = [];
  const val: number[] = [];
  const test: number[] = [];
  for (const list of byUser) {
    if (list.length === 0) continue;
    list.sort(later);
    if (list.length >= 2) test.push(list.pop()!);
    if (list.length >= 2) val.push(list.pop()!);
    train.push(...list);
  }
  const sorted = (xs: number[]) => Int32Array.from(xs).sort();
  return { name: 'loo', train: sorted(train), val: sorted(val), test: sorted(test) };
}
