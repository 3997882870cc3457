/** Data the CLI must refuse: one line naming file and line, nothing of the user's touched. */
import { strict as assert } from 'node:assert';
import { gzipSync } from 'node:zlib';
import {
  assertNoCrash,
  assertRefusedUpFront,
  builtCli,
  LIMIT_MS,
  movieLensFolder,
  ratingsCsv,
  runCli,
  Workspace,
} from './harness';

describe('hostile: damaged and foreign data', function () {
  let ws: Workspace;
  before(builtCli);
  beforeEach(() => (ws = new Workspace()));
  afterEach(() => ws.remove());

  const trainOn = (data: string, ...extra: string[]) =>
    runCli(['train', '--preset', 'mf', '--data', data, '--epochs', '1', '--out', 'run', ...extra], {
      cwd: ws.dir,
      limitMs: LIMIT_MS,
    });
  const refusedCsv = async (content: string | Buffer, where: RegExp) => {
    ws.write('r.csv', content);
    const before = ws.snapshot();
    const line = assertRefusedUpFront(await trainOn('csv:r.csv'), where);
    ws.assertUntouched(before);
    return line;
  };
  const good = ratingsCsv(3);

  const cases: [string, () => string | Buffer, RegExp][] = [
    [
      'a stray quote inside a field (7,8",3)',
      () => `${good}7,8",3\n`,
      /r\.csv:602: malformed CSV: Invalid Opening Quote/,
    ],
    ['a quote never closed', () => `${good}"7,8,3\n1,2,3\n`, /r\.csv:\d+: malformed CSV: Quote Not Closed/],
    [
      'UTF-16 with a byte-order mark',
      () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]),
      /r\.csv: is UTF-16 text; save it as UTF-8/,
    ],
    ['UTF-16 big-endian without a mark', () => Buffer.from(good, 'utf16le').swap16(), /r\.csv: is UTF-16 text/],
    [
      'a binary file (a gzip of the ratings)',
      () => gzipSync(good),
      /r\.csv:\d+: holds a zero byte: this is a binary file, not text/,
    ],
    [
      'terminal escape codes in a rating',
      () => `${good}1,2,\u001b[31mred\u0007\n`,
      /r\.csv:602: rating '\\u001b\[31mred\\u0007' is not a number/,
    ],
    ['a negative rating', () => `${good}1,2,-3\n`, /r\.csv:602: rating -3 is negative/],
    ['an empty user id', () => `${good},2,3\n`, /r\.csv:602: the user id is empty/],
    ['an empty item id', () => `${good}5,  ,3\n`, /r\.csv:602: the item id is empty/],
    ['a non-numeric rating', () => `${good}1,2,good\n`, /r\.csv:602: rating 'good' is not a number/],
    ['a row with too few columns', () => `${good}1,2\n`, /r\.csv:602: expected 3 columns/],
    ['a header without a rating column', () => 'user,item,score\n1,2,3\n', /r\.csv:1: no rating column/],
    ['only a header', () => 'user,item,rating\n', /r\.csv:2: no rating rows found/],
    ['an empty file', () => '', /r\.csv:\d+: .*(no rating|no user column)/],
  ];
  for (const [what, content, where] of cases) it(`CSV: ${what}`, () => refusedCsv(content(), where));

  it('a CSV with a UTF-8 byte-order mark trains', async () => {
    ws.write('r.csv', `\ufeff${good}`);
    const r = await trainOn('csv:r.csv');
    assertNoCrash(r);
    assert.equal(r.status, 0, r.stderr);
  });

  it('a CSV without a declared scale: the data summary prints the scale found', async () => {
    ws.write('r.csv', good.replace(/,5\n/, ',10\n'));
    const r = await trainOn('csv:r.csv');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /ratings from 1 to 10 \(the scale found: the file declares none\)/);
  });

  it('MovieLens: a rating outside its declared scale 1–5, with file and line', async () => {
    const dir = movieLensFolder(ws, 'ml', 4);
    ws.write('ml/u.data', '1\t1\t5\t881250949\n1\t2\t3\t881250949\n2\t1\t7\t881250949\n');
    const before = ws.snapshot();
    assertRefusedUpFront(await trainOn(`movielens:${dir}`), /u\.data:3: rating 7 is outside the rating range 1 to 5/);
    ws.assertUntouched(before);
  });

  it('MovieLens: u.data in UTF-16', async () => {
    const dir = movieLensFolder(ws, 'ml', 4);
    ws.write('ml/u.data', Buffer.from('1\t1\t5\t881250949\n', 'utf16le'));
    assertRefusedUpFront(await trainOn(`movielens:${dir}`), /u\.data: is UTF-16 text/);
  });

  it('--split fold:u1,u1 names the fold given twice', async () => {
    const dir = movieLensFolder(ws, 'ml', 5);
    const before = ws.snapshot();
    assertRefusedUpFront(
      await trainOn(`movielens:${dir}`, '--split', 'fold:u1,u1'),
      /bad split 'fold:u1,u1': fold 'u1' is named twice/,
    );
    ws.assertUntouched(before);
  });

  it('a folder that is not MovieLens', async () => {
    ws.write('notml/readme.txt', 'hello');
    assertRefusedUpFront(await trainOn('movielens:notml'), /notml.*MovieLens/);
  });
});
