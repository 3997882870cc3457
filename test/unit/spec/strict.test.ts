/**
 * The spec is read strictly and in time linear in its size: misspelt fields, cycles, deep nesting,
 * byte-order marks, UTF-16 and impossible sizes each get one line naming where, never a crash.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presetSpec } from '../../../src/core/presets';
import { checkSpec, checkSpecText, decodeSpecBytes, formatIssue, SpecFileError } from '../../../src/core/spec';
import { ncf } from '../cli/bad-input.test';
import { specWith, USER_ITEM } from '../../helpers/specs';
import { memoryLimit } from '../../../src/core/spec/sizes';

const neumf = () => JSON.parse(JSON.stringify(presetSpec('neumf')));
const lines = (raw: unknown) => checkSpec(raw).issues.map((i) => formatIssue(i));

/** user → p → k dropouts at rate 0 → a dense layer → the output. */
function chain(k: number) {
  const nodes: Record<string, unknown>[] = [...USER_ITEM, { id: 'p', op: 'embedding', dim: 2, inputs: ['user'] }];
  for (let i = 0; i < k; i++)
    nodes.push({ id: `d${i}`, op: 'dropout', rate: 0, inputs: [i === 0 ? 'p' : `d${i - 1}`] });
  nodes.push({ id: 'h', op: 'dense', units: 1, inputs: [`d${k - 1}`] }, { id: 'o', op: 'output', inputs: ['h'] });
  return specWith(nodes as never);
}

describe('spec: strict, linear, sized', () => {
  it('a misspelt field is an error naming node and field, with the field meant', () => {
    const spec = neumf();
    spec.nodes.find((n: { id: string }) => n.id === 'psi').activaton = 'tanh';
    assert.deepEqual(lines(spec), [
      `node 'psi', field 'activaton': unknown field "activaton"; did you mean "activation"?`,
    ]);
  });

  it('a field an op does not have is an error that lists the fields it has', () => {
    const spec = neumf();
    spec.nodes.find((n: { op: string }) => n.op === 'output').width = 8;
    assert.deepEqual(lines(spec), [
      `node 'rating', field 'width': unknown field "width"; Output (rating) has: id, label, op, globalMean, inputs`,
    ]);
  });

  it('misspelt training settings and top-level fields too', () => {
    const spec = neumf();
    spec.training.bachSize = 64;
    spec.formla = 'x';
    assert.deepEqual(lines(spec).sort(), [
      `field 'formla': unknown field "formla"; did you mean "formula"?`,
      `field 'training.bachSize': unknown field "bachSize"; did you mean "batchSize"?`,
    ]);
  });

  it('the line of an unknown field in the file is its own', () => {
    const text = JSON.stringify(neumf(), null, 2).replace('"units": [', '"unts": 3,\n      "units": [');
    const issue = checkSpecText(text).issues[0];
    assert.equal(issue.line, text.split('\n').findIndex((l) => l.includes('"unts"')) + 1);
  });

  it('a cycle is one line naming the nodes on it, not those below it', () => {
    const nodes = [
      ...USER_ITEM,
      { id: 'p', op: 'embedding', dim: 2, inputs: ['user'] },
      { id: 'x', op: 'add', inputs: ['p', 'z'] },
      { id: 'y', op: 'add', inputs: ['x', 'p'] },
      { id: 'z', op: 'add', inputs: ['y', 'p'] },
      { id: 'h', op: 'dense', units: 1, inputs: ['z'] },
      { id: 'o', op: 'output', inputs: ['h'] },
    ];
    const found = lines(specWith(nodes));
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /a cycle: '([xyz])' → '[xyz]' → '[xyz]' → '\1'/);
    assert.doesNotMatch(found[0], /'h'|'o'/);
  });

  it('a 5,000-node chain validates, and a 93,000-node spec validates (time printed)', () => {
    const long = checkSpec(chain(5000));
    assert.ok(long.ok, long.ok ? '' : long.issues[0].message);
    const started = performance.now();
    const huge = checkSpec(chain(93_000));
    const seconds = (performance.now() - started) / 1000;
    assert.ok(huge.ok);
    assert.equal(huge.checked.order.length, 93_000 + 5);
    console.log(`      93,000-node spec validated in ${seconds.toFixed(2)} s`);
  });

  it('JSON nested very deep is one line, not a stack overflow', () => {
    const text = `{"version": 1, "name": "deep", "nodes": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const r = checkSpecText(text);
    assert.equal(r.ok, false);
    assert.deepEqual(
      r.issues.map((i) => formatIssue(i, 'deep.ncf.json')),
      ['deep.ncf.json:1: malformed JSON: nested more than 256 levels deep'],
    );
  });

  it('a UTF-8 byte-order mark is read; UTF-16 is named as such', () => {
    const text = JSON.stringify(neumf(), null, 2);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    assert.ok(checkSpecText(decodeSpecBytes(withBom)).ok);
    for (const bytes of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      Buffer.from(text, 'utf16le'),
    ]) {
      assert.throws(
        () => decodeSpecBytes(bytes, 'x.ncf.json'),
        (e: unknown) =>
          e instanceof SpecFileError && e.message === 'x.ncf.json:1: the file is UTF-16 text; save it as UTF-8',
      );
    }
  });

  it('sizes are checked up front: a table, a tower and a batch too big for memory name their node and field', () => {
    const table = neumf();
    for (const n of table.nodes) if (n.id === 'p' || n.id === 'q') n.dim = 1e9;
    const tableIssue = checkSpec(table).issues;
    assert.equal(tableIssue.length, 1);
    assert.equal(
      formatIssue(tableIssue[0]),
      `node 'q', field 'dim': 1,000,000,000 × 1,682 = 1,682,000,000,000 parameters need 26.9 TB with their gradients and adam's state, more than ${memoryLimit().text}`,
    );
    const tower = neumf();
    tower.nodes.find((n: { id: string }) => n.id === 'psi').units = [1e8, 16];
    assert.deepEqual(
      checkSpec(tower).issues.map((i) => [i.nodeId, i.field]),
      [['psi', 'units']],
    );
    const batch = neumf();
    batch.training.batchSize = 1e9;
    assert.deepEqual(
      checkSpec(batch).issues.map((i) => [i.nodeId, i.field]),
      [[undefined, 'training.batchSize']],
    );
  });

  it('ncf validate does not say "ok" for a model too big to train, and train refuses it before training', function () {
    this.timeout(300_000);
    const dir = mkdtempSync(join(tmpdir(), 'ncf-sizes-'));
    try {
      const spec = neumf();
      spec.nodes.find((n: { id: string }) => n.id === 'p').dim = 1e9;
      spec.nodes.find((n: { id: string }) => n.id === 'q').dim = 1e9;
      const file = join(dir, 'big.ncf.json');
      writeFileSync(file, JSON.stringify(spec, null, 2));
      const v = ncf(['validate', file]);
      assert.equal(v.status, 1);
      assert.equal(v.stdout, '');
      assert.match(
        v.stderr.trim(),
        /^[^\n]*big\.ncf\.json:\d+: node 'q', field 'dim': 1,000,000,000 × 1,682 = [^\n]* TB [^\n]*$/,
      );
      const t = ncf(['train', '--spec', file, '--epochs', '1']);
      assert.equal(t.status, 1);
      assert.match(t.stderr, /node 'q', field 'dim'/);
      assert.doesNotMatch(t.stderr, /internal error|\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
