import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRunModel } from '../../../src/core/engine/save';
import { ncf } from './bad-input.test';
import { jsonLines } from '../../helpers/ncf';

describe('CLI: train, presets, validate', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ncf-cli-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--json prints an epoch line per epoch and a result line with baselines; --out writes a loadable run', async () => {
    const out = join(dir, 'run');
    const r = ncf(['train', '--preset', 'gmf', '--epochs', '2', '--json', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    assert.deepEqual(
      lines.map((l) => l.event),
      ['epoch', 'epoch', 'result'],
    );
    assert.deepEqual(
      lines.slice(0, 2).map((l) => l.epoch),
      [1, 2],
    );
    for (const key of ['loss', 'train', 'val', 'seconds']) assert.ok(key in lines[0], key);
    const result = lines[2];
    assert.equal(result.preset, 'gmf');
    assert.ok(['wasm', 'cpu', 'tensorflow'].includes(result.backend));
    for (const m of [result.test, result.baselines.globalMean, result.baselines.userItemBias])
      assert.ok(m.rmse > 0 && m.mae > 0);
    for (const f of ['model.json', 'weights.bin', 'idmaps.json', 'spec.ncf.json', 'metrics.json'])
      assert.ok(existsSync(join(out, f)), f);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    assert.equal(metrics.test.rmse, result.test.rmse);
    const idmaps = JSON.parse(readFileSync(join(out, 'idmaps.json'), 'utf8'));
    assert.equal(idmaps.users.length, 943);
    const model = await loadRunModel(out);
    assert.deepEqual(model.outputs[0].shape, [null, 1]);
    model.dispose();
  });

  it('says why the fast engine fell back: engine layers (the fast engine does not train dropout)', () => {
    const spec = JSON.parse(readFileSync(join(__dirname, '../../../src/core/presets/ncf.ncf.json'), 'utf8'));
    spec.nodes = spec.nodes.map((n: { op: string }) => (n.op === 'mlp' ? { ...n, dropout: 0.2 } : n));
    const file = join(dir, 'dropout.ncf.json');
    writeFileSync(file, JSON.stringify(spec));
    const r = ncf(['train', '--spec', file, '--epochs', '1']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /backend \w+, engine layers \(the fast engine does not train dropout\):/);
  });

  it('--threads 1 and --threads 2 give the same run; --threads 0 is refused', () => {
    const run = (threads: string) => {
      const r = ncf([
        'train',
        '--preset',
        'neumf',
        '--epochs',
        '2',
        '--batch-size',
        '1024',
        '--threads',
        threads,
        '--json',
      ]);
      assert.equal(r.status, 0, r.stderr);
      const lines = jsonLines(r.stdout);
      return { losses: lines.filter((l) => l.event === 'epoch').map((l) => l.loss), test: lines.pop().test };
    };
    assert.deepEqual(run('2'), run('1'));
    const r = ncf(['train', '--threads', '0']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /--threads must be a positive whole number/);
  });

  it('kfold:3 reports each fold and the mean ± std', () => {
    const r = ncf(['train', '--preset', 'mf-bias', '--epochs', '1', '--split', 'kfold:3', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout.trim().split('\n').pop()!);
    assert.equal(result.folds.length, 3);
    const mean = result.folds.reduce((s: number, f: { test: { rmse: number } }) => s + f.test.rmse, 0) / 3;
    assert.ok(Math.abs(result.mean.rmse - mean) < 1e-9);
    assert.ok(result.std.rmse >= 0);
  });

  it('presets lists name, formula and parameter count', () => {
    const r = ncf(['presets', '--json']);
    const rows = JSON.parse(r.stdout);
    assert.deepEqual(
      rows.map((x: { name: string }) => x.name),
      [
        'mf',
        'mf-bias',
        'gmf',
        'ncf',
        'ancf',
        'neumf',
        'feat',
        'feat-mf',
        'feat-tower',
        'gmf-ranking',
        'mlp-ranking',
        'neumf-ranking',
        'text-embedding',
        'text-embedding-max',
        'text-flatten',
      ],
    );
    assert.equal(rows.find((x: { name: string }) => x.name === 'neumf').params, 174817);
    assert.match(rows[0].formula, /pᵤᵀqᵢ/);
  });

  it('validate: "ok", or exit 1 with every error', () => {
    const good = join(__dirname, '../../../src/core/presets/neumf.ncf.json');
    const ok = ncf(['validate', good]);
    assert.equal(ok.status, 0);
    assert.match(ok.stdout, /^ok/);
    const bad = join(dir, 'bad.ncf.json');
    writeFileSync(
      bad,
      JSON.stringify({ version: 1, name: 'x', nodes: [{ id: 'o', op: 'output', inputs: ['a', 'b'] }] }),
    );
    const r = ncf(['validate', bad]);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /bad\.ncf\.json:1: node 'o', field 'inputs': Output \(rating\) takes exactly 1 input, got 2/,
    );
  });
});
