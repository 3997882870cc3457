import * as assert from 'assert';
import * as path from 'path';
import { loadDataset } from '../../../src/core/data/load';
import { rejectsWithDataError, TempFolders } from './helpers';

describe('data: generic ratings CSV', function () {
  const temp = new TempFolders();
  after(() => temp.cleanUp());

  it('finds the default column names, whatever their order, and encodes ids by first appearance', async function () {
    const dir = temp.folder('defaults', { 'r.csv': 'timestamp,rating,item_id,user_id\n1,4,b,x\n2,2,a,y\n3,5,a,x\n' });
    const d = await loadDataset('csv:r.csv', { baseDir: dir });
    assert.strictEqual(d.name, 'r.csv');
    assert.deepStrictEqual(d.userIds, ['x', 'y']);
    assert.deepStrictEqual(d.itemIds, ['b', 'a']);
    assert.deepStrictEqual(Array.from(d.users), [0, 1, 0]);
    assert.deepStrictEqual(Array.from(d.items), [0, 1, 1]);
    assert.deepStrictEqual(Array.from(d.ratings), [4, 2, 5]);
    assert.deepStrictEqual(d.ratingRange, [2, 5], 'without a declared scale, the one seen');
    assert.deepStrictEqual(d.vocabulary, { user: 2, item: 2, '#features': 1 }, 'ids only, and no features');
    assert.deepStrictEqual(Array.from(d.timestamps ?? []), [1, 2, 3], 'the timestamp column, for leave-one-out');
  });

  it('reads no times without a timestamp or time column, and names a bad timestamp by file and line', async function () {
    const dir = temp.folder('times', {
      'plain.csv': 'user,item,rating\nx,a,4\n',
      'time.csv': 'user,item,rating,Time\nx,a,4,17\n',
      'bad.csv': 'user,item,rating,timestamp\nx,a,4,17\ny,b,3,yesterday\n',
    });
    assert.strictEqual((await loadDataset(`csv:${path.join(dir, 'plain.csv')}`)).timestamps, undefined);
    assert.deepStrictEqual(Array.from((await loadDataset(`csv:${path.join(dir, 'time.csv')}`)).timestamps!), [17]);
    await rejectsWithDataError(
      loadDataset(`csv:${path.join(dir, 'bad.csv')}`),
      /timestamp 'yesterday' is not a number/,
      'bad.csv',
      3,
    );
  });

  it('follows a column mapping, a guessed delimiter and a declared scale', async function () {
    const dir = temp.folder('mapped', { 'stars.csv': 'who;what;stars\nann;book 1;9\nbob;book 2;1\n' });
    const d = await loadDataset(`csv:${path.join(dir, 'stars.csv')}`, {
      csv: { user: 'who', item: 'what', rating: 'stars', ratingRange: [1, 10] },
    });
    assert.deepStrictEqual(d.userIds, ['ann', 'bob']);
    assert.deepStrictEqual(d.itemIds, ['book 1', 'book 2']);
    assert.deepStrictEqual(Array.from(d.ratings), [9, 1]);
    assert.deepStrictEqual(d.ratingRange, [1, 10]);
  });

  it('reads quoted fields through csv-parse and a tab delimiter when told', async function () {
    const dir = temp.folder('quoted', {
      'q.csv': 'user,item,rating\n"Smith, Ann","The ""Best"" Film",4\n\n"Lee, Bo",plain,3\n',
      't.tsv': 'user\titem\trating\nu1\ti,1\t2\n',
    });
    const q = await loadDataset(`csv:${path.join(dir, 'q.csv')}`);
    assert.deepStrictEqual(q.userIds, ['Smith, Ann', 'Lee, Bo']);
    assert.deepStrictEqual(q.itemIds, ['The "Best" Film', 'plain']);
    const t = await loadDataset(`csv:${path.join(dir, 't.tsv')}`, { csv: { delimiter: '\t' } });
    assert.deepStrictEqual(t.itemIds, ['i,1']);
  });

  it('names the missing column and the header it has', async function () {
    const dir = temp.folder('nocol', { 'r.csv': 'person,thing,score\n1,2,3\n' });
    await rejectsWithDataError(
      loadDataset(`csv:${path.join(dir, 'r.csv')}`),
      /no user column \(looked for user, userId, user_id\); the header has person, thing, score/,
      'r.csv',
      1,
    );
    await rejectsWithDataError(
      loadDataset(`csv:${path.join(dir, 'r.csv')}`, { csv: { user: 'person', item: 'thing', rating: 'stars' } }),
      /no column 'stars' \(the rating column chosen\)/,
      'r.csv',
      1,
    );
  });

  it('rejects a scale that is no range', async function () {
    const dir = temp.folder('range', { 'r.csv': 'user,item,rating\n1,2,3\n' });
    await rejectsWithDataError(
      loadDataset(`csv:${path.join(dir, 'r.csv')}`, { csv: { ratingRange: [5, 1] } }),
      /ratingRange must be \[low, high\]/,
    );
  });
});
