/**
 * ML-100K's official splits (u1…u5: five disjoint 80/20 folds; ua, ub: ten ratings per user held out) as row
 * indices into u.data. They are read on first use: most runs need one fold or none, and loading stays fast.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { IdEncoder } from '../ids';
import { forEachLine, readTextSync, splitColumns } from '../text';
import { Dataset, DataError } from '../types';

export const ML100K_FOLD_NAMES = ['u1', 'u2', 'u3', 'u4', 'u5', 'ua', 'ub'] as const;

type Folds = NonNullable<Dataset['folds']>;

interface RatedPairs {
  users: Int32Array;
  items: Int32Array;
  userIds: IdEncoder;
  itemIds: IdEncoder;
}

/** Folds whose .base and .test files are both present, each a getter that reads its files once. */
export function lazyFolds(dir: string, rated: RatedPairs): Folds | undefined {
  const names = ML100K_FOLD_NAMES.filter(
    (name) => existsSync(path.join(dir, `${name}.base`)) && existsSync(path.join(dir, `${name}.test`)),
  );
  if (names.length === 0) return undefined;
  let rowOfPair: Map<number, number> | undefined;
  const findRow = () => (rowOfPair ??= indexPairs(rated));
  const folds: Folds = {};
  for (const name of names) {
    Object.defineProperty(folds, name, {
      enumerable: true,
      configurable: true,
      get() {
        const fold = {
          train: readFoldFile(path.join(dir, `${name}.base`), rated, findRow()),
          test: readFoldFile(path.join(dir, `${name}.test`), rated, findRow()),
        };
        Object.defineProperty(folds, name, { value: fold, enumerable: true, configurable: true, writable: false });
        return fold;
      },
    });
  }
  return folds;
}

function indexPairs(rated: RatedPairs): Map<number, number> {
  const width = rated.itemIds.size;
  const rows = new Map<number, number>();
  for (let row = 0; row < rated.users.length; row++) {
    const key = rated.users[row] * width + rated.items[row];
    if (!rows.has(key)) rows.set(key, row);
  }
  return rows;
}

function readFoldFile(file: string, rated: RatedPairs, rowOfPair: Map<number, number>): Int32Array {
  const text = readTextSync(file, 'latin1');
  const rows: number[] = [];
  const width = rated.itemIds.size;
  forEachLine(text, (line, lineNo) => {
    const [user, item] = splitColumns(line, '\t', 4, 'user item rating timestamp', file, lineNo);
    const u = rated.userIds.lookup(user.trim());
    const i = rated.itemIds.lookup(item.trim());
    const row = u === undefined || i === undefined ? undefined : rowOfPair.get(u * width + i);
    if (row === undefined)
      throw new DataError(`user ${user} rating item ${item} is not a rating in u.data`, file, lineNo);
    rows.push(row);
  });
  return Int32Array.from(rows);
}
