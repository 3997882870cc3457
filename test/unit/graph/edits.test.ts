import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyEditToText,
  applyGraphEdit,
  deriveView,
  GraphEdit,
  JsonObject,
  JsonRecord,
  layoutOf,
  minimalReplacement,
  NODE_WIDTH,
  paletteEntry,
  rawNodes,
  readDocument,
  SpecView,
} from '../../../src/core/graph';
import { checkSpec } from '../../../src/core/spec';
import { presetDocument } from '../../../src/core/presets';
import { applyAll } from './helpers';

const neumfText = readFileSync(join(__dirname, '../../../src/core/presets/neumf.ncf.json'), 'utf8');
const docOf = (text: string): JsonObject => {
  const r = readDocument(text);
  if (!r.ok) throw new Error(r.message);
  return r.doc;
};
const graph = (text: string): Extract<SpecView, { kind: 'graph' }> => {
  const v = deriveView(text);
  if (v.kind !== 'graph') throw new Error(v.issues[0].text);
  return v;
};
const node = (text: string, id: string) => rawNodes(docOf(text)).find((n) => n.id === id);
const add = (key: string, x = 0, y = 0): GraphEdit => {
  const e = paletteEntry(key)!;
  return { kind: 'addNode', op: e.op, params: e.params, idBase: e.idBase, position: { x, y } };
};

/** NeuMF drawn from an empty file the way a person would: drop nodes, then wire them. */
export const buildNeuMF: GraphEdit[] = [
  add('input:user'),
  add('input:item', 300),
  add('embedding'),
  add('embedding', 300),
  add('hadamard'),
  add('embedding'),
  add('embedding'),
  add('concat'),
  add('mlp'),
  add('dense'),
  add('output'),
  { kind: 'rename', id: 'emb', newId: 'p' },
  { kind: 'rename', id: 'emb2', newId: 'q' },
  { kind: 'rename', id: 'emb3', newId: 's' },
  { kind: 'rename', id: 'emb4', newId: 't' },
  { kind: 'connect', source: 'user', target: 'p' },
  { kind: 'connect', source: 'item', target: 'q' },
  { kind: 'connect', source: 'user', target: 's' },
  { kind: 'connect', source: 'item', target: 't' },
  { kind: 'connect', source: 'p', target: 'prod' },
  { kind: 'connect', source: 'q', target: 'prod' },
  { kind: 'connect', source: 's', target: 'concat' },
  { kind: 'connect', source: 't', target: 'concat' },
  { kind: 'connect', source: 'concat', target: 'mlp' },
  { kind: 'connect', source: 'prod', target: 'dense' },
  { kind: 'connect', source: 'mlp', target: 'dense' },
  { kind: 'connect', source: 'dense', target: 'rating' },
];

describe('graph/edits', () => {
  it('builds NeuMF from an empty file with the same parameter count as the preset', () => {
    const { text, selected } = applyAll('', buildNeuMF);
    const view = graph(text);
    assert.deepEqual(
      view.issues.map((i) => i.text),
      [],
    );
    assert.equal(view.valid, true);
    const preset = checkSpec(presetDocument('neumf'));
    assert.ok(preset.ok);
    assert.equal(view.totalParams, preset.checked.totalParams);
    assert.equal(view.nodes.find((n) => n.id === 'mlp')!.shape, '[16]');
    assert.equal(view.edges.find((e) => e.source === 'p' && e.target === 'prod')!.label, '[32]');
    // Adding selects the new node; renaming selects the renamed one.
    assert.deepEqual(selected[0], ['user']);
    assert.deepEqual(selected[11], ['p']);
  });

  it('adds a node with a unique id, its palette parameters, an empty input list and a saved position', () => {
    const r = applyEditToText(neumfText, { kind: 'addNode', op: 'embedding', idBase: 'p', position: { x: 10, y: 20 } });
    assert.ok(r.ok);
    assert.deepEqual(r.select, ['p2']);
    assert.deepEqual(node(r.text, 'p2'), { id: 'p2', op: 'embedding', dim: 32, inputs: [] });
    const layout = layoutOf(docOf(r.text));
    assert.deepEqual(layout.p2, { x: 10, y: 20 });
    // Nodes that were laid out automatically keep their place once one node is placed by hand.
    assert.equal(Object.keys(layout).length, 12);
    assert.deepEqual(graph(neumfText).nodes.find((n) => n.id === 'gmf')!.position, layout.gmf);
  });

  it('connects in order, ignores a repeated wire, and swaps the input of a one-input node', () => {
    let r = applyEditToText(neumfText, { kind: 'connect', source: 's', target: 'gmf' });
    assert.ok(r.ok);
    assert.deepEqual(node(r.text, 'gmf')!.inputs, ['p', 'q', 's']);
    r = applyEditToText(r.text, { kind: 'connect', source: 's', target: 'gmf' });
    assert.ok(r.ok);
    assert.deepEqual(node(r.text, 'gmf')!.inputs, ['p', 'q', 's']);
    r = applyEditToText(neumfText, { kind: 'connect', source: 'item', target: 'p' });
    assert.ok(r.ok);
    assert.deepEqual(node(r.text, 'p')!.inputs, ['item']);
  });

  it('refuses wires into an input, into itself, and to nodes that do not exist', () => {
    const cases: [GraphEdit, RegExp][] = [
      [{ kind: 'connect', source: 'p', target: 'user' }, /takes no inputs/],
      [{ kind: 'connect', source: 'gmf', target: 'gmf' }, /cannot feed itself/],
      [{ kind: 'connect', source: 'nope', target: 'gmf' }, /no node 'nope'/],
      [{ kind: 'setParam', id: 'gmf', field: 'inputs', value: [] }, /own action/],
    ];
    for (const [edit, message] of cases) {
      const r = applyEditToText(neumfText, edit);
      assert.equal(r.ok, false);
      assert.match((r as { message: string }).message, message);
    }
  });

  it('disconnects and re-orders inputs', () => {
    let r = applyEditToText(neumfText, { kind: 'disconnect', source: 'p', target: 'gmf' });
    assert.ok(r.ok);
    assert.deepEqual(node(r.text, 'gmf')!.inputs, ['q']);
    assert.match(graph(r.text).nodes.find((n) => n.id === 'gmf')!.issues[0].message, /at least 2 inputs/);
    r = applyEditToText(neumfText, { kind: 'setInputs', id: 'phi', inputs: ['psi', 'gmf'] });
    assert.ok(r.ok);
    assert.deepEqual(node(r.text, 'phi')!.inputs, ['psi', 'gmf']);
  });

  it('deletes nodes with their wires and saved positions', () => {
    const arranged = applyEditToText(neumfText, { kind: 'arrange' });
    assert.ok(arranged.ok);
    const r = applyEditToText(arranged.text, { kind: 'deleteNodes', ids: ['s', 't'] });
    assert.ok(r.ok);
    const doc = docOf(r.text);
    assert.deepEqual(
      rawNodes(doc).map((n) => n.id),
      ['user', 'item', 'p', 'q', 'gmf', 'st', 'psi', 'phi', 'rating'],
    );
    assert.deepEqual(node(r.text, 'st')!.inputs, []);
    assert.equal('s' in layoutOf(doc), false);
  });

  it('renames a node everywhere it is referenced, and refuses bad or taken ids', () => {
    const arranged = applyEditToText(neumfText, { kind: 'arrange' });
    assert.ok(arranged.ok);
    const r = applyEditToText(arranged.text, { kind: 'rename', id: 'p', newId: 'userVec' });
    assert.ok(r.ok);
    assert.deepEqual(node(r.text, 'gmf')!.inputs, ['userVec', 'q']);
    assert.ok(layoutOf(docOf(r.text)).userVec);
    assert.equal(graph(r.text).valid, true);
    for (const [newId, message] of [
      ['q', /already the id/],
      ['9lives', /not a valid id/],
      ['a-b', /not a valid id/],
    ] as const) {
      const bad = applyEditToText(neumfText, { kind: 'rename', id: 'p', newId });
      assert.equal(bad.ok, false);
      assert.match((bad as { message: string }).message, message);
    }
  });

  it('sets and removes parameters; a bad value shows as an error on its node', () => {
    let r = applyEditToText(neumfText, { kind: 'setParam', id: 'psi', field: 'units', value: [128, 64] });
    assert.ok(r.ok);
    assert.deepEqual(node(r.text, 'psi')!.units, [128, 64]);
    assert.equal(graph(r.text).nodes.find((n) => n.id === 'psi')!.shape, '[64]');
    r = applyEditToText(neumfText, { kind: 'setParam', id: 'p', field: 'l2', value: null });
    assert.ok(r.ok);
    assert.equal('l2' in node(r.text, 'p')!, false);
    r = applyEditToText(neumfText, { kind: 'setParam', id: 'p', field: 'dim', value: 16 });
    assert.ok(r.ok);
    const gmf = graph(r.text).nodes.find((n) => n.id === 'gmf')!;
    assert.equal(gmf.issues[0].message, 'Hadamard needs equal widths: p is 16, q is 32');
  });

  it('pastes copies with fresh ids, keeping only the wires inside the copied group', () => {
    const doc = docOf(neumfText);
    const copied = rawNodes(doc).filter((n) => ['s', 't', 'st'].includes(n.id));
    const r = applyGraphEdit(doc, {
      kind: 'paste',
      nodes: copied as JsonRecord[],
      positions: { s: { x: 0, y: 0 }, t: { x: 100, y: 0 }, st: { x: 50, y: 100 } },
    });
    assert.ok(r.ok);
    assert.deepEqual(r.select, ['s2', 't2', 'st2']);
    const pasted = rawNodes(r.doc).slice(-3);
    assert.deepEqual(
      pasted.map((n) => n.inputs),
      [[], [], ['s2', 't2']],
    );
    assert.deepEqual(layoutOf(r.doc).st2, { x: 90, y: 140 });
  });

  it('arranges every node without overlaps, inputs above what they feed', () => {
    const r = applyEditToText(neumfText, { kind: 'arrange' });
    assert.ok(r.ok);
    const layout = layoutOf(docOf(r.text));
    const ids = rawNodes(docOf(r.text)).map((n) => n.id);
    assert.deepEqual(Object.keys(layout).sort(), [...ids].sort());
    for (const a of ids)
      for (const b of ids) {
        if (a < b)
          assert.ok(
            Math.abs(layout[a].x - layout[b].x) >= NODE_WIDTH || Math.abs(layout[a].y - layout[b].y) >= 60,
            `${a} overlaps ${b}`,
          );
      }
    for (const n of rawNodes(docOf(r.text)))
      for (const i of (n.inputs as string[] | undefined) ?? [])
        assert.ok(layout[i].y < layout[n.id].y, `${i} above ${n.id}`);
  });

  it('pins the drawing when the structure changes, but not for a parameter', () => {
    const shown = graph(neumfText).nodes.map((n) => [n.id, n.position]);
    const wired = applyEditToText(neumfText, { kind: 'connect', source: 's', target: 'gmf' });
    assert.ok(wired.ok);
    // The wire would change the automatic layout; instead every node stays where it was shown.
    assert.deepEqual(
      graph(wired.text).nodes.map((n) => [n.id, n.position]),
      shown,
    );
    assert.deepEqual(Object.keys(layoutOf(docOf(wired.text))).length, 11);
    const widened = applyEditToText(neumfText, { kind: 'setParam', id: 'psi', field: 'units', value: [8] });
    assert.ok(widened.ok);
    assert.equal(docOf(widened.text).layout, undefined);
  });

  it('moves nodes, writing whole-pixel positions into the layout', () => {
    const r = applyEditToText(neumfText, { kind: 'moveNodes', positions: { gmf: { x: 10.4, y: -20.6 } } });
    assert.ok(r.ok);
    assert.deepEqual(layoutOf(docOf(r.text)).gmf, { x: 10, y: -21 });
  });

  it('changes training settings and the name; null turns early stopping off', () => {
    let r = applyEditToText(neumfText, { kind: 'setTraining', field: 'earlyStopping', value: null });
    assert.ok(r.ok);
    assert.equal((docOf(r.text).training as JsonObject).earlyStopping, null);
    r = applyEditToText(r.text, { kind: 'setTraining', field: 'epochs', value: 5 });
    assert.ok(r.ok);
    r = applyEditToText(r.text, { kind: 'setMeta', field: 'name', value: 'Mine' });
    assert.ok(r.ok);
    const v = graph(r.text);
    assert.equal(v.training.epochs, 5);
    assert.equal(v.name, 'Mine');
    assert.equal(v.spec!.training.earlyStopping, null);
  });

  it('loads a preset into the file, even over text that is not JSON', () => {
    const r = applyEditToText('{ oops', { kind: 'loadPreset', name: 'gmf' });
    assert.ok(r.ok);
    assert.equal(graph(r.text).name, 'GMF');
    const bad = applyEditToText('', { kind: 'loadPreset', name: 'nope' });
    assert.equal(bad.ok, false);
  });

  it('never rewrites a file that is not JSON, or whose nodes are not a list', () => {
    for (const text of ['{"version": 1, "nodes": [', '{"version": 1, "nodes": {"a": 1}}']) {
      const r = applyEditToText(text, { kind: 'addNode', op: 'dense' });
      assert.equal(r.ok, false, text);
      assert.match((r as { message: string }).message, /text editor/);
    }
  });

  it('undo through the document: reversing each replacement gives back the earlier graph', () => {
    const { history } = applyAll(neumfText, [
      { kind: 'setParam', id: 'psi', field: 'units', value: [32] },
      { kind: 'deleteNodes', ids: ['gmf'] },
      { kind: 'addNode', op: 'dropout' },
    ]);
    const views = history.map((t) => graph(t));
    assert.deepEqual(
      views.map((v) => v.nodes.length),
      [11, 11, 10, 11],
    );
    // The host applies each edit as the smallest replacement; the editor's undo applies its inverse.
    let text = history[history.length - 1];
    for (let k = history.length - 1; k > 0; k--) {
      const r = minimalReplacement(history[k - 1], history[k])!;
      text = text.slice(0, r.start) + history[k - 1].slice(r.start, r.end) + text.slice(r.start + r.text.length);
      assert.equal(text, history[k - 1]);
      assert.deepEqual(graph(text), views[k - 1]);
    }
    assert.equal(views[1].nodes.find((n) => n.id === 'psi')!.shape, '[32]');
    assert.equal(graph(text).nodes.find((n) => n.id === 'psi')!.shape, '[16]');
    assert.equal(graph(text).nodes.find((n) => n.id === 'gmf')!.shape, '[32]');
  });

  it('keeps keys it does not know and entries that are not nodes', () => {
    const text =
      '{"version": 1, "name": "x", "custom": {"a": [1]}, "nodes": [{"id": "u", "op": "input", "field": "user", "note": "hi"}, 42]}';
    const r = applyEditToText(text, { kind: 'addNode', op: 'embedding' });
    assert.ok(r.ok);
    const doc = docOf(r.text);
    assert.deepEqual(doc.custom, { a: [1] });
    assert.equal((doc.nodes as unknown[])[1], 42);
    assert.equal(rawNodes(doc)[0].note, 'hi');
  });
});
