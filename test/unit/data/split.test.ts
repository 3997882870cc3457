import * as assert from 'assert';
import { carveValidation, makeSplits } from '../../../src/core/data/split';
import { syntheticDataset } from '../../../src/core/data/synthetic';
import { Dataset, Split } from '../../../src/core/data/types';
import { sortedInts, throwsDataError } from './helpers';

const small = syntheticDataset({ seed: 3, users: 120, items: 200, ratings: 4_001 });

function assertPartition(split: Split, rows: number): void {
  const side = new Int8Array(rows);
  for (const r of split.train) side[r] += 1;
  for (const r of split.test) side[r] += 2;
  assert.ok(
    side.every((s) => s === 1 || s === 2),
    `${split.name}: every row on exactly one side`,
  );
}

describe('data: splits', function () {
  it('random:F holds out a fraction F, disjoint and complete', function () {
    const [split] = makeSplits(small, 'random:0.2', 11);
    assert.strictEqual(split.name, 'random:0.2');
    assert.strictEqual(split.test.length, Math.round(0.2 * 4_001));
    assert.strictEqual(split.train.length + split.test.length, 4_001);
    assertPartition(split, 4_001);
  });

  it('random:F is reproducible from the seed and changes with it', function () {
    const [a] = makeSplits(small, 'random:0.25', 11);
    const [b] = makeSplits(small, 'random:0.25', 11);
    const [c] = makeSplits(small, 'random:0.25', 12);
    assert.deepStrictEqual(a.test, b.test);
    assert.deepStrictEqual(a.train, b.train);
    assert.notDeepStrictEqual(a.test, c.test);
  });

  it('kfold:K tests each row exactly once, each fold trained on the rest', function () {
    const splits = makeSplits(small, 'kfold:5', 4);
    assert.deepStrictEqual(
      splits.map((s) => s.name),
      ['kfold:5#1', 'kfold:5#2', 'kfold:5#3', 'kfold:5#4', 'kfold:5#5'],
    );
    const tested = new Int32Array(4_001);
    for (const split of splits) {
      assertPartition(split, 4_001);
      assert.ok(Math.abs(split.test.length - 4_001 / 5) <= 1, 'near-equal folds');
      for (const r of split.test) tested[r]++;
    }
    assert.ok(tested.every((n) => n === 1));
    assert.deepStrictEqual(makeSplits(small, 'kfold:5', 4)[2].test, splits[2].test);
    assert.notDeepStrictEqual(makeSplits(small, 'kfold:5', 5)[2].test, splits[2].test);
  });

  it('fold:NAME returns a predefined fold, several with commas, and lists the folds when one is missing', function () {
    const folds = {
      u1: { train: Int32Array.of(0, 1), test: Int32Array.of(2) },
      u2: { train: Int32Array.of(1, 2), test: Int32Array.of(0) },
    };
    const withFolds: Dataset = { ...small, name: 'tiny', folds };
    const [one] = makeSplits(withFolds, 'fold:u2', 1);
    assert.deepStrictEqual(one, { name: 'u2', ...folds.u2 });
    assert.deepStrictEqual(
      makeSplits(withFolds, 'fold:u1, u2', 1).map((s) => s.name),
      ['u1', 'u2'],
    );
    throwsDataError(() => makeSplits(withFolds, 'fold:u9', 1), /tiny has no fold 'u9'; it has u1, u2/);
    throwsDataError(() => makeSplits(withFolds, 'fold:toString', 1), /has no fold 'toString'/);
    throwsDataError(() => makeSplits(small, 'fold:u1', 1), /has no predefined folds .*use random:F or kfold:K/);
  });

  it('rejects bad split strings with a message that shows the accepted forms', function () {
    throwsDataError(
      () => makeSplits(small, 'holdout', 1),
      /unknown split 'holdout': use random:F .*fold:NAME .*kfold:K/,
    );
    throwsDataError(() => makeSplits(small, 'random:1.5', 1), /the test fraction must be a number between 0 and 1/);
    throwsDataError(() => makeSplits(small, 'random:', 1), /the test fraction must be/);
    throwsDataError(() => makeSplits(small, 'random:abc', 1), /the test fraction must be/);
    throwsDataError(() => makeSplits(small, 'random:0.0001', 1), /leaves no test rows/);
    throwsDataError(() => makeSplits(small, 'kfold:1', 1), /K must be a whole number of at least 2/);
    throwsDataError(() => makeSplits(small, 'kfold:2.5', 1), /K must be a whole number/);
    throwsDataError(() => makeSplits(small, 'kfold:99999', 1), /99999 folds need at least 99999 ratings/);
  });

  it('carveValidation draws only from the training rows, disjoint, complete and seeded', function () {
    const [split] = makeSplits(small, 'random:0.2', 11);
    const { train, val } = carveValidation(split.train, 0.1, 5);
    assert.strictEqual(val.length, Math.round(0.1 * split.train.length));
    assert.deepStrictEqual(sortedInts([...train, ...val]), sortedInts(split.train));
    const testRows = new Set(split.test);
    assert.ok(!val.some((r) => testRows.has(r)) && !train.some((r) => testRows.has(r)), 'no test row is used');
    assert.strictEqual(new Set([...train, ...val]).size, split.train.length, 'disjoint');
    assert.deepStrictEqual(carveValidation(split.train, 0.1, 5), { train, val });
    assert.notDeepStrictEqual(carveValidation(split.train, 0.1, 6).val, val);
    assert.strictEqual(carveValidation(split.train, 0, 5).val.length, 0);
    throwsDataError(() => carveValidation(split.train, 1, 5), /validation fraction must be at least 0 and below 1/);
  });
});
