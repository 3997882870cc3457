import assert from 'node:assert/strict';
import { applyEditToText, deriveView, nodeFields, PALETTE, trainingFields } from '../../../src/core/graph';
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
