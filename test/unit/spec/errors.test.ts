import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSpec, checkSpecText, formatIssue, specJsonSchema } from '../../../src/core/spec';
import { specWith, USER_ITEM } from '../../helpers/specs';

const PQ = [
  ...USER_ITEM,
  { id: 'p', op: 'embedding', dim: 32, inputs: ['user'] },
  { id: 'q', op: 'embedding', dim: 32, inputs: ['item'] },
];
const firstIssue = (nodes: Parameters<typeof specWith>[0]) => {
  const r = checkSpec(specWith(nodes));
  assert.equal(r.ok, false, 'expected the spec to be rejected');
  return r.issues[0];
};

describe('spec validation errors name the node, the field and the reason', () => {
  it('an unknown op', () => {
    const i = firstIssue([...PQ, { id: 'x', op: 'convolve', inputs: ['p'] }, { id: 'o', op: 'output', inputs: ['x'] }]);
    assert.equal(i.nodeId, 'x');
    assert.equal(i.field, 'op');
    assert.match(i.message, /unknown op "convolve"; known ops: input, embedding/);
  });
  it('a dangling input', () => {
    const i = firstIssue([
      ...PQ,
      { id: 'd', op: 'dot', inputs: ['p', 'nope'] },
      { id: 'o', op: 'output', inputs: ['d'] },
    ]);
    assert.deepEqual([i.nodeId, i.field], ['d', 'inputs']);
    assert.match(i.message, /input 'nope' is not a node/);
  });
  it('a missing input (dot with one input)', () => {
    const i = firstIssue([...PQ, { id: 'd', op: 'dot', inputs: ['p'] }, { id: 'o', op: 'output', inputs: ['d'] }]);
    assert.equal(i.nodeId, 'd');
    assert.match(i.message, /at least 2 inputs|exactly 2/);
  });
  it('wrong arity: dot with three inputs', () => {
    const i = firstIssue([
      ...PQ,
      { id: 'd', op: 'dot', inputs: ['p', 'q', 'p'] },
      { id: 'o', op: 'output', inputs: ['d'] },
    ]);
    assert.deepEqual([i.nodeId, i.field], ['d', 'inputs']);
    assert.equal(i.message, 'Dot product takes exactly 2 inputs, got 3');
  });
  it('a cycle', () => {
    const r = checkSpec(
      specWith([
        ...PQ,
        { id: 'a', op: 'add', inputs: ['p', 'b'] },
        { id: 'b', op: 'add', inputs: ['a', 'q'] },
        { id: 'm', op: 'dense', units: 1, inputs: ['b'] },
        { id: 'o', op: 'output', inputs: ['m'] },
      ]),
    );
    assert.equal(r.ok, false);
    // One line, naming the nodes on the cycle and not the ones below it (m, o).
    const cyclic = r.issues.filter((i) => /cycle/.test(i.message));
    assert.equal(cyclic.length, 1, JSON.stringify(r.issues));
    assert.match(cyclic[0].message, /^a cycle: '(a|b)' → '(a|b)' → '\1'/);
    assert.doesNotMatch(cyclic[0].message, /'m'|'o'/);
  });
  it('no path from the inputs to the output', () => {
    const r = checkSpec(
      specWith([
        { id: 'k', op: 'input', field: 'userFeature', feature: 'age' },
        { id: 'm', op: 'dense', units: 1, inputs: ['k'] },
        { id: 'o', op: 'output', inputs: ['m'] },
      ]),
    );
    assert.equal(r.ok, true, 'a feature input is an input');
    const cut = checkSpec(
      specWith([...PQ, { id: 'o', op: 'output', inputs: ['o2'] }, { id: 'o2', op: 'dense', units: 1, inputs: ['o'] }]),
    );
    assert.equal(cut.ok, false);
  });
  it('a spec without an output', () => {
    const r = checkSpec(specWith([...PQ, { id: 'd', op: 'dot', inputs: ['p', 'q'] }]));
    assert.equal(r.ok, false);
    assert.match(r.issues[0].message, /no output node/);
  });
  it('a shape mismatch: hadamard of widths 32 and 16 names both inputs', () => {
    const i = firstIssue([
      ...PQ,
      { id: 's', op: 'embedding', dim: 16, inputs: ['user'] },
      { id: 'h', op: 'hadamard', inputs: ['p', 's'] },
      { id: 'm', op: 'dense', units: 1, inputs: ['h'] },
      { id: 'o', op: 'output', inputs: ['m'] },
    ]);
    assert.equal(i.nodeId, 'h');
    assert.equal(i.message, 'Hadamard needs equal widths: p is 32, s is 16');
  });
  it('a bad parameter names its field', () => {
    const i = firstIssue([
      ...USER_ITEM,
      { id: 'p', op: 'embedding', dim: -3, inputs: ['user'] },
      { id: 'o', op: 'output', inputs: ['p'] },
    ]);
    assert.deepEqual([i.nodeId, i.field], ['p', 'dim']);
  });
  it('duplicate ids', () => {
    const i = firstIssue([...PQ, { id: 'p', op: 'dot', inputs: ['p', 'q'] }, { id: 'o', op: 'output', inputs: ['p'] }]);
    assert.equal(i.field, 'id');
    assert.match(i.message, /duplicate id/);
  });
});

describe('spec text: errors carry the file line', () => {
  it('malformed JSON gives the line of the syntax error', () => {
    const r = checkSpecText('{\n  "version": 1,\n  "name": "x"\n  "nodes": []\n}');
    assert.equal(r.ok, false);
    assert.equal(r.issues[0].line, 4);
    assert.match(formatIssue(r.issues[0], 'a.ncf.json'), /^a\.ncf\.json:4: malformed JSON/);
  });
  it('a node error points at the line of its field', () => {
    const text = JSON.stringify(
      specWith([
        ...USER_ITEM,
        { id: 'p', op: 'embedding', dim: 0, inputs: ['user'] },
        { id: 'o', op: 'output', inputs: ['p'] },
      ]),
      null,
      2,
    );
    const r = checkSpecText(text);
    assert.equal(r.ok, false);
    const line = text.split('\n').findIndex((l) => l.includes('"dim": 0')) + 1;
    assert.equal(r.issues[0].line, line);
    assert.match(
      formatIssue(r.issues[0], 'f.ncf.json'),
      new RegExp(`^f\\.ncf\\.json:${line}: node 'p', field 'dim': `),
    );
  });
});

describe('JSON Schema for the text editor', () => {
  it('media/ncf.schema.json is generated from the same zod schema and is current', () => {
    const onDisk = JSON.parse(readFileSync(join(__dirname, '../../../media/ncf.schema.json'), 'utf8'));
    assert.deepEqual(onDisk, JSON.parse(JSON.stringify(specJsonSchema())), 'run `npm run build` to regenerate it');
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
    assert.ok(
      pkg.contributes.jsonValidation.some(
        (j: { fileMatch: string; url: string }) => j.fileMatch === '*.ncf.json' && j.url === './media/ncf.schema.json',
      ),
    );
  });
});
