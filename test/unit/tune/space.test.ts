import { strict as assert } from 'node:assert';
import { presetSpec } from '../../../src/core/presets';
import { checkSpec } from '../../../src/core/spec/check';
import { defaultSpace } from '../../../src/core/tune/defaultSpace';
import {
  applyParams,
  defaultParams,
  formatSpace,
  parseInlineSpace,
  parseSpaceFile,
  spaceJsonSchema,
} from '../../../src/core/tune/space';
import { UsageError } from '../../../src/core/job/resolveSpec';

describe('tune: search spaces by spec path', () => {
  const neumf = presetSpec('neumf');
  const mfBias = presetSpec('mf-bias');

  it('parses lists, int, log and uniform ranges inline, with tied paths and MLP widths', () => {
    const space = parseInlineSpace(
      'p.dim+q.dim=16,32,64; training.learningRate=log:1e-4..1e-2; s.dim+t.dim=int:8..64; psi.units=64-32-16,32-16; training.optimizer=adam,sgd; p.l2=uniform:0..0.001',
      neumf,
    );
    assert.deepEqual(
      space.map((p) => p.name),
      ['p.dim+q.dim', 'training.learningRate', 's.dim+t.dim', 'psi.units', 'training.optimizer', 'p.l2'],
    );
    assert.deepEqual(space[0], {
      name: 'p.dim+q.dim',
      paths: ['p.dim', 'q.dim'],
      kind: 'choice',
      values: [16, 32, 64],
    });
    assert.deepEqual(space[1], {
      name: 'training.learningRate',
      paths: ['training.learningRate'],
      kind: 'log',
      min: 1e-4,
      max: 1e-2,
    });
    assert.equal(space[2].kind, 'int');
    assert.deepEqual(space[3].kind === 'choice' && space[3].values, [
      [64, 32, 16],
      [32, 16],
    ]);
    assert.deepEqual(space[4].kind === 'choice' && space[4].values, ['adam', 'sgd']);
    // The printed form reads back to the same space.
    assert.deepEqual(parseInlineSpace(formatSpace(space), neumf), space);
  });

  it('parses a space file and its JSON Schema describes the same shape', () => {
    const text = JSON.stringify({
      params: { 'p.dim+q.dim': [16, 32], 'training.learningRate': { log: [1e-4, 1e-2] }, 'psi.units': [[64, 32, 16]] },
    });
    const space = parseSpaceFile(text, neumf, 'my.space.json');
    assert.equal(space.length, 3);
    const schema = spaceJsonSchema() as { properties: { params: object } };
    assert.ok(schema.properties.params);
  });

  const rejects = (f: () => unknown, pattern: RegExp) =>
    assert.throws(
      f,
      (e: unknown) => e instanceof UsageError && pattern.test(e.message) && !e.message.includes('\n'),
      String(pattern),
    );

  it('a path that names nothing in the spec is an error naming the path', () => {
    rejects(
      () => parseInlineSpace('zz.dim=16,32', neumf),
      /'zz\.dim' names no node of NeuMF; its nodes: user, item, p, q/,
    );
    rejects(() => parseInlineSpace('p.units=16,32', neumf), /'p\.units' names no field of node 'p' \(op embedding\)/);
    rejects(() => parseInlineSpace('training.momentum=0.9', neumf), /'training\.momentum' names no training setting/);
    rejects(() => parseInlineSpace('dim=16', neumf), /'dim' is not a path/);
    rejects(
      () => parseInlineSpace('training.seed=1,2', neumf),
      /'training\.seed' cannot be searched: every candidate gets the same seeds/,
    );
    rejects(() => parseInlineSpace('p.inputs=1', neumf), /'p\.inputs' cannot be searched/);
  });

  it('a value the spec cannot take, an empty or non-positive log range, and bad syntax are errors naming the path', () => {
    rejects(() => parseInlineSpace('p.dim=0,16', neumf), /'p\.dim' cannot be 0/);
    rejects(() => parseInlineSpace('training.optimizer=adam,lbfgs', neumf), /'training\.optimizer' cannot be "lbfgs"/);
    rejects(
      () => parseInlineSpace('training.learningRate=log:0..1e-2', neumf),
      /'training\.learningRate': a log range needs positive bounds/,
    );
    rejects(() => parseInlineSpace('p.dim=int:64..8', neumf), /'p\.dim': the range 64\.\.8 is empty/);
    rejects(() => parseInlineSpace('p.dim', neumf), /'p\.dim' needs the form path=values/);
    rejects(
      () => parseSpaceFile('{"params": {"p.dim": {"log": [1]}}}', neumf, 'bad.space.json'),
      /^bad\.space\.json: params\.p\.dim/,
    );
    rejects(() => parseSpaceFile('{"params": ', neumf, 'cut.space.json'), /^cut\.space\.json: malformed JSON/);
    rejects(
      () => parseSpaceFile('{"params": {"q.dimm": [8]}}', neumf, 'typo.space.json'),
      /^typo\.space\.json: 'q\.dimm' names no field of node 'q'/,
    );
  });

  it('the default space ties the tables that meet, covers every λ, the MLP widths and the learning rate, and holds the spec itself', () => {
    const space = defaultSpace(neumf);
    assert.deepEqual(
      space.map((p) => p.name),
      ['p.dim+q.dim', 's.dim+t.dim', 'p.l2+q.l2', 's.l2+t.l2', 'psi.units', 'training.learningRate'],
    );
    assert.deepEqual(
      defaultSpace(mfBias).map((p) => p.name),
      ['p.dim+q.dim', 'p.l2+q.l2', 'a.l2+b.l2', 'training.learningRate'],
    );
    for (const spec of [neumf, mfBias]) {
      const start = defaultParams(spec, defaultSpace(spec));
      assert.ok(start, 'the spec lies inside its default space');
      assert.deepEqual(applyParams(spec, start), spec);
    }
  });

  it("the default space's embedding λ spans 1e-5…1e-3 around the spec's own, sizes go from half to double", () => {
    const withTableL2 = (l2: number) => {
      const spec = structuredClone(mfBias);
      for (const n of spec.nodes) if (n.id === 'p' || n.id === 'q') (n as { l2?: number }).l2 = l2;
      return new Map(defaultSpace(spec).map((p) => [p.name, p]));
    };
    const mf = withTableL2(2e-4);
    assert.deepEqual(mf.get('p.l2+q.l2'), {
      name: 'p.l2+q.l2',
      paths: ['p.l2', 'q.l2'],
      kind: 'log',
      min: 1e-5,
      max: 1e-3,
    });
    assert.deepEqual(mf.get('p.dim+q.dim'), {
      name: 'p.dim+q.dim',
      paths: ['p.dim', 'q.dim'],
      kind: 'choice',
      values: [32, 64, 128],
    });
    // A bias keeps its own range around the spec's value: it is not an embedding table.
    const bias = mf.get('a.l2+b.l2');
    assert.ok(bias?.kind === 'log' && bias.max < 1e-3 && bias.max > 1e-5, JSON.stringify(bias));
    const strong = withTableL2(0.01).get('p.l2+q.l2');
    assert.ok(strong?.kind === 'log' && strong.min === 1e-5 && strong.max === 0.03, JSON.stringify(strong));
    const weak = withTableL2(1e-6).get('p.l2+q.l2');
    assert.ok(weak?.kind === 'log' && weak.min === 3.3e-7 && weak.max === 1e-3, JSON.stringify(weak));
  });

  it('applying parameters sets every tied path and gives a spec that checks', () => {
    const spec = applyParams(neumf, { 'p.dim+q.dim': 8, 'psi.units': [16, 8], 'training.learningRate': 0.003 });
    const check = checkSpec(spec);
    assert.ok(check.ok);
    const node = (id: string) => spec.nodes.find((n) => n.id === id) as { dim?: number; units?: number[] };
    assert.equal(node('p').dim, 8);
    assert.equal(node('q').dim, 8);
    assert.deepEqual(node('psi').units, [16, 8]);
    assert.equal(spec.training.learningRate, 0.003);
    assert.equal((neumf.nodes.find((n) => n.id === 'p') as { dim: number }).dim, 32, 'the original is untouched');
  });
});
