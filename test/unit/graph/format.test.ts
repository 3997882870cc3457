import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSpecDocument, minimalReplacement, readDocument } from '../../../src/core/graph';
import { mulberry32 } from './helpers';

const presetDir = join(__dirname, '../../../src/core/presets');

describe('graph/format', () => {
  it('writes every preset exactly as it is written (the format is a fixed point)', () => {
    const files = readdirSync(presetDir).filter((f) => f.endsWith('.ncf.json'));
    assert.ok(files.length >= 6);
    for (const f of files) {
      const text = readFileSync(join(presetDir, f), 'utf8');
      const read = readDocument(text);
      assert.ok(read.ok, f);
      assert.equal(formatSpecDocument(read.doc), text, f);
    }
  });

  it('puts one node per line and keeps unknown keys and their order', () => {
    const text = formatSpecDocument({
      name: 'x',
      extra: { keep: [1, 2] },
      version: 1,
      nodes: [
        { id: 'a', op: 'input', field: 'user' },
        { id: 'b', op: 'embedding', dim: 8, inputs: ['a'] },
      ],
    });
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(0, 4), ['{', '  "name": "x",', '  "extra": {"keep": [1, 2]},', '  "version": 1,']);
    assert.ok(lines.includes('    {"id": "b", "op": "embedding", "dim": 8, "inputs": ["a"]}'));
    assert.deepEqual(JSON.parse(text).extra, { keep: [1, 2] });
  });

  it('finds the smallest replacement that turns one text into another', () => {
    const random = mulberry32(7);
    const alphabet = ['a', 'b', '\n', ' ', '"', '😀', 'ψ'];
    const word = (n: number) =>
      Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let k = 0; k < 500; k++) {
      const before = word(Math.floor(random() * 12));
      const after = random() < 0.1 ? before : word(Math.floor(random() * 12));
      const r = minimalReplacement(before, after);
      if (before === after) {
        assert.equal(r, null);
        continue;
      }
      assert.ok(r);
      assert.equal(before.slice(0, r.start) + r.text + before.slice(r.end), after, JSON.stringify({ before, after }));
      // Never cuts an emoji in half.
      assert.ok(!/^[\udc00-\udfff]/.test(before.slice(r.start)) || r.start === 0);
    }
  });

  it('replaces only the changed line of a one-node edit', () => {
    const before = readFileSync(join(presetDir, 'neumf.ncf.json'), 'utf8');
    const after = before.replace('"units": [64, 32, 16]', '"units": [64, 32, 8]');
    const r = minimalReplacement(before, after)!;
    assert.equal(r.text, '8');
    assert.equal(before.slice(r.start, r.end), '16');
  });
});
