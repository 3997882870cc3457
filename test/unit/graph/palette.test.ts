import assert from 'node:assert/strict';
import type { DataFeature } from '../../../src/core/data/dataFeatures';
import { applyEditToText, deriveView, nodeFields, PALETTE, paletteFor, trainingFields } from '../../../src/core/graph';
import { OP_NAMES } from '../../../src/core/spec';

describe('graph/palette and fields', () => {
  it('offers every op, and every kind of input', () => {
    for (const op of OP_NAMES)
      assert.ok(
        PALETTE.some((e) => e.op === op),
        op,
      );
    assert.deepEqual(
      PALETTE.filter((e) => e.op === 'input').map((e) => e.params.field),
      ['user', 'item', 'userFeature', 'itemFeature', 'tokens'],
    );
    assert.equal(new Set(PALETTE.map((e) => e.key)).size, PALETTE.length);
  });

  it('gives each palette node parameters the schema accepts (only missing wires are reported)', () => {
    for (const e of PALETTE) {
      const r = applyEditToText('', { kind: 'addNode', op: e.op, params: e.params, idBase: e.idBase });
      assert.ok(r.ok);
      const v = deriveView(r.text);
      assert.equal(v.kind, 'graph');
      const problems = v.kind === 'graph' ? v.nodes[0].issues.filter((i) => i.field !== 'inputs') : [];
      assert.deepEqual(
        problems.map((i) => i.text),
        [],
        e.key,
      );
    }
  });

  it("offers the data's own features in place of the generic feature entries, each node checking without the data", () => {
    assert.equal(paletteFor(undefined), PALETTE);
    const features: DataFeature[] = [
      { name: 'age', side: 'user', kind: 'numeric', width: 1 },
      { name: 'home-city', side: 'user', kind: 'categorical', width: 12 },
      { name: 'tags.v2', side: 'user', kind: 'multiHot', width: 5 },
      // A spec cannot name this column: it is not offered.
      { name: '2nd', side: 'user', kind: 'numeric', width: 1 },
    ];
    const entries = paletteFor({ label: 'my data', features });
    const inputs = entries.filter((e) => e.op === 'input');
    assert.deepEqual(
      inputs.map((e) => [e.key, e.title, e.detail, e.idBase]),
      [
        ['input:user', 'User id', undefined, 'user'],
        ['input:item', 'Item id', undefined, 'item'],
        ['input:userFeature:age', 'age', 'numeric', 'age'],
        ['input:userFeature:home-city', 'home-city', 'categorical · 12', 'home_city'],
        ['input:userFeature:tags.v2', 'tags.v2', 'multi-valued · 5', 'tags_v2'],
        // The data has no item feature: the generic entry stays.
        ['input:itemFeature', 'Item feature', undefined, 'itemFeat'],
        ['input:tokens', 'Token sequence', undefined, 'tokens'],
      ],
    );
    // MovieLens' own feature needs no declaration; a file's column declares its kind and width.
    assert.deepEqual(inputs[2].params, { field: 'userFeature', feature: 'age' });
    assert.deepEqual(inputs[3].params, { field: 'userFeature', feature: 'home-city', kind: 'categorical', width: 12 });
    for (const e of inputs.slice(2, 5)) {
      const r = applyEditToText('', { kind: 'addNode', op: e.op, params: e.params, idBase: e.idBase });
      assert.ok(r.ok, e.key);
      const v = deriveView(r.text);
      assert.ok(v.kind === 'graph' && v.nodes[0].issues.length === 0, e.key);
    }
  });

  it('reads the editable fields of each op from the schema', () => {
    const mlp = nodeFields('mlp');
    assert.deepEqual(
      mlp.map((f) => f.name),
      ['label', 'units', 'activation', 'dropout', 'l2'],
    );
    assert.equal(mlp.find((f) => f.name === 'units')!.kind, 'intList');
    assert.deepEqual(mlp.find((f) => f.name === 'activation')!.options?.slice(0, 2), ['linear', 'relu']);
    assert.equal(mlp.find((f) => f.name === 'activation')!.defaultValue, 'relu');
    assert.equal(nodeFields('embedding').find((f) => f.name === 'dim')!.kind, 'int');
    assert.equal(nodeFields('embedding').find((f) => f.name === 'l2')!.optional, true);
    assert.deepEqual(
      nodeFields('concat').map((f) => f.name),
      ['label'],
    );
    const training = trainingFields();
    assert.deepEqual(
      training.map((f) => f.name),
      [
        'task',
        'optimizer',
        'learningRate',
        'batchSize',
        'epochs',
        'validation',
        'earlyStopping',
        'seed',
        'negatives',
        'threshold',
        'topK',
      ],
    );
    assert.deepEqual(training.find((f) => f.name === 'task')!.options, ['rating', 'ranking', 'classification']);
    assert.equal(training.find((f) => f.name === 'earlyStopping')!.kind, 'earlyStopping');
  });
});
