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
  // Item indices follow first appearance in the file, not the ids: the tie rule reads the raw ids.
  const byItemId = rawIdOrder(data.itemIds);
  const later = time
    ? (a: number, b: number) =>
        time[a] - time[b] || (ties === 'item' ? byItemId[data.items[a]] - byItemId[data.items[b]] : a - b)
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

/** Each item index's rank among the raw ids, compared as numbers when all of them are numbers. */
function rawIdOrder(ids: string[]): Int32Array {
  const numeric = ids.every((id) => id.trim() !== '' && Number.isFinite(Number(id)));
  const compare = numeric
    ? (a: number, b: number) => Number(ids[a]) - Number(ids[b])
    : (a: number, b: number) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0);
  const order = Array.from(ids, (_, k) => k).sort(compare);
  const rank = new Int32Array(ids.length);
  order.forEach((k, r) => (rank[k] = r));
  return rank;
}
