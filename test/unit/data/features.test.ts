import * as assert from 'assert';
import * as path from 'path';
import {
  applyTransform,
  buildColumn,
  encodeMissing,
  encodeRaw,
  FeatureValueError,
} from '../../../src/core/data/featureColumns';
import { inferKind } from '../../../src/core/data/featureFile';
import { titleVocabulary, titleWords } from '../../../src/core/data/features';
import { loadDataset } from '../../../src/core/data/load';
import { Dataset } from '../../../src/core/data/types';
import { poolRows } from '../../../src/core/engine/feed';
import { ML100K_MISSING, ml100kDir, rejectsWithDataError, TempFolders } from './helpers';

const RATINGS = 'user,item,rating\n1,10,4\n2,10,3\n3,20,5\n4,20,1\n';

describe('data: side features', function () {
  const temp = new TempFolders();
  after(() => temp.cleanUp());

  it('standardises a numeric column and encodes a raw value the same way', function () {
    const column = buildColumn('age', ['20', '30', undefined, '40'], { side: 'user', kind: 'numeric' });
    const { mean, sd, missing } = column.encoding;
    assert.strictEqual(mean, 30);
    assert.ok(Math.abs(sd! - Math.sqrt(200 / 3)) < 1e-9);
    assert.strictEqual(missing, 1, 'the id without a value is counted');
    assert.strictEqual(column.values[2], 0, 'a missing value becomes the mean');
    assert.ok(Math.abs(column.values[3] - encodeRaw('age', column.encoding, '40')[0]) < 1e-6);
    assert.throws(() => encodeRaw('age', column.encoding, 'old'), FeatureValueError);
  });

  it('buckets ages, zip codes and years', function () {
    assert.strictEqual(applyTransform('ageGroup', '17'), 'under 18');
    assert.strictEqual(applyTransform('ageGroup', '24'), '18-24');
    assert.strictEqual(applyTransform('ageGroup', '56'), '56+');
    assert.strictEqual(applyTransform('zipRegion', '85711'), '8');
    assert.strictEqual(applyTransform('zipRegion', 'T8H1N'), 'other');
    assert.strictEqual(applyTransform('decade', '1995'), '1990s');
    assert.strictEqual(applyTransform('decade', '1915'), 'before 1920');
    assert.strictEqual(applyTransform('decade', ''), 'unknown');
  });

  it('splits a title into its distinct lower-case words, the year left out', function () {
    assert.deepStrictEqual(titleWords('Shawshank Redemption, The (1994)'), ['shawshank', 'redemption', 'the']);
    assert.deepStrictEqual(titleWords('2001: A Space Odyssey (1968)'), ['2001', 'a', 'space', 'odyssey']);
    assert.deepStrictEqual(titleWords('Fawlty Towers (1975-1979)'), ['fawlty', 'towers']);
    assert.deepStrictEqual(titleWords('Die Hard: With a Vengeance (1995)'), ['die', 'hard', 'with', 'a', 'vengeance']);
  });

  it('keeps every title word of a small catalogue, the most frequent ones of a large one', function () {
    assert.deepStrictEqual(titleVocabulary(['Toy Story (1995)', 'Toy Soldiers (1991)', undefined]), [
      'soldiers',
      'story',
      'toy',
    ]);
    // 40,000 titles: the column's budget keeps the 419 most frequent words, 'common' among them.
    const titles = Array.from({ length: 40_000 }, (_, k) => `Common Word${k} (2000)`);
    const kept = titleVocabulary(titles);
    assert.strictEqual(kept.length, Math.floor((1 << 24) / 40_000));
    assert.ok(kept.includes('common'));
  });

  it('encodes categories and multi-valued features, and pools a row by its count', function () {
    const city = buildColumn('city', ['Oslo', 'Bergen', undefined], {
      side: 'user',
      kind: 'categorical',
      fallback: 'unknown',
    });
    assert.deepStrictEqual(city.encoding.categories, ['Bergen', 'Oslo', 'unknown']);
    assert.deepStrictEqual(Array.from(city.values), [1, 0, 2]);
    assert.deepStrictEqual(encodeMissing(city.encoding), [2]);
    assert.throws(
      () => encodeRaw('city', city.encoding, 'Paris'),
      /not one of its categories \(Bergen, Oslo, unknown\)/,
    );
    const tags = buildColumn('tags', ['a|b', 'c', 'a|b|c|d'], { side: 'item', kind: 'multiHot' });
    assert.strictEqual(tags.encoding.width, 4);
    assert.deepStrictEqual(Array.from(tags.values.slice(0, 4)), [1, 1, 0, 0]);
    const rows = Float32Array.from(tags.values);
    poolRows(rows, 4, 'mean');
    assert.deepStrictEqual(Array.from(rows.slice(8, 12)), [0.25, 0.25, 0.25, 0.25]);
    poolRows(rows, 4, 'sqrtn'); // a pooled row keeps its proportions: 1/4 each → scaled by 1/√1
    const sqrt = Float32Array.from(tags.values);
    poolRows(sqrt, 4, 'sqrtn');
    assert.ok(Math.abs(sqrt[0] - 1 / Math.SQRT2) < 1e-6);
  });

  it('infers a column kind from its values', function () {
    assert.strictEqual(inferKind(['1', '2.5', undefined]), 'numeric');
    assert.strictEqual(inferKind(['1', 'x']), 'categorical');
    assert.strictEqual(inferKind(['a', 'a|b']), 'multiHot');
  });

  it('reads feature files of its own, with missing ids counted and declared kinds', async function () {
    const dir = temp.folder('own', {
      'ratings.csv': RATINGS,
      'users.csv': 'userId,height,city,zone\n1,180,Oslo,1\n2,165,Bergen,2\n3,,Oslo,1\n99,170,Oslo,3\n',
      'items.csv': 'item;tags\n10;drama|war\n20;comedy\n',
    });
    const d: Dataset = await loadDataset(`csv:${path.join(dir, 'ratings.csv')}`, {
      userFeatures: path.join(dir, 'users.csv'),
      itemFeatures: path.join(dir, 'items.csv'),
      featureKinds: { zone: 'categorical' },
    });
    const f = d.features!;
    assert.strictEqual(f.height.encoding.kind, 'numeric');
    assert.strictEqual(f.height.encoding.missing, 2, 'user 3 has no height, user 4 no row');
    assert.strictEqual(f.city.encoding.kind, 'categorical');
    assert.deepStrictEqual(Array.from(f.city.values), [1, 0, 1, 2], 'user 4 takes unknown');
    assert.strictEqual(f.zone.encoding.kind, 'categorical', 'declared, though its values are numbers');
    assert.strictEqual(f.tags.encoding.kind, 'multiHot');
    assert.strictEqual(f.tags.encoding.side, 'item');
    assert.strictEqual(d.vocabulary.city, 3);
    assert.strictEqual(d.vocabulary['#width:tags'], 3);
  });

  it('names the file and line of a bad feature file', async function () {
    const dir = temp.folder('bad', {
      'ratings.csv': RATINGS,
      'noid.csv': 'who,height\n1,180\n',
      'twice.csv': 'id,height\n1,180\n2,170\n1,175\n',
      'short.csv': 'id,height,city\n1,180,Oslo\n2,170\n',
      'nan.csv': 'id,height\n1,180\n2,tall\n',
      'clash.csv': 'id,gender\n1,x\n',
    });
    const ratings = `csv:${path.join(dir, 'ratings.csv')}`;
    const load = (file: string, extra = {}) => loadDataset(ratings, { userFeatures: path.join(dir, file), ...extra });
    await rejectsWithDataError(
      load('noid.csv'),
      /no id column \(looked for id, user, userId, user_id\)/,
      'noid.csv',
      1,
    );
    await rejectsWithDataError(load('twice.csv'), /user '1' is listed twice \(first on line 2\)/, 'twice.csv', 4);
    await rejectsWithDataError(load('short.csv'), /expected 3 columns as in the header, found 2/, 'short.csv', 3);
    await rejectsWithDataError(
      load('nan.csv', { featureKinds: { height: 'numeric' } }),
      /column 'height' is numeric, but 'tall' is not a number/,
      'nan.csv',
      3,
    );
    await rejectsWithDataError(load('twice.csv', { featureKinds: { weight: 'numeric' } }), /twice/);
    await rejectsWithDataError(load('missing.csv'), /file not found/, 'missing.csv');
  });

  describe('MovieLens 100K', function () {
    const dir = ml100kDir();
    let d: Dataset;
    before(async function () {
      if (!dir) {
        console.log(`      skipped: ${ML100K_MISSING}`);
        this.skip();
      }
      d = await loadDataset(`movielens:${dir}`);
    });

    it('has age (numeric and by group), gender, occupation, zip region, genres, year, decade and title words', function () {
      const f = d.features!;
      assert.deepStrictEqual(Object.keys(f).sort(), [
        'age',
        'ageGroup',
        'decade',
        'gender',
        'genres',
        'occupation',
        'titleWords',
        'year',
        'zipRegion',
      ]);
      const user1 = d.userIds.indexOf('1'); // 24, M, technician, 85711
      const cat = (name: string, k: number) => f[name].encoding.categories![f[name].values[k]];
      assert.strictEqual(cat('ageGroup', user1), '18-24');
      assert.strictEqual(cat('gender', user1), 'M');
      assert.strictEqual(cat('occupation', user1), 'technician');
      assert.strictEqual(cat('zipRegion', user1), '8');
      assert.ok(Math.abs(f.age.values[user1] - encodeRaw('age', f.age.encoding, '24')[0]) < 1e-6);
      assert.ok(Math.abs(f.age.encoding.mean! - 34.05) < 0.01, `mean age ${f.age.encoding.mean}`);
      const toyStory = d.itemIds.indexOf('1');
      const genres = f.genres.encoding.categories!.filter((_g, g) => f.genres.values[toyStory * 19 + g] === 1);
      assert.deepStrictEqual(genres, ['Animation', "Children's", 'Comedy']);
      assert.strictEqual(cat('decade', toyStory), '1990s');
      const words = f.titleWords.encoding;
      const flagged = (k: number) =>
        words.categories!.filter((_w, w) => f.titleWords.values[k * words.width + w] === 1);
      assert.deepStrictEqual(flagged(toyStory), ['story', 'toy']);
      const shawshank = d.itemIds.indexOf('64'); // Shawshank Redemption, The (1994)
      assert.deepStrictEqual(flagged(shawshank), ['redemption', 'shawshank', 'the']);
      assert.deepStrictEqual(
        encodeRaw('genres', f.genres.encoding, 'comedy|Animation').filter((x) => x === 1).length,
        2,
        'genre names match whatever their case',
      );
    });
  });
});
