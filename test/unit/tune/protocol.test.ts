import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSplits } from '../../../src/core/data/split';
import { loadDataset } from '../../../src/core/data/load';
import { TrialRecord } from '../../../src/core/tune/types';
import { defaultFastStepper } from '../../../src/core/engine/fast';
import { trainModel } from '../../../src/core/engine/train';
import { refitSpec } from '../../../src/core/tune/search';
import { search, smallRatings, writeRatingsCsv } from './helpers';

/** Only what selection can depend on: each trial's parameters, status and per-epoch validation curve. */
const selectionView = (trials: TrialRecord[]) =>
  [...trials]
    .sort((a, b) => a.number - b.number)
    .map((t) => ({
      n: t.number,
      params: t.params,
      status: t.status,
      val: t.val,
      curves: t.folds.map((f) => f.epochs.map((e) => e.val)),
    }));

describe('tune: honest protocol (selection on validation only, test measured once, same seeds)', function () {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ncf-tune-protocol-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('no test row reaches selection: with every test rating changed, every trial and the choice stay the same; only the reported test RMSE moves', async () => {
    const data = smallRatings();
    const real = join(dir, 'real.csv');
    writeRatingsCsv(real, data);
    // One split (in k-fold cross-validation every row is some fold's test row). It is made from the row
    // order and the spec's seed, so the changed file has the same split.
    const loaded = await loadDataset(`csv:${real}`);
    const test = new Set(makeSplits(loaded, 'random:0.3', 42).flatMap((s) => Array.from(s.test)));
    assert.equal(test.size, 1800);
    const changed = join(dir, 'changed.csv');
    writeRatingsCsv(changed, data, (r) => (test.has(r) ? (data.ratings[r] >= 3 ? 1 : 5) : data.ratings[r]));

    const request = { split: 'random:0.3', strategy: 'random' as const, trials: 4, epochs: 2 };
    const a = await search({ ...request, data: `csv:${real}`, out: join(dir, 'a') });
    const b = await search({ ...request, data: `csv:${changed}`, out: join(dir, 'b') });
    assert.deepEqual(selectionView(b.trials), selectionView(a.trials));
    assert.deepEqual(b.result!.best.params, a.result!.best.params);
    assert.deepEqual(b.result!.best.val, a.result!.best.val);
    assert.ok(
      Math.abs(b.result!.best.test.rmse - a.result!.best.test.rmse) > 0.5,
      `test RMSE moved: ${a.result!.best.test.rmse} → ${b.result!.best.test.rmse}`,
    );
    // No trial record carries a test metric: a trial never measures the test part.
    assert.doesNotMatch(readFileSync(join(a.outDir, 'trials.jsonl'), 'utf8'), /"test"|"baselines"/);
  });

  it('every candidate gets the same seed on every fold, so equal configurations get equal results', async () => {
    const file = join(dir, 'seeds.csv');
    writeRatingsCsv(file, smallRatings());
    // The same configuration twice, and a different one.
    const outcome = await search({
      data: `csv:${file}`,
      strategy: 'grid',
      space: 'p.dim+q.dim=16,16,32',
      trials: 3,
      out: join(dir, 'seeds'),
    });
    const seeds = outcome.trials.flatMap((t) => t.folds.map((f) => `${f.fold}:${f.seed}`));
    assert.deepEqual([...new Set(seeds)].sort(), ['kfold:2#1:42', 'kfold:2#2:42']);
    const [first, second, third] = [...outcome.trials].sort((x, y) => x.number - y.number);
    assert.deepEqual(
      second.folds.map((f) => f.epochs),
      first.folds.map((f) => f.epochs),
      'the repeated configuration trains identically',
    );
    assert.notDeepEqual(third.val, first.val);
    // The final evaluation of the chosen configuration repeats its trial exactly.
    assert.deepEqual(outcome.best!.final.val, outcome.best!.record.val);
  });

  it('refit: a fold’s test model trains on the whole training fold for the epochs its validation part chose; --no-refit tests the search’s own models', async () => {
    const file = join(dir, 'refit.csv');
    writeRatingsCsv(file, smallRatings());
    const request = { data: `csv:${file}`, strategy: 'grid' as const, space: 'p.dim+q.dim=8,16', trials: 2, epochs: 6 };
    const refit = await search({ ...request, out: join(dir, 'refit') });
    const plain = await search({ ...request, refit: false, out: join(dir, 'plain') });
    assert.equal(refit.result!.refit, true);
    assert.equal(plain.result!.refit, undefined);
    assert.deepEqual(refit.result!.best.params, plain.result!.best.params, 'refit changes no choice');
    assert.deepEqual(refit.best!.final.val, plain.best!.final.val);

    const dataset = await loadDataset(`csv:${file}`);
    const splits = makeSplits(dataset, 'kfold:2', 42);
    for (const [f, fold] of refit.best!.final.folds.entries()) {
      assert.equal(fold.refitEpochs, fold.bestEpoch, `${fold.fold}: refit for its best epoch count`);
      const { result, model } = await trainModel({
        spec: refitSpec(refit.best!.spec, fold.bestEpoch),
        dataset,
        split: splits[f],
        backend: 'wasm',
        engine: 'fast',
        fastStepper: defaultFastStepper,
      });
      model.dispose();
      assert.equal(result.epochs, fold.bestEpoch);
      assert.ok(
        Math.abs(result.test.rmse - fold.test!.rmse) < 1e-6,
        `${fold.fold}: ${result.test.rmse} vs ${fold.test!.rmse}`,
      );
      const kept = plain.best!.final.folds[f];
      assert.equal(kept.refitEpochs, undefined);
      assert.notEqual(kept.test!.rmse, fold.test!.rmse, `${fold.fold}: the search's own model is tested without refit`);
    }
  });
});
