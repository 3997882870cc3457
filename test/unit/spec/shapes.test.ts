import { strict as assert } from 'node:assert';
import { checkSpec, formatShape, Shape } from '../../../src/core/spec';
import { presetSpec, PRESET_NAMES } from '../../../src/core/presets';
import { specWith, USER_ITEM } from '../../helpers/specs';

const VOCAB = { user: 10, item: 20, gender: 2, occupation: 21, tokens: 100 };

function shapesOf(nodes: Parameters<typeof specWith>[0]) {
  const r = checkSpec(specWith(nodes), VOCAB);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.nodeId}.${i.field}: ${i.message}`).join('; '));
  return r.checked;
}
const w = (s: Shape) => formatShape(s);

describe('shape inference per op', () => {
  const emb = [
    ...USER_ITEM,
    { id: 'p', op: 'embedding', dim: 8, inputs: ['user'] },
    { id: 'q', op: 'embedding', dim: 8, inputs: ['item'] },
  ];
  it('input: user and item ids', () => {
    const c = shapesOf([...emb, { id: 'd', op: 'dot', inputs: ['p', 'q'] }, { id: 'o', op: 'output', inputs: ['d'] }]);
    assert.equal(w(c.shapes.user), 'ids[1] of user');
    assert.equal(w(c.shapes.item), 'ids[1] of item');
  });
  it('embedding: [dim] and vocab × dim parameters', () => {
    const c = shapesOf([...emb, { id: 'd', op: 'dot', inputs: ['p', 'q'] }, { id: 'o', op: 'output', inputs: ['d'] }]);
    assert.equal(w(c.shapes.p), '[8]');
    assert.equal(c.params.p, 10 * 8);
    assert.equal(c.params.q, 20 * 8);
  });
  it('bias: [1] with one parameter per id', () => {
    const c = shapesOf([
      ...USER_ITEM,
      { id: 'b', op: 'bias', inputs: ['item'] },
      { id: 'o', op: 'output', inputs: ['b'] },
    ]);
    assert.equal(w(c.shapes.b), '[1]');
    assert.equal(c.params.b, 20);
  });
  it('dot: [1]; hadamard keeps the width; concat sums widths; add keeps the width', () => {
    const c = shapesOf([
      ...emb,
      { id: 'h', op: 'hadamard', inputs: ['p', 'q'] },
      { id: 'c', op: 'concat', inputs: ['p', 'q', 'h'] },
      { id: 'a', op: 'add', inputs: ['p', 'q'] },
      { id: 'd', op: 'dot', inputs: ['p', 'q'] },
      { id: 'm', op: 'dense', units: 1, inputs: ['c', 'a', 'd'] },
      { id: 'o', op: 'output', inputs: ['m'] },
    ]);
    assert.deepEqual([w(c.shapes.h), w(c.shapes.c), w(c.shapes.a), w(c.shapes.d)], ['[8]', '[24]', '[8]', '[1]']);
    assert.equal(c.params.m, (24 + 8 + 1) * 1 + 1);
  });
  it('mlp: last width, parameters of every layer; dropout keeps the shape', () => {
    const c = shapesOf([
      ...emb,
      { id: 'c', op: 'concat', inputs: ['p', 'q'] },
      { id: 't', op: 'mlp', units: [6, 4], inputs: ['c'] },
      { id: 'x', op: 'dropout', rate: 0.5, inputs: ['t'] },
      { id: 'm', op: 'dense', units: 1, useBias: false, inputs: ['x'] },
      { id: 'o', op: 'output', inputs: ['m'] },
    ]);
    assert.equal(w(c.shapes.t), '[4]');
    assert.equal(c.params.t, 16 * 6 + 6 + 6 * 4 + 4);
    assert.equal(w(c.shapes.x), '[4]');
    assert.equal(c.params.m, 4);
  });
  it('pooling: a token sequence embedded to [L, d] pools to [d]', () => {
    const c = shapesOf([
      { id: 'text', op: 'input', field: 'tokens', length: 12 },
      { id: 'e', op: 'embedding', dim: 5, inputs: ['text'] },
      { id: 'pool', op: 'pooling', mode: 'mean', inputs: ['e'] },
      { id: 'm', op: 'dense', units: 1, inputs: ['pool'] },
      { id: 'o', op: 'output', inputs: ['m'] },
    ]);
    assert.equal(w(c.shapes.e), '[12, 5]');
    assert.equal(w(c.shapes.pool), '[5]');
    assert.equal(c.params.e, 100 * 5);
  });
  it('feature inputs: categorical ones are ids, numeric and multi-hot ones vectors', () => {
    const c = shapesOf([
      { id: 'occ', op: 'input', field: 'userFeature', feature: 'occupation' },
      { id: 'genres', op: 'input', field: 'itemFeature', feature: 'genres' },
      { id: 'e', op: 'embedding', dim: 3, inputs: ['occ'] },
      { id: 'm', op: 'dense', units: 1, inputs: ['e', 'genres'] },
      { id: 'o', op: 'output', inputs: ['m'] },
    ]);
    assert.equal(w(c.shapes.occ), 'ids[1] of occupation');
    assert.equal(w(c.shapes.genres), '[19]');
    assert.equal(c.params.e, 21 * 3);
  });
  it("pooling: a feature file's column before its data says what to declare; a numeric feature is refused", () => {
    const pooled = (input: object) =>
      checkSpec(
        specWith([
          { id: 'tags', op: 'input', field: 'itemFeature', feature: 'tags', pooling: 'mean', ...input },
          { id: 'm', op: 'dense', units: 1, inputs: ['tags'] },
          { id: 'o', op: 'output', inputs: ['m'] },
        ]),
      );
    const undeclared = pooled({});
    assert.equal(undeclared.ok, false);
    assert.match(undeclared.issues[0].message, /declare 'tags' one with "kind": "multiHot" and its "width"/);
    assert.equal(undeclared.issues[0].field, 'pooling');
    assert.match(pooled({ kind: 'multiHot' }).issues[0].message, /needs its width/);
    assert.ok(pooled({ kind: 'multiHot', width: 7 }).ok);
    const age = pooled({ feature: 'age', field: 'userFeature' });
    assert.match(age.issues[0].message, /pooling applies to a multi-valued feature; 'age' is not one/);
  });
  it('output: needs width 1', () => {
    const r = checkSpec(specWith([...emb, { id: 'o', op: 'output', inputs: ['p'] }]), VOCAB);
    assert.equal(r.ok, false);
    assert.match(r.issues[0].message, /Output needs width 1.*p is 8/);
    assert.equal(r.issues[0].nodeId, 'o');
  });
});

const FEATURE_ENCODERS = 2 * 2 + 21 * 8 + 11 * 4 + 19 * 8;

describe('shape inference per preset', () => {
  const expected: Record<string, number> = {
    mf: (943 + 1682) * 32,
    'mf-bias': (943 + 1682) * 65,
    gmf: (943 + 1682) * 32 + 33,
    ncf: (943 + 1682) * 32 + (64 * 64 + 64) + (64 * 32 + 32) + (32 * 16 + 16) + 17,
    ancf: (943 + 1682) * 64 + (64 * 64 + 64) + (64 * 32 + 32) + (32 * 16 + 16) + 17,
    neumf: (943 + 1682) * 64 + (64 * 64 + 64) + (64 * 32 + 32) + (32 * 16 + 16) + (48 + 1),
    'gmf-ranking': (943 + 1682) * 8 + 9,
    'mlp-ranking': (943 + 1682) * 32 + (64 * 32 + 32) + (32 * 16 + 16) + (16 * 8 + 8) + 9,
    'neumf-ranking': (943 + 1682) * 40 + (64 * 32 + 32) + (32 * 16 + 16) + (16 * 8 + 8) + (16 + 1),
    // 10,000 tokens (the default vocabulary) × 16, a Dense 16→16 and a Dense 16→1; flattened: 20·16 → 16.
    'text-embedding': 10000 * 16 + (16 * 16 + 16) + 17,
    'text-embedding-max': 10000 * 16 + (16 * 16 + 16) + 17,
    'text-flatten': 10000 * 16 + (20 * 16 * 16 + 16) + 17,
    // Encoders: gender 2×2, occupation 21×8, pooled genres 19×8 and ML-100K's 2,392 title words ×16
    // (no bias); then x = [age, 2, 8, genres 8, year, title 16] is 36 wide.
    feat: 2 * 2 + 21 * 8 + 19 * 8 + 2392 * 16 + (36 * 64 + 64) + (64 * 32 + 32) + 33,
    // feat-mf's tuned encoders: gender 2×4, occupation 21×16, zip region 11×2, genres 19×8; x is 32 wide.
    'feat-mf': (943 + 1682) * 129 + (2 * 4 + 21 * 16 + 11 * 2 + 19 * 8) + (32 * 64 + 64) + (64 * 32 + 32) + 33,
    // g over [p 32, age, gender 2, occupation 8, zip 4] = 47; h over [q 32, genres 8, year] = 41.
    'feat-tower': (943 + 1682) * 33 + FEATURE_ENCODERS + (47 * 64 + 64) + (41 * 64 + 64),
  };
  for (const name of PRESET_NAMES) {
    it(`${name}: valid, output [1], ${expected[name]} parameters at ML-100K sizes`, () => {
      const r = checkSpec(presetSpec(name));
      assert.ok(r.ok, JSON.stringify(r.issues));
      assert.equal(formatShape(r.checked.shapes[r.checked.outputId]), '[1]');
      assert.equal(r.checked.totalParams, expected[name]);
      assert.match(presetSpec(name).formula ?? '', /^(r̂|ŷ|p̂) =/, 'each preset carries its formula');
    });
  }
});
