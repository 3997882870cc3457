import * as assert from 'assert';
import * as path from 'path';
import { loadDataset } from '../../../src/core/data/load';
import { rejectsWithDataError, TempFolders, throwsDataError } from './helpers';

/** Each mistake a user's data can hold gives a one-line DataError naming the file and the 1-based line. */
describe('data: errors in the input', function () {
  const temp = new TempFolders();
  after(() => temp.cleanUp());

  const ml100k = (name: string, data: string, extra: Record<string, string> = {}) =>
    temp.folder(name, { 'u.data': data, ...extra });
  const GOOD = '1\t10\t3\t881250949\n2\t20\t4\t881250950\n';

  describe('wrong number of columns', function () {
    it('in u.data', async function () {
      const dir = ml100k('cols-100k', `${GOOD}3\t30\t5\n`);
      await rejectsWithDataError(
        loadDataset(`movielens:${dir}`),
        /expected 4 tab-separated columns \(user item rating timestamp\), found 3/,
        'u.data',
        3,
      );
    });
    it('in ratings.dat', async function () {
      const dir = temp.folder('cols-1m', { 'ratings.dat': '1::10::3::881250949\n2::20::4\n' });
      await rejectsWithDataError(
        loadDataset(`movielens:${dir}`),
        /expected 4 '::'-separated columns/,
        'ratings.dat',
        2,
      );
    });
    it('in u.user and u.item', async function () {
      const users = ml100k('cols-user', GOOD, { 'u.user': '1|24|M|technician|85711\n2|53|F|other\n' });
      await rejectsWithDataError(loadDataset(`movielens:${users}`), /expected 5 '\|'-separated columns/, 'u.user', 2);
      const items = ml100k('cols-item', GOOD, { 'u.item': '10|Film (1995)|01-Jan-1995||url|0|1\n' });
      await rejectsWithDataError(
        loadDataset(`movielens:${items}`),
        /expected 24 '\|'-separated columns.*found 7/,
        'u.item',
        1,
      );
    });
    it('in an ml-latest ratings.csv, against its header', async function () {
      const dir = temp.folder('cols-latest', {
        'ratings.csv': 'userId,movieId,rating,timestamp\n1,2,3.5,4\n\n1,3,4.5\n',
      });
      await rejectsWithDataError(
        loadDataset(`movielens:${dir}`),
        /expected 4 columns as in the header, found 3/,
        'ratings.csv',
        4,
      );
    });
    it('in a CSV file, quoted or not', async function () {
      const dir = temp.folder('cols-csv', {
        'plain.csv': 'user,item,rating\na,b,1\na,c\n',
        'quoted.csv': 'user,item,rating\n"a",b,1\n"a",c,2,9\n',
      });
      await rejectsWithDataError(
        loadDataset(`csv:${path.join(dir, 'plain.csv')}`),
        /expected 3 columns as in the header, found 2/,
        'plain.csv',
        3,
      );
      await rejectsWithDataError(
        loadDataset(`csv:${path.join(dir, 'quoted.csv')}`),
        /expected 3 columns as in the header, found 4/,
        'quoted.csv',
        3,
      );
    });
  });

  describe('a rating that is not a number', function () {
    it('in u.data', async function () {
      const dir = ml100k('nan-100k', `${GOOD}\n3\t30\tfive\t881250951\n`);
      await rejectsWithDataError(loadDataset(`movielens:${dir}`), /rating 'five' is not a number/, 'u.data', 4);
    });
    it('in a CSV file, also when blank', async function () {
      const dir = temp.folder('nan-csv', { 'r.csv': 'user,item,rating\na,b,4\r\na,c, \r\n' });
      await rejectsWithDataError(
        loadDataset(`csv:${path.join(dir, 'r.csv')}`),
        /rating ' ' is not a number/,
        'r.csv',
        3,
      );
    });
  });

  describe('a rating outside the declared range', function () {
    it('1 to 5 for ML-100K', async function () {
      const dir = ml100k('range-100k', `${GOOD}3\t30\t6\t881250951\n`);
      await rejectsWithDataError(
        loadDataset(`movielens:${dir}`),
        /rating 6 is outside the rating range 1 to 5/,
        'u.data',
        3,
      );
    });
    it('1 to 5 for ML-1M', async function () {
      const dir = temp.folder('range-1m', { 'ratings.dat': '1::10::0::881250949\n' });
      await rejectsWithDataError(
        loadDataset(`movielens:${dir}`),
        /rating 0 is outside the rating range 1 to 5/,
        'ratings.dat',
        1,
      );
    });
    it('0.5 to 5 for ml-latest', async function () {
      const dir = temp.folder('range-latest', {
        'ratings.csv': 'userId,movieId,rating,timestamp\n1,2,0.5,4\n1,3,5.5,4\n',
      });
      await rejectsWithDataError(
        loadDataset(`movielens:${dir}`),
        /rating 5\.5 is outside the rating range 0\.5 to 5/,
        'ratings.csv',
        3,
      );
    });
    it('the ratingRange option for CSV', async function () {
      const dir = temp.folder('range-csv', { 'r.csv': 'user,item,rating\na,b,10\na,c,11\n' });
      const file = path.join(dir, 'r.csv');
      await rejectsWithDataError(
        loadDataset(`csv:${file}`, { csv: { ratingRange: [1, 10] } }),
        /rating 11 is outside the rating range 1 to 10/,
        'r.csv',
        3,
      );
      const loose = await loadDataset(`csv:${file}`);
      assert.deepStrictEqual(loose.ratingRange, [10, 11], 'undeclared, the range is what the file holds');
    });
  });

  describe('an empty dataset', function () {
    it('an empty u.data', async function () {
      await rejectsWithDataError(
        loadDataset(`movielens:${ml100k('empty-100k', '')}`),
        /no rating rows found/,
        'u.data',
        1,
      );
      await rejectsWithDataError(
        loadDataset(`movielens:${ml100k('blank-100k', '\n  \n')}`),
        /no rating rows found/,
        'u.data',
        3,
      );
    });
    it('a CSV file with a header and no rows', async function () {
      const dir = temp.folder('empty-csv', {
        'r.csv': 'user,item,rating\n',
        'ratings.csv': 'userId,movieId,rating,timestamp\n',
      });
      await rejectsWithDataError(loadDataset(`csv:${path.join(dir, 'r.csv')}`), /no rating rows found/, 'r.csv', 2);
      await rejectsWithDataError(loadDataset(`movielens:${dir}`), /no rating rows found/, 'ratings.csv', 2);
    });
  });

  describe('other mistakes', function () {
    it('bad side-file values', async function () {
      const gender = ml100k('gender', GOOD, { 'u.user': '1|24|X|technician|85711\n' });
      await rejectsWithDataError(loadDataset(`movielens:${gender}`), /gender 'X' is neither M nor F/, 'u.user', 1);
      const age = ml100k('age', GOOD, { 'u.user': '1|old|M|technician|85711\n' });
      await rejectsWithDataError(loadDataset(`movielens:${age}`), /age 'old' is not a number/, 'u.user', 1);
      const flag = ml100k('flag', GOOD, { 'u.item': `10|Film (1995)|01-Jan-1995||url|${'0|'.repeat(18)}2\n` });
      await rejectsWithDataError(loadDataset(`movielens:${flag}`), /genre flag 19 is '2', not 0 or 1/, 'u.item', 1);
      const occupation = temp.folder('occupation-1m', {
        'ratings.dat': '1::10::3::1\n',
        'users.dat': '1::F::25::x::55117\n',
      });
      await rejectsWithDataError(
        loadDataset(`movielens:${occupation}`),
        /occupation 'x' is not a code 0 to 20/,
        'users.dat',
        1,
      );
    });
    it('a fold line that is not a rating of u.data, when the fold is used', async function () {
      const dir = ml100k('fold', GOOD, {
        'u1.base': '1\t10\t3\t881250949\n',
        'u1.test': '2\t20\t4\t881250950\n2\t10\t1\t881250950\n',
      });
      const d = await loadDataset(`movielens:${dir}`);
      assert.deepStrictEqual(Object.keys(d.folds!), ['u1']);
      throwsDataError(() => d.folds!.u1, /user 2 rating item 10 is not a rating in u\.data/, 'u1.test', 2);
    });
    it('malformed quoting in a CSV file', async function () {
      const dir = temp.folder('quote', { 'r.csv': 'user,item,rating\n"a,b,1\n' });
      await rejectsWithDataError(
        loadDataset(`csv:${path.join(dir, 'r.csv')}`),
        /malformed CSV: .*[Qq]uote/,
        'r.csv',
        2,
      );
    });
    it('a missing file and an unknown source', async function () {
      await rejectsWithDataError(
        loadDataset(`csv:${temp.folder('none', {})}/nothing.csv`),
        /file not found/,
        'nothing.csv',
      );
      await rejectsWithDataError(
        loadDataset('ml100k'),
        /unknown data source 'ml100k': use synthetic, synthetic:SEED, .*movielens:DIR, csv:FILE/,
      );
      await rejectsWithDataError(loadDataset('csv:'), /names no path/);
      await rejectsWithDataError(loadDataset('synthetic:abc'), /seed after 'synthetic:' must be a whole number/);
    });
  });
});
