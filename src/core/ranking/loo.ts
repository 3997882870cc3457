/**
 * Leave-one-out by time: each user's latest interaction (ties broken by item id) is the test row,
 * the one before it the validation row, the rest training. Without timestamps the file order is
 * taken as time. A user with two interactions gives no validation row, one with one no test row.
 */
import { Dataset, Split } from '../data/types';

export function leaveOneOut(data: Dataset, rows: Int32Array): Split {
  const byUser: number[][] = Array.from({ length: data.userIds.length }, () => []);
  for (const r of rows) byUser[data.users[r]].push(r);
  const time = data.timestamps;
  const later = time
    ? (a: number, b: number) => time[a] - time[b] || data.items[a] - data.items[b]
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
