import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presetDocument } from '../../../src/core/presets';
import { checkSpec } from '../../../src/core/spec/check';
import { getPath } from '../../../src/core/tune/space';
import { smallRatings, writeRatingsCsv } from './helpers';
import { jsonLines } from '../../helpers/ncf';

const REPO_ROOT = join(__dirname, '../../..');
/** The CLI from its source, as a person runs it (importing bad-input.test would run that suite too). */
const ncf = (args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 600_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const keys = (x: unknown) => Object.keys(x as object).sort();
const isMetrics = (m: unknown) => {
  assert.deepEqual(keys(m), ['mae', 'rmse']);
  const { rmse, mae } = m as { rmse: number; mae: number };
  assert.ok(rmse > 0 && mae > 0 && mae <= rmse, JSON.stringify(m));
};

describe('CLI: ncf tune and ncf compare --json (the shapes the issue names)', function () {
  this.timeout(600_000);
  let dir: string;
  let data: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ncf-tune-cli-'));
    writeRatingsCsv(join(dir, 'ratings.csv'), smallRatings());
    data = `csv:${join(dir, 'ratings.csv')}`;
    for (const [file, preset, name] of [
      ['a.ncf.json', 'mf-bias', 'A'],
      ['b.ncf.json', 'gmf', 'B'],
    ])
      writeFileSync(join(dir, file), JSON.stringify({ ...presetDocument(preset), name }, null, 2));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('tune --json: one line per trial as it finishes, then the tune-result; the chosen spec is written as a new file', () => {
    const out = join(dir, 'search');
    const r = ncf([
      'tune',
      '--spec',
      join(dir, 'a.ncf.json'),
      '--space',
      'p.dim+q.dim=4,16;training.learningRate=0.002,0.01',
      '--strategy',
      'grid',
      '--data',
      data,
      '--split',
      'kfold:2',
      '--trials',
      '3',
      '--jobs',
      '2',
      '--epochs',
      '2',
      '--out',
      out,
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    assert.deepEqual(
      lines.map((l) => l.event),
      ['trial', 'trial', 'trial', 'tune-result'],
    );
    const trials = lines.slice(0, 3);
    for (const t of trials) {
      assert.deepEqual(keys(t), [
        'event',
        'folds',
        'number',
        'params',
        'seconds',
        'seed',
        'status',
        'train',
        'val',
        'valStd',
      ]);
      assert.equal(t.status, 'complete');
      assert.equal(t.seed, 42);
      const folds = t.folds as { fold: string; seed: number; epochs: { train: unknown; val: unknown }[] }[];
      assert.deepEqual(
        folds.map((f) => f.fold),
        ['kfold:2#1', 'kfold:2#2'],
      );
      for (const f of folds) {
        assert.ok(f.epochs.length >= 1 && f.epochs.length <= 2);
        for (const e of f.epochs) [e.train, e.val].forEach(isMetrics);
        assert.ok(!('test' in f), 'a trial never measures a test part');
      }
    }
    // Grid order: the last parameter varies fastest.
    assert.deepEqual(
      [...trials].sort((x, y) => (x.number as number) - (y.number as number)).map((t) => t.params),
      [
        { 'p.dim+q.dim': 4, 'training.learningRate': 0.002 },
        { 'p.dim+q.dim': 4, 'training.learningRate': 0.01 },
        { 'p.dim+q.dim': 16, 'training.learningRate': 0.002 },
      ],
    );

    const result = lines[3] as {
      best: { params: Record<string, number>; val: unknown; train: unknown; test: unknown };
      default: { val: unknown; test: unknown };
    } & Record<string, unknown>;
    assert.deepEqual(keys(result), ['best', 'default', 'event', 'pruned', 'refit', 'seconds', 'strategy', 'trials']);
    assert.equal(result.strategy, 'grid');
    assert.equal(result.refit, true, 'the test figures are of models refit on the whole training fold');
    assert.equal(result.trials, 3);
    assert.equal(result.pruned, 0);
    assert.deepEqual(keys(result.best), ['params', 'test', 'train', 'val']);
    assert.deepEqual(keys(result.default), ['test', 'val']);
    [result.best.val, result.best.train, result.best.test, result.default.val, result.default.test].forEach(isMetrics);
    // The best is the trial with the lowest mean validation RMSE, and its validation figure is that trial's.
    const chosen = [...trials].sort((x, y) => (x.val as { rmse: number }).rmse - (y.val as { rmse: number }).rmse)[0];
    assert.deepEqual(result.best.params, chosen.params);
    assert.deepEqual(result.best.val, chosen.val);

    // trials.jsonl holds what was printed; result.json the result; the tuned spec is a new file beside the spec.
    assert.deepEqual(jsonLines(readFileSync(join(out, 'trials.jsonl'), 'utf8')), trials);
    const saved = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    assert.deepEqual(saved.best, result.best);
    assert.equal(saved.bestTrial, chosen.number);
    const tunedFile = join(dir, 'a.tuned.ncf.json');
    assert.ok(existsSync(tunedFile), 'a.tuned.ncf.json is written');
    const tuned = checkSpec(JSON.parse(readFileSync(tunedFile, 'utf8')));
    assert.ok(tuned.ok, 'the tuned spec checks');
    const spec = tuned.checked.spec;
    assert.equal(spec.name, 'A tuned');
    for (const path of ['p.dim', 'q.dim']) assert.equal(getPath(spec, path), result.best.params['p.dim+q.dim']);
    assert.equal(spec.training.learningRate, result.best.params['training.learningRate']);
    assert.equal(readFileSync(join(dir, 'a.ncf.json'), 'utf8').includes('"name": "A"'), true, 'the spec is untouched');
  });

  it('tune on the built-in synthetic set (whose baselines carry a noise floor) reports its result: the final evaluation is not dropped', () => {
    const out = join(dir, 'synthetic-search');
    // A spec in the test's folder, so the tuned spec written beside it stays out of the repository.
    const spec = join(dir, 'synthetic.ncf.json');
    writeFileSync(spec, JSON.stringify({ ...presetDocument('mf-bias'), name: 'S' }, null, 2));
    const r = ncf([
      'tune',
      '--spec',
      spec,
      '--space',
      'p.dim+q.dim=4',
      '--strategy',
      'grid',
      '--data',
      'synthetic',
      '--split',
      'kfold:2',
      '--trials',
      '1',
      '--epochs',
      '1',
      '--out',
      out,
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    assert.deepEqual(
      lines.map((l) => l.event),
      ['trial', 'tune-result'],
      r.stderr,
    );
    isMetrics((lines[1] as { best: { test: unknown } }).best.test);
    assert.ok(existsSync(join(out, 'result.json')), 'result.json is written');
  });

  it('compare --json: one line per model, then the compare-result with the folds, the paired tests and the baselines', () => {
    const r = ncf([
      'compare',
      '--spec',
      join(dir, 'a.ncf.json'),
      '--spec',
      join(dir, 'b.ncf.json'),
      '--data',
      data,
      '--split',
      'kfold:3',
      '--epochs',
      '2',
      '--jobs',
      '2',
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    assert.deepEqual(
      lines.map((l) => l.event),
      ['model', 'model', 'compare-result'],
    );
    const models = lines.slice(0, 2) as ({ foldTest: number[]; test: { rmse: number } } & Record<string, unknown>)[];
    assert.deepEqual(
      models.map((m) => m.name),
      ['a', 'b'],
    );
    for (const m of models) {
      assert.deepEqual(keys(m), [
        'epochs',
        'event',
        'foldTest',
        'name',
        'params',
        'seconds',
        'test',
        'testStd',
        'train',
        'trainStd',
        'val',
        'valStd',
      ]);
      [m.train, m.val, m.test].forEach(isMetrics);
      assert.equal(m.foldTest.length, 3);
      const mean = m.foldTest.reduce((s, x) => s + x, 0) / 3;
      assert.ok(Math.abs(mean - m.test.rmse) < 1e-9, 'test RMSE is the mean over the folds');
      assert.ok((m.params as number) > 0 && (m.epochs as number) >= 1 && (m.epochs as number) <= 2);
    }
    const result = lines[2] as {
      pairs: { a: string; b: string; meanDiff: number; p: number; significant: boolean }[];
      baselines: { globalMean: unknown; userItemBias: unknown };
    } & Record<string, unknown>;
    assert.deepEqual(keys(result), [
      'baselines',
      'data',
      'event',
      'folds',
      'models',
      'pairs',
      'seconds',
      'seed',
      'split',
    ]);
    assert.deepEqual(result.models, ['a', 'b']);
    assert.deepEqual(result.folds, ['kfold:3#1', 'kfold:3#2', 'kfold:3#3']);
    assert.equal(result.seed, 42, "every model gets the first model's seed");
    assert.equal(result.pairs.length, 1);
    const [pair] = result.pairs;
    assert.equal(pair.a, 'a');
    assert.equal(pair.b, 'b');
    assert.ok(Math.abs(pair.meanDiff - (models[0].test.rmse - models[1].test.rmse)) < 1e-9);
    assert.ok(pair.p >= 0 && pair.p <= 1);
    assert.equal(pair.significant, pair.p < 0.05);
    [result.baselines.globalMean, result.baselines.userItemBias].forEach(isMetrics);
  });
});
