/**
 * The dataset overview's figures: worked out by hand on a small dataset, counted independently on
 * MovieLens 100K's u.data, and computed for every supported format (ML-1M files, a ratings CSV,
 * the synthetic set).
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { describeDataset, longTail } from '../../../src/core/data/describe';
import { loadDataset } from '../../../src/core/data/load';
import { lastJson, runNcf } from '../../helpers/ncf';
import { ml100kDir, ML100K_MISSING, TempFolders } from './helpers';

describe('data: describe', function () {
  const temp = new TempFolders();
  after(() => temp.cleanUp());

  it('gives the hand-worked figures of a small ML-1M-format folder: sizes, histogram, spreads, genres, genders', async function () {
    // 3 users, 4 items, 7 ratings. Per user: a 3, b 3, c 1. Per item: 10 → 3, 20 → 2, 30 → 1, 40 → 1.
    const dir = temp.folder('tiny-1m', {
      'ratings.dat':
        ['a::10::5::0', 'a::20::4::0', 'a::30::1::0', 'b::10::4::0', 'b::20::2::0', 'b::40::5::0', 'c::10::3::0'].join(
          '\n',
        ) + '\n',
      'users.dat': 'a::F::25::1::0\nb::M::35::2::0\nc::F::18::3::0\n',
      'movies.dat':
        '10::Comedy film (1990)::Comedy\n20::Dark film (1991)::Drama|Crime\n30::Fun drama (1992)::Comedy|Drama\n40::Old film (1950)::Western\n',
    });
    const o = describeDataset(await loadDataset(`movielens:${dir}`));
    assert.strictEqual(o.users, 3);
    assert.strictEqual(o.items, 4);
    assert.strictEqual(o.ratings, 7);
    assert.strictEqual(o.density, 7 / 12);
    assert.ok(Math.abs(o.meanRating - 24 / 7) < 1e-12);
    assert.deepStrictEqual(o.histogram, { '1': 1, '2': 1, '3': 1, '4': 2, '5': 2 });
    assert.deepStrictEqual(o.perUser, { min: 1, median: 3, mean: 7 / 3, max: 3 });
    // The top 10 % of 4 items is 1 item (rounded up): item 10, with 3 of the 7 ratings.
    assert.deepStrictEqual(o.perItem, { min: 1, median: 1.5, mean: 7 / 4, max: 3, top10Share: 3 / 7 });
    const genre = (name: string) => o.byGenre!.find((g) => g.group === name);
    assert.deepStrictEqual(genre('Comedy'), { group: 'Comedy', members: 2, ratings: 4, mean: (5 + 4 + 3 + 1) / 4 });
    assert.deepStrictEqual(genre('Drama'), { group: 'Drama', members: 2, ratings: 3, mean: (4 + 2 + 1) / 3 });
    assert.deepStrictEqual(genre('Western'), { group: 'Western', members: 1, ratings: 1, mean: 5 });
    assert.strictEqual(genre('Horror'), undefined, 'a genre nobody rated is left out');
    assert.deepStrictEqual(o.byGender, [
      { group: 'M', members: 1, ratings: 3, mean: 11 / 3 },
      { group: 'F', members: 2, ratings: 4, mean: 13 / 4 },
    ]);
    assert.deepStrictEqual(longTail(await loadDataset(`movielens:${dir}`)), {
      perUser: [3, 3, 1],
      perItem: [3, 2, 1, 1],
    });
  });

  it('keeps half-star values apart in a ratings CSV, and has no genre or gender figures there', async function () {
    const dir = temp.folder('csv', { 'r.csv': 'userId,movieId,rating\n1,1,0.5\n1,2,3.5\n2,1,3.5\n2,3,5\n' });
    const o = describeDataset(await loadDataset(`csv:${path.join(dir, 'r.csv')}`));
    assert.deepStrictEqual(o.histogram, { '0.5': 1, '3.5': 2, '5': 1 });
    assert.deepStrictEqual(o.ratingRange, [0.5, 5]);
    assert.strictEqual(o.byGenre, undefined);
    assert.strictEqual(o.byGender, undefined);
  });

  it('bins the ratings into 20 bins over the scale when they take many values', async function () {
    const rows = Array.from({ length: 100 }, (_, k) => `u${k % 7},i${k},${(k / 99).toFixed(4)}`);
    const dir = temp.folder('continuous', { 'r.csv': 'user,item,rating\n' + rows.join('\n') + '\n' });
    const o = describeDataset(await loadDataset(`csv:${path.join(dir, 'r.csv')}`));
    const bins = Object.entries(o.histogram);
    assert.strictEqual(bins.length, 20);
    assert.strictEqual(bins[0][0], '0–0.05');
    assert.strictEqual(
      bins.reduce((s, [, n]) => s + n, 0),
      100,
    );
    assert.deepStrictEqual(
      bins.map(([, n]) => n),
      [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
    );
  });

  it('describes the synthetic set: its shape, every user with at least the minimum ratings', async function () {
    const o = describeDataset(await loadDataset('synthetic'));
    assert.strictEqual(o.users, 943);
    assert.strictEqual(o.items, 1682);
    assert.strictEqual(o.ratings, 100_000);
    assert.strictEqual(
      Object.values(o.histogram).reduce((s, n) => s + n, 0),
      100_000,
    );
    assert.deepStrictEqual(Object.keys(o.histogram), ['1', '2', '3', '4', '5']);
    assert.ok(o.perUser.min >= 20);
    assert.ok(o.byGenre && o.byGenre.length > 10);
  });

  it('describes MovieLens 100K as its README does, with a histogram counted straight from u.data', async function () {
    const dir = ml100kDir();
    if (!dir) {
      console.log(`      skipped: ${ML100K_MISSING}`);
      this.skip();
    }
    const counted: Record<string, number> = {};
    for (const line of readFileSync(path.join(dir!, 'u.data'), 'latin1').trim().split('\n')) {
      const rating = line.split('\t')[2];
      counted[rating] = (counted[rating] ?? 0) + 1;
    }
    const r = runNcf(['describe', '--data', `movielens:${dir}`, '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    const o = lastJson(r.stdout);
    assert.strictEqual(o.users, 943);
    assert.strictEqual(o.items, 1682);
    assert.strictEqual(o.ratings, 100_000);
    assert.ok(Math.abs(o.density - 100_000 / (943 * 1682)) < 1e-12);
    assert.deepStrictEqual(o.histogram, counted);
    assert.strictEqual(o.perUser.min, 20, 'each user has rated at least 20 movies (the README)');
    assert.strictEqual(o.byGenre.length, 19);
    assert.strictEqual(
      o.byGender.reduce((s: number, g: { members: number }) => s + g.members, 0),
      943,
    );
  });

  it('ncf describe prints tables, and a bad source is one line', function () {
    const r = runNcf(['describe', '--data', 'synthetic']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /density\s*│\s*6\.30 %/);
    assert.match(r.stdout, /per item .* of ratings/);
    const bad = runNcf(['describe', '--data', 'movielens:/no/such/folder']);
    assert.strictEqual(bad.status, 1);
    assert.match(bad.stderr.trim(), /^ncf: \/no\/such\/folder: MovieLens folder not found$/);
  });
});
