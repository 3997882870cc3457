import * as assert from 'assert';
import { SYNTHETIC_SHAPES, loadDataset } from '../../../src/core/data/load';
import { makeSplits } from '../../../src/core/data/split';
import { ML_20M_SHAPE, generateSynthetic, syntheticDataset } from '../../../src/core/data/synthetic';
import { fitBiasedMf, fitBiases, rmseOf } from './reference-fits';
import { throwsDataError } from './helpers';

describe('data: synthetic dataset', function () {
  const { dataset: d, truth } = generateSynthetic({ seed: 42 });

  it('has ML-100K’s shape', function () {
    assert.strictEqual(d.name, 'synthetic (seed 42)');
    assert.strictEqual(d.ratings.length, 100_000);
    assert.strictEqual(d.userIds.length, 943);
    assert.strictEqual(d.itemIds.length, 1682);
    assert.deepStrictEqual(d.vocabulary, {
      user: 943,
      item: 1682,
      gender: 2,
      occupation: 21,
      zipRegion: 11,
      '#features': 1,
      '#width:age': 1,
      '#width:genres': 19,
      '#width:year': 1,
      '#width:titleWords': 16,
    });
    assert.deepStrictEqual(d.ratingRange, [1, 5]);
    assert.ok(d.ratings.every((r) => Number.isInteger(r) && r >= 1 && r <= 5));
    assert.strictEqual(d.itemFeatures!.genres.length, 1682 * 19);
    assert.strictEqual(d.userFeatures!.age.length, 943);
    assert.ok(d.userFeatures!.occupation.every((o) => o >= 0 && o < 21));
    assert.ok(d.userFeatures!.gender.every((g) => g === 0 || g === 1));
  });

  it('gives every user at least 20 ratings, every item one, no pair twice, and a long popularity tail', function () {
    const perUser = new Int32Array(943);
    const perItem = new Int32Array(1682);
    const pairs = new Set<number>();
    for (let r = 0; r < d.ratings.length; r++) {
      perUser[d.users[r]]++;
      perItem[d.items[r]]++;
      pairs.add(d.users[r] * 1682 + d.items[r]);
    }
    assert.ok(Math.min(...perUser) >= 20, `fewest ratings of a user: ${Math.min(...perUser)}`);
    assert.ok(Math.min(...perItem) >= 1, 'every item rated');
    assert.strictEqual(pairs.size, 100_000);
    const sorted = Array.from(perItem).sort((a, b) => a - b);
    const median = sorted[841];
    assert.ok(sorted[1681] >= 10 * median, `most popular item ${sorted[1681]} vs median ${median}`);
  });

  it('is deterministic per seed', function () {
    const again = syntheticDataset({ seed: 42 });
    assert.deepStrictEqual(again.ratings, d.ratings);
    assert.deepStrictEqual(again.users, d.users);
    assert.deepStrictEqual(again.items, d.items);
    assert.deepStrictEqual(again.userFeatures, d.userFeatures);
    assert.deepStrictEqual(again.itemFeatures, d.itemFeatures);
    assert.strictEqual(again.noiseFloorRmse, d.noiseFloorRmse);
    const other = syntheticDataset({ seed: 43 });
    assert.notDeepStrictEqual(other.ratings, d.ratings);
    assert.notDeepStrictEqual(other.items, d.items);
  });

  it('has the documented mean and noise floor, which is the RMSE of the clipped truth', function () {
    const mean = d.ratings.reduce((a, b) => a + b, 0) / d.ratings.length;
    assert.ok(mean > 3.4 && mean < 3.7, `mean rating ${mean}`);
    const floor = d.noiseFloorRmse!;
    assert.ok(floor > 0.84 && floor < 0.88, `noise floor ${floor}`);
    let squares = 0;
    for (let r = 0; r < truth.length; r++) squares += (truth[r] - d.ratings[r]) ** 2;
    assert.ok(Math.abs(Math.sqrt(squares / truth.length) - floor) < 1e-6);
    assert.ok(truth.every((t) => t >= 1 && t <= 5));
  });

  it('is learnable: MF beats μ+bᵤ+bᵢ clearly, and neither beats the noise floor', function () {
    const [split] = makeSplits(d, 'random:0.2', 1);
    const floor = d.noiseFloorRmse!;
    const baseline = rmseOf(d, split.test, fitBiases(d, split.train).predict);
    assert.ok(baseline > 0.95 && baseline < 1.0, `μ+bu+bi test RMSE ${baseline}`);
    const mf = rmseOf(d, split.test, fitBiasedMf(d, split.train, { epochs: 25 }));
    assert.ok(mf < baseline - 0.03, `biased MF ${mf} vs baseline ${baseline}`);
    assert.ok(mf > floor, `MF ${mf} above the floor ${floor}`);
  });

  it('takes a size, and loadDataset names seeds and the ML-1M shape', async function () {
    const small = syntheticDataset({ seed: 1, users: 50, items: 80, ratings: 1_500 });
    assert.strictEqual(small.ratings.length, 1_500);
    assert.deepStrictEqual([small.userIds.length, small.itemIds.length], [50, 80]);
    assert.ok(small.users.every((u) => u < 50) && small.items.every((i) => i < 80));
    assert.strictEqual(small.name, 'synthetic 50×80, 1500 ratings (seed 1)');
    throwsDataError(
      () => syntheticDataset({ users: 10, items: 10, ratings: 100 }),
      /100 ratings do not fit 10 users who rate at most 5 of 10 items/,
    );
    throwsDataError(() => syntheticDataset({ users: 0 }), /users must be a positive whole number/);
    assert.deepStrictEqual((await loadDataset('synthetic:7')).ratings, syntheticDataset({ seed: 7 }).ratings);
    assert.deepStrictEqual(
      (await loadDataset('synthetic', { seed: 7 })).ratings,
      syntheticDataset({ seed: 7 }).ratings,
    );
    const sized = await loadDataset('synthetic:2', { synthetic: { users: 50, items: 80, ratings: 1_500 } });
    assert.strictEqual(sized.ratings.length, 1_500);
    const big = await loadDataset('synthetic-1m:3');
    assert.deepStrictEqual([big.userIds.length, big.itemIds.length, big.ratings.length], [6040, 3706, 1_000_000]);
    assert.ok(big.noiseFloorRmse! > 0.8 && big.noiseFloorRmse! < 0.9, `ML-1M-shaped noise floor ${big.noiseFloorRmse}`);
  });
});

describe('data: the ML-20M-shaped synthetic set', function () {
  it('is what synthetic-20m names, and a bad seed after it is one line naming the source', async function () {
    assert.deepStrictEqual(SYNTHETIC_SHAPES['synthetic-20m'], ML_20M_SHAPE);
    assert.deepStrictEqual(ML_20M_SHAPE, { users: 138_000, items: 27_000, ratings: 20_000_000 });
    await assert.rejects(loadDataset('synthetic-20m:x'), /^Error: 'synthetic-20m:x': the seed after 'synthetic-20m:'/);
  });

  // A hundredth of the users and of the ratings over all the items: ML-20M's 145 ratings per user and its density.
  const scaled = { users: ML_20M_SHAPE.users / 100, items: ML_20M_SHAPE.items, ratings: ML_20M_SHAPE.ratings / 100 };
  const d = syntheticDataset({ ...scaled, seed: 5 });

  it('keeps its shape at a hundredth of the size: every user 20 ratings or more, every item rated, no pair twice', function () {
    assert.deepStrictEqual(
      [d.userIds.length, d.itemIds.length, d.ratings.length],
      [scaled.users, scaled.items, scaled.ratings],
    );
    const perUser = new Int32Array(scaled.users);
    const perItem = new Int32Array(scaled.items);
    const pairs = new Set<number>();
    for (let r = 0; r < d.ratings.length; r++) {
      perUser[d.users[r]]++;
      perItem[d.items[r]]++;
      pairs.add(d.users[r] * scaled.items + d.items[r]);
    }
    assert.ok(Math.min(...perUser) >= 20, `a user with ${Math.min(...perUser)} ratings`);
    assert.ok(Math.min(...perItem) >= 1, 'an item nobody rated');
    assert.strictEqual(pairs.size, d.ratings.length);
  });

  it('holds 12 bytes per rating (user, item, rating): 240 MB at 20 million, far inside the 4 GB the run may use', function () {
    const perRating = [d.users, d.items, d.ratings].reduce((bytes, a) => bytes + a.byteLength, 0) / d.ratings.length;
    assert.strictEqual(perRating, 12);
    // Everything else it keeps grows with the users and items, not the ratings.
    const others = [
      d.userFeatures!.age,
      d.userFeatures!.gender,
      d.userFeatures!.occupation,
      d.itemFeatures!.genres,
      d.itemFeatures!.year,
      ...Object.values(d.features!).map((c) => c.values),
    ].reduce((bytes, a) => bytes + a.byteLength, 0);
    assert.ok(others <= 256 * (scaled.users + scaled.items), `${others} bytes of side features`);
    assert.strictEqual(d.timestamps, undefined);
  });
});
