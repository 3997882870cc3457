import assert from 'node:assert/strict';
import { parseBuilderRequest } from '../../../src/protocol/builder';

describe('protocol/builder', () => {
  it('accepts the messages the builder sends', () => {
    assert.deepEqual(parseBuilderRequest({ type: 'ready' }), { type: 'ready' });
    const edit = { type: 'edit', requestId: 3, edit: { kind: 'setParam', id: 'psi', field: 'units', value: [64, 32] } };
    assert.deepEqual(parseBuilderRequest(edit), edit);
    assert.ok(
      parseBuilderRequest({
        type: 'edit',
        requestId: 1,
        edit: { kind: 'addNode', op: 'mlp', position: { x: 1, y: 2 } },
      }),
    );
  });

  it('drops anything else: unknown types and ops, extra fields, wrong types', () => {
    const bad: unknown[] = [
      null,
      'ready',
      { type: 'runShell', command: 'rm -rf /' },
      { type: 'ready', extra: 1 },
      { type: 'edit', requestId: 1, edit: { kind: 'addNode', op: 'conv2d' } },
      { type: 'edit', requestId: 1, edit: { kind: 'moveNodes', positions: { a: { x: Infinity, y: 0 } } } },
      { type: 'edit', requestId: 1, edit: { kind: 'connect', source: 'a' } },
      { type: 'edit', requestId: 1, edit: { kind: 'setTraining', field: 'loss', value: 'mae' } },
      { type: 'edit', requestId: '1', edit: { kind: 'arrange' } },
    ];
    for (const m of bad) assert.equal(parseBuilderRequest(m), undefined, JSON.stringify(m));
  });
});
