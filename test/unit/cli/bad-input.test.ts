import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runNcf as ncf } from '../../helpers/ncf';

/** Other suites import the runner from here (it is the helper's). */
export { ncf };

describe('CLI: bad input gets one line, a non-zero exit, no stack trace, nothing half-written', function () {
  let dir: string;
  let out: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ncf-bad-'));
    out = join(dir, 'out');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const expectOneLine = (args: string[], pattern: RegExp) => {
    const r = ncf([...args, '--out', out]);
    assert.notEqual(r.status, 0, 'non-zero exit');
    // Progress lines may come first; the error itself is one line.
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('ncf:'));
    assert.equal(lines.length, 1, `one error line on stderr, got:\n${r.stderr}`);
    assert.match(lines[0], pattern);
    assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
    assert.equal(existsSync(out), false, '--out was not written');
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('partial')),
      [],
      'no staging folder left',
    );
  };
  const spec = (nodes: object[]) => JSON.stringify({ version: 1, name: 'bad', nodes }, null, 2);
  const PQ = [
    { id: 'user', op: 'input', field: 'user' },
    { id: 'item', op: 'input', field: 'item' },
    { id: 'p', op: 'embedding', dim: 8, inputs: ['user'] },
    { id: 'q', op: 'embedding', dim: 4, inputs: ['item'] },
  ];

  it('malformed JSON: file and line', () => {
    expectOneLine(
      ['train', '--spec', write('a.ncf.json', '{\n "version": 1,\n "name": "x",,\n}')],
      /a\.ncf\.json:3: malformed JSON/,
    );
  });
  it('an unknown op: node and field', () => {
    expectOneLine(
      [
        'train',
        '--spec',
        write(
          'b.ncf.json',
          spec([...PQ, { id: 'z', op: 'attention', inputs: ['p'] }, { id: 'o', op: 'output', inputs: ['z'] }]),
        ),
      ],
      /b\.ncf\.json:\d+: node 'z', field 'op': unknown op "attention"/,
    );
  });
  it('a missing input', () => {
    expectOneLine(
      [
        'train',
        '--spec',
        write(
          'c.ncf.json',
          spec([...PQ, { id: 'd', op: 'dot', inputs: ['p', 'r'] }, { id: 'o', op: 'output', inputs: ['d'] }]),
        ),
      ],
      /c\.ncf\.json:\d+: node 'd', field 'inputs': input 'r' is not a node/,
    );
  });
  it('a shape mismatch', () => {
    expectOneLine(
      [
        'train',
        '--spec',
        write(
          'd.ncf.json',
          spec([...PQ, { id: 'd', op: 'dot', inputs: ['p', 'q'] }, { id: 'o', op: 'output', inputs: ['d'] }]),
        ),
      ],
      /node 'd', field 'inputs': Dot needs equal widths: p is 8, q is 4/,
    );
  });
  it('an empty dataset', () => {
    expectOneLine(['train', '--data', `csv:${write('empty.csv', 'user,item,rating\n')}`], /empty\.csv.*no rating/i);
  });
  it('a CSV line with the wrong number of columns: file and line', () => {
    expectOneLine(['train', '--data', `csv:${write('cols.csv', 'user,item,rating\n1,2,3\n1,2\n')}`], /cols\.csv:3: /);
  });
  it('a non-numeric rating: file and line', () => {
    expectOneLine(
      ['train', '--data', `csv:${write('nan.csv', 'user,item,rating\n1,2,3\n2,3,good\n')}`],
      /nan\.csv:3: .*rating/i,
    );
  });
  it('a folder that is not MovieLens', () => {
    mkdirSync(join(dir, 'notml'));
    writeFileSync(join(dir, 'notml', 'readme.txt'), 'hello');
    expectOneLine(['train', '--data', `movielens:${join(dir, 'notml')}`], /notml.*(not a MovieLens|MovieLens)/);
  });
  it('a rating outside the declared range (MovieLens 100K declares 1–5)', () => {
    mkdirSync(join(dir, 'ml'));
    writeFileSync(join(dir, 'ml', 'u.data'), '1\t1\t5\t881250949\n1\t2\t3\t881250949\n2\t1\t7\t881250949\n');
    expectOneLine(['train', '--data', `movielens:${join(dir, 'ml')}`], /u\.data:3: .*7.*(range|outside|1.*5)/i);
  });
  it('a diverging loss: the epoch, and a lower learning rate suggested', () => {
    expectOneLine(
      ['train', '--preset', 'ncf', '--optimizer', 'sgd', '--lr', '1e9', '--epochs', '2', '--engine', 'layers'],
      /diverged in epoch 1.*lower learning rate/,
    );
  });
  it('an unknown preset and a bad flag value', () => {
    expectOneLine(['train', '--preset', 'transformer'], /unknown preset 'transformer'; presets: mf, mf-bias/);
    const r = ncf(['train', '--epochs', 'many']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /--epochs must be a positive whole number/);
  });
});
