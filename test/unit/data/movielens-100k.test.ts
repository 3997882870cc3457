import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { GENRES } from '../../../src/core/data/genres';
import { loadDataset } from '../../../src/core/data/load';
import { Dataset } from '../../../src/core/data/types';
import { ML100K_MISSING, ml100kDir } from './helpers';

/** Lines of a MovieLens file split on its separator, read here independently of the loader. */
function rows(dir: string, file: string, separator: string): string[][] {
  return readFileSync(path.join(dir, file), 'latin1')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(separator));
}

function meanAndSd(values: ArrayLike<number>): [number, number] {
  const list = Array.from(values);
  const mean = list.reduce((a, b) => a + b, 0) / list.length;
  return [mean, Math.sqrt(list.reduce((a, b) => a + (b - mean) ** 2, 0) / list.length)];
}

describe('data: MovieLens 100K', function () {
  const dir = ml100kDir();
  let dataset: Dataset;

  before(async function () {
    if (!dir) {
      console.log(`      skipped: ${ML100K_MISSING}`);
      this.skip();
    }
    dataset = await loadDataset(`movielens:${dir}`);
  });

  it('has the published sizes and scale', function () {
    assert.strictEqual(dataset.name, 'MovieLens 100K');
    assert.strictEqual(dataset.ratings.length, 100_000);
    assert.strictEqual(dataset.users.length, 100_000);
    assert.strictEqual(dataset.items.length, 100_000);
    assert.strictEqual(dataset.userIds.length, 943);
    assert.strictEqual(dataset.itemIds.length, 1682);
    assert.deepStrictEqual(dataset.ratingRange, [1, 5]);
    assert.deepStrictEqual(dataset.vocabulary, {
      user: 943,
      item: 1682,
      gender: 2,
      occupation: 21,
      '#features': 1,
      '#width:age': 1,
      '#width:genres': 19,
      '#width:year': 1,
      ageGroup: 7,
      zipRegion: 11,
      decade: 13,
      '#width:titleWords': 2392,
    });
  });

  it('encodes ids in order of first appearance and keeps the raw ids', function () {
    const lines = rows(dir!, 'u.data', '\t');
    assert.strictEqual(dataset.userIds[0], lines[0][0]);
    assert.strictEqual(dataset.itemIds[0], lines[0][1]);
    const seen = new Set<string>();
    let next = 0;
    for (let r = 0; r < lines.length; r++) {
      const [user, item, rating] = lines[r];
      assert.strictEqual(dataset.userIds[dataset.users[r]], user);
      assert.strictEqual(dataset.itemIds[dataset.items[r]], item);
      assert.strictEqual(dataset.ratings[r], Number(rating));
      if (!seen.has(user)) {
        seen.add(user);
        assert.strictEqual(dataset.users[r], next++, `user ${user} is new at row ${r}`);
      }
    }
  });

  it('reads the user features: standardised age, two genders, 21 occupations in u.occupation order', function () {
    const f = dataset.userFeatures!;
    const users = new Map(rows(dir!, 'u.user', '|').map((fields) => [fields[0], fields]));
    const ages = dataset.userIds.map((id) => Number(users.get(id)![1]));
    const [mean, sd] = meanAndSd(ages);
    const occupations = rows(dir!, 'u.occupation', '|').map((fields) => fields[0]);
    dataset.userIds.forEach((id, u) => {
      const [, , gender, occupation] = users.get(id)!;
      assert.ok(Math.abs(f.age[u] - (ages[u] - mean) / sd) < 1e-4, `age of user ${id}`);
      assert.strictEqual(f.gender[u], gender === 'F' ? 1 : 0);
      assert.strictEqual(occupations[f.occupation[u]], occupation);
    });
    assert.strictEqual(f.gender.filter((g) => g === 1).length, 273);
  });

  it('reads the item features: 19-wide genres in u.item order and the standardised year', function () {
    const f = dataset.itemFeatures!;
    assert.strictEqual(f.genres.length, 1682 * 19);
    assert.strictEqual(GENRES.length, 19);
    const items = new Map(rows(dir!, 'u.item', '|').map((fields) => [fields[0], fields]));
    const years = dataset.itemIds.map((id) => Number(/(\d{4})$/.exec(items.get(id)![2])?.[1] ?? NaN));
    const [mean, sd] = meanAndSd(years.filter((y) => !Number.isNaN(y)));
    dataset.itemIds.forEach((id, i) => {
      const flags = items.get(id)!.slice(5).map(Number);
      assert.deepStrictEqual(Array.from(f.genres.subarray(i * 19, (i + 1) * 19)), flags, `genres of item ${id}`);
      const expected = Number.isNaN(years[i]) ? 0 : (years[i] - mean) / sd;
      assert.ok(Math.abs(f.year[i] - expected) < 1e-4, `year of item ${id}`);
    });
    const toyStory = dataset.itemIds.indexOf('1');
    const named = GENRES.filter((_, g) => f.genres[toyStory * 19 + g] === 1);
    assert.deepStrictEqual(named, ['Animation', "Children's", 'Comedy']);
  });

  it('exposes the official folds with their published sizes', function () {
    assert.deepStrictEqual(Object.keys(dataset.folds!), ['u1', 'u2', 'u3', 'u4', 'u5', 'ua', 'ub']);
    for (const name of ['u1', 'u2', 'u3', 'u4', 'u5']) {
      assert.strictEqual(dataset.folds![name].train.length, 80_000, name);
      assert.strictEqual(dataset.folds![name].test.length, 20_000, name);
    }
    for (const name of ['ua', 'ub']) {
      assert.strictEqual(dataset.folds![name].train.length, 90_570, name);
      assert.strictEqual(dataset.folds![name].test.length, 9_430, name);
    }
  });

  it('matches each fold line to its row of u.data', function () {
    const lines = rows(dir!, 'u3.test', '\t');
    const test = dataset.folds!.u3.test;
    lines.forEach(([user, item, rating], k) => {
      const row = test[k];
      assert.strictEqual(dataset.userIds[dataset.users[row]], user);
      assert.strictEqual(dataset.itemIds[dataset.items[row]], item);
      assert.strictEqual(dataset.ratings[row], Number(rating));
    });
  });

  it('has folds whose train and test are disjoint and complete, and u1…u5 test (almost) every rating once', function () {
    const testedBy = new Int32Array(100_000);
    for (const name of Object.keys(dataset.folds!)) {
      const { train, test } = dataset.folds![name];
      const side = new Int8Array(100_000);
      for (const r of train) side[r] += 1;
      for (const r of test) side[r] += 2;
      assert.ok(
        side.every((s) => s === 1 || s === 2),
        `${name}: every row in exactly one side`,
      );
      if (name.startsWith('u') && /\d/.test(name)) for (const r of test) testedBy[r]++;
    }
    // The distributed files are not quite a partition: user 916's rating of item 1428 is in both u4.test
    // and u5.test, and the same user's rating of item 1682 is in no test file (checked with cut/sort/comm).
    const once = testedBy.filter((n) => n === 1).length;
    assert.ok(once >= 99_990, `${once} of 100,000 ratings are tested by exactly one of u1…u5`);
    const perUser = new Int32Array(943);
    for (const r of dataset.folds!.ua.test) perUser[dataset.users[r]]++;
    assert.ok(
      perUser.every((n) => n === 10),
      'ua holds out exactly ten ratings per user',
    );
  });
});
