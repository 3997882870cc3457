import * as assert from 'assert';
import * as path from 'path';
import { loadDataset } from '../../../src/core/data/load';
import { makeSplits } from '../../../src/core/data/split';
import { rejectsWithDataError, TempFolders, throwsDataError } from './helpers';

/** Files that are damaged, not text, or not what they claim: one readable line with file and line. */
describe('data: damaged and foreign files', function () {
  const temp = new TempFolders();
  after(() => temp.cleanUp());
  const csv = (name: string, content: string | Buffer) =>
    `csv:${path.join(temp.folder(name, { 'r.csv': content }), 'r.csv')}`;

  it('a stray quote inside a field is malformed CSV at its line, whatever code csv-parse gives it', async function () {
    await rejectsWithDataError(
      loadDataset(csv('quote', 'user,item,rating\n1,2,3\n7,8",3\n')),
      /malformed CSV: Invalid Opening Quote/,
      'r.csv',
      3,
    );
    await rejectsWithDataError(
      loadDataset(csv('unclosed', 'user,item,rating\n1,2,3\n"7,8,3\n')),
      /malformed CSV: Quote Not Closed/,
      'r.csv',
    );
  });

  it('UTF-16, with or without a byte-order mark, is named as such', async function () {
    const text = 'user,item,rating\n1,2,3\n';
    await rejectsWithDataError(
      loadDataset(csv('utf16bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))),
      /is UTF-16 text; save it as UTF-8/,
      'r.csv',
    );
    await rejectsWithDataError(loadDataset(csv('utf16', Buffer.from(text, 'utf16le'))), /is UTF-16 text/, 'r.csv');
    const ml = temp.folder('utf16-ml', { 'u.data': Buffer.from('1\t2\t3\t4\n', 'utf16le') });
    await rejectsWithDataError(loadDataset(`movielens:${ml}`), /is UTF-16 text/, 'u.data');
  });

  it('a binary file is one line naming where its first zero byte is, never its bytes', async function () {
    const bytes = Buffer.concat([
      Buffer.from('user,item,rating\n1,2,3\n'),
      Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0x00, 0x07, 0xff]),
    ]);
    const error = await rejectsWithDataError(
      loadDataset(csv('binary', bytes)),
      /holds a zero byte: this is a binary file, not text/,
      'r.csv',
      3,
    );
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    assert.doesNotMatch(error.message, /[\u0000-\u001f]/);
  });

  it('control characters in a field are escaped in the message', async function () {
    const error = await rejectsWithDataError(
      loadDataset(csv('escape', 'user,item,rating\n1,2,\u001b[2J\u0007\n')),
      /rating '\\u001b\[2J\\u0007' is not a number/,
      'r.csv',
      2,
    );
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    assert.doesNotMatch(error.message, /[\u0000-\u001f]/);
  });

  it('a negative rating and an empty id in a CSV without a declared scale', async function () {
    await rejectsWithDataError(
      loadDataset(csv('negative', 'user,item,rating\n1,2,3\n1,3,-1\n')),
      /rating -1 is negative/,
      'r.csv',
      3,
    );
    await rejectsWithDataError(
      loadDataset(csv('no-user', 'user,item,rating\n1,2,3\n ,3,4\n')),
      /the user id is empty/,
      'r.csv',
      3,
    );
    await rejectsWithDataError(
      loadDataset(csv('no-item', 'user,item,rating\n1,2,3\n2,,4\n')),
      /the item id is empty/,
      'r.csv',
      3,
    );
  });

  it('a CSV without a declared scale says its scale was found, not declared; MovieLens declares one', async function () {
    const found = await loadDataset(csv('scale', 'user,item,rating\n1,2,3\n1,3,0.5\n2,2,10\n'));
    assert.deepStrictEqual(found.ratingRange, [0.5, 10]);
    assert.strictEqual(found.ratingRangeObserved, true);
    const ml = await loadDataset(`movielens:${temp.folder('declared', { 'u.data': '1\t2\t3\t4\n2\t2\t4\t4\n' })}`);
    assert.strictEqual(ml.ratingRangeObserved, undefined);
  });

  it('a fold named twice is an error', async function () {
    const line = (u: number, i: number) => `${u}\t${i}\t3\t881250949`;
    const rows = [line(1, 1), line(1, 2), line(2, 1), line(2, 2)];
    const dir = temp.folder('folds', {
      'u.data': rows.join('\n'),
      'u1.base': rows.slice(0, 3).join('\n'),
      'u1.test': rows[3],
      'u2.base': rows.slice(1).join('\n'),
      'u2.test': rows[0],
    });
    const dataset = await loadDataset(`movielens:${dir}`);
    throwsDataError(() => makeSplits(dataset, 'fold:u1,u1', 1), /bad split 'fold:u1,u1': fold 'u1' is named twice/);
    assert.deepStrictEqual(
      makeSplits(dataset, 'fold:u1,u2', 1).map((s) => s.name),
      ['u1', 'u2'],
    );
  });
});
