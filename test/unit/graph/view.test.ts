import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyEditToText,
  deriveView,
  formatSpecDocument,
  GraphEdit,
  JsonObject,
  SpecView,
} from '../../../src/core/graph';

const neumfText = readFileSync(join(__dirname, '../../../src/core/presets/neumf.ncf.json'), 'utf8');
const graph = (text: string): Extract<SpecView, { kind: 'graph' }> => {
  const v = deriveView(text);
  if (v.kind !== 'graph') throw new Error(v.issues[0].text);
  return v;
};

/** A wide NCF-like graph of `blocks` GMF branches joined by one tower: 4 nodes a block, plus 5. */
function bigSpec(blocks: number, withLayout: boolean): string {
  const nodes: JsonObject[] = [
    { id: 'user', op: 'input', field: 'user' },
    { id: 'item', op: 'input', field: 'item' },
  ];
  const heads: string[] = [];
  for (let b = 0; b < blocks; b++) {
    nodes.push(
      { id: `p${b}`, op: 'embedding', dim: 8, inputs: ['user'] },
      { id: `q${b}`, op: 'embedding', dim: 8, inputs: ['item'] },
    );
    nodes.push(
      { id: `g${b}`, op: 'hadamard', inputs: [`p${b}`, `q${b}`] },
      { id: `d${b}`, op: 'dense', units: 4, activation: 'relu', inputs: [`g${b}`] },
    );
    heads.push(`d${b}`);
  }
  nodes.push(
    { id: 'all', op: 'concat', inputs: heads },
    { id: 'tower', op: 'mlp', units: [32, 16], inputs: ['all'] },
    { id: 'phi', op: 'dense', units: 1, inputs: ['tower'] },
    { id: 'rating', op: 'output', inputs: ['phi'] },
  );
  const doc: JsonObject = { version: 1, name: 'Big', nodes };
  const text = formatSpecDocument(doc);
  if (!withLayout) return text;
  const arranged = applyEditToText(text, { kind: 'arrange' });
  if (!arranged.ok) throw new Error(arranged.message);
  return arranged.text;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe('graph/view', () => {
  it('shows shapes on every wire and parameters per node and in total', () => {
    const v = graph(neumfText);
    assert.equal(v.valid, true);
    assert.equal(v.formula, 'r̂ = ϕ([pᵤ ∘ qᵢ, ψ([sᵤ, tᵢ])])');
    const byId = Object.fromEntries(v.nodes.map((n) => [n.id, n]));
    // 943 users × 32, 1682 items × 32, and the tower 64→64→32→16 with biases.
    assert.equal(byId.p.params, 943 * 32);
    assert.equal(byId.q.params, 1682 * 32);
    assert.equal(byId.psi.params, 64 * 64 + 64 + 64 * 32 + 32 + 32 * 16 + 16);
    assert.equal(
      v.totalParams,
      v.nodes.reduce((s, n) => s + (n.params ?? 0), 0),
    );
    assert.equal(v.edges.length, 12);
    assert.deepEqual(
      v.edges.filter((e) => e.target === 'phi').map((e) => [e.source, e.label]),
      [
        ['gmf', '[32]'],
        ['psi', '[16]'],
      ],
    );
    assert.equal(v.edges.find((e) => e.target === 'p')!.label, 'ids[1] of user');
  });

  it('puts a wiring error on the node that causes it, with its line, and marks its wires', () => {
    const r = applyEditToText(neumfText, { kind: 'connect', source: 'user', target: 'gmf' });
    assert.ok(r.ok);
    const v = graph(r.text);
    assert.equal(v.valid, false);
    const gmf = v.nodes.find((n) => n.id === 'gmf')!;
    assert.equal(gmf.issues.length, 1);
    assert.match(
      gmf.issues[0].text,
      /^line 11: node 'gmf', field 'inputs': Hadamard needs vectors: user is ids\[1\] of user/,
    );
    assert.equal(gmf.shape, undefined);
    assert.ok(v.edges.filter((e) => e.target === 'gmf').every((e) => e.faulty));
    assert.ok(v.edges.filter((e) => e.target === 'psi').every((e) => !e.faulty));
    // Nodes upstream and on the other branch keep their shapes.
    assert.equal(v.nodes.find((n) => n.id === 'psi')!.shape, '[16]');
  });

  it('still shows the graph of a spec the schema rejects, with the error on the rejected node', () => {
    const text = neumfText.replace(
      '{"id": "s", "op": "embedding", "dim": 32,',
      '{"id": "s", "op": "embedding", "dim": "big",',
    );
    const v = graph(text);
    assert.equal(v.nodes.length, 11);
    const s = v.nodes.find((n) => n.id === 's')!;
    assert.equal(s.issues.length, 1);
    assert.equal(s.issues[0].field, 'dim');
    assert.equal(s.issues[0].line, 12);
    // The GMF branch does not depend on s: it is still checked.
    assert.equal(v.nodes.find((n) => n.id === 'gmf')!.shape, '[32]');
    // Downstream of s, no shape and no follow-on error.
    assert.equal(v.nodes.find((n) => n.id === 'st')!.shape, undefined);
    assert.deepEqual(
      v.issues.map((i) => i.nodeId),
      ['s'],
    );
  });

  it('reports a node with an unknown op by name and keeps drawing it', () => {
    const text = neumfText.replace('"op": "hadamard"', '"op": "hadamart"');
    const v = graph(text);
    const gmf = v.nodes.find((n) => n.id === 'gmf')!;
    assert.match(gmf.title, /Unknown op/);
    assert.match(gmf.issues[0].message, /unknown op "hadamart"/);
  });

  it('lists why a file cannot be read, with the line', () => {
    const v = deriveView('{\n  "version": 1,\n  "nodes": [\n}');
    assert.equal(v.kind, 'unreadable');
    assert.equal(v.issues[0].line, 4);
    assert.match(v.issues[0].text, /^line 4: the file is not valid JSON/);
    assert.equal(deriveView('[1, 2]').kind, 'unreadable');
  });

  it('reads an empty file as an empty architecture without nagging', () => {
    const v = graph('');
    assert.equal(v.empty, true);
    assert.deepEqual(v.nodes, []);
    assert.deepEqual(v.issues, []);
  });

  it('draws a duplicated id once and reports it', () => {
    const text = neumfText.replace('{"id": "t",', '{"id": "s",');
    const v = graph(text);
    assert.equal(v.nodes.filter((n) => n.id === 's').length, 1);
    assert.ok(v.issues.some((i) => i.nodeId === 's' && /duplicate id/.test(i.message)));
  });

  it('reflects an edit on a 100-node graph quickly (apply + validate + view)', function () {
    // A width change (the layout's structure stays) and a rewiring (it changes), with and without
    // saved positions; without them the view lays the graph out itself.
    const edits = {
      width: (k: number): GraphEdit => ({ kind: 'setParam', id: 'p7', field: 'dim', value: k % 2 ? 8 : 6 }),
      wire: (k: number): GraphEdit =>
        k % 2 ? { kind: 'connect', source: 'q7', target: 'g7' } : { kind: 'disconnect', source: 'q7', target: 'g7' },
    };
    for (const withLayout of [true, false]) {
      for (const [name, edit] of Object.entries(edits)) {
        let text = bigSpec(24, withLayout);
        assert.equal(graph(text).nodes.length, 102);
        const times: number[] = [];
        for (let k = 0; k < 15; k++) {
          const t0 = performance.now();
          const r = applyEditToText(text, edit(k));
          assert.ok(r.ok);
          const v = graph(r.text);
          times.push(performance.now() - t0);
          // The edit is really reflected: even k breaks g7's Hadamard (width 6 against 8, or one input), odd k mends it.
          assert.equal(v.nodes.find((n) => n.id === 'g7')!.issues.length, k % 2 ? 0 : 1, `${name} #${k}`);
          text = r.text;
        }
        const ms = median(times);
        console.log(
          `      102-node graph, ${name} edit, ${withLayout ? 'saved layout' : 'automatic layout'}: median ${ms.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
        );
        // A generous bound: the goal is 50 ms; this only catches a change that makes it many times slower.
        assert.ok(ms < 500, `median ${ms} ms`);
      }
    }
    // Opening a file without saved positions lays it out once (dagre); two graphs in turn defeat the memo.
    const files = [bigSpec(24, false), bigSpec(23, false)];
    const opens: number[] = [];
    for (let k = 0; k < 10; k++) {
      const t0 = performance.now();
      const v = graph(files[k % 2]);
      opens.push(performance.now() - t0);
      assert.equal(v.nodes.length, k % 2 ? 98 : 102);
    }
    console.log(`      102-node graph opened without saved layout (dagre): median ${median(opens).toFixed(1)} ms`);
  });
});
