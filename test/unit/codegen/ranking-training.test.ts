/**
 * The generated training script of a ranking spec, run as a user would run it (`npx tsx script.ts
 * interactions.csv`). The TypeScript one draws the engine's negatives and batches, so every epoch's
 * validation HR@10 and NDCG@10, the test figures and ItemPop's match `ncf train --task ranking
 * --engine layers`; the PyTorch one (its own generator) learns a grouped set far above random; the
 * Keras one compiles (TensorFlow for Python is not installed here).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generatePyTorch, generatePython, generateTypeScript } from '../../../src/core/codegen';
import { presetSpec } from '../../../src/core/presets';
import { loadDataset } from '../../../src/core/data/load';
import { interactionRows } from '../../../src/core/ranking/interactions';
import { runRankingJob } from '../../../src/core/ranking/job';
import { leaveOneOut } from '../../../src/core/ranking/loo';
import { Spec } from '../../../src/core/spec/schema';
import { groupedInteractions, smallInteractions, timedInteractions } from '../../helpers/interactions';
import { REPO_ROOT } from './harness';
import { TORCH_PYTHON, requireTorch } from './torch';

const withTraining = (spec: Spec, changes: Partial<Spec['training']>): Spec => ({
  ...spec,
  training: { ...spec.training, ...changes },
});

/** `label HR@10 x  NDCG@10 y` lines of the script's output. */
const figures = (stdout: string, label: string) =>
  [...stdout.matchAll(new RegExp(`^${label}.*HR@10 (\\d\\.\\d+) {2}NDCG@10 (\\d\\.\\d+)$`, 'gm'))].map((m) => ({
    hr: Number(m[1]),
    ndcg: Number(m[2]),
  }));

describe('codegen: the generated ranking training script (TypeScript)', function () {
  this.timeout(300_000);
  let dir: string;
  let csv: string;
  let timedCsv: string;

  before(() => {
    const output = path.join(REPO_ROOT, 'test-output');
    mkdirSync(output, { recursive: true });
    // Inside the repository, so that the script's imports resolve from its node_modules.
    dir = mkdtempSync(path.join(output, 'codegen-ranking-'));
    csv = path.join(dir, 'interactions.csv');
    writeFileSync(csv, smallInteractions());
    timedCsv = path.join(dir, 'timed.csv');
    writeFileSync(timedCsv, timedInteractions());
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  const runs: { title: string; spec: Spec; timed?: boolean }[] = [
    { title: 'GMF', spec: withTraining(presetSpec('gmf-ranking'), { epochs: 4, learningRate: 0.01, seed: 3 }) },
    {
      title: 'GMF on a file with a timestamp column against its order',
      spec: withTraining(presetSpec('gmf-ranking'), { epochs: 3, learningRate: 0.01, seed: 4 }),
      timed: true,
    },
    {
      title: 'NeuMF stopping early',
      spec: withTraining(presetSpec('neumf-ranking'), {
        epochs: 6,
        learningRate: 0.01,
        earlyStopping: { patience: 1, minDelta: 0 },
      }),
    },
  ];

  for (const run of runs) {
    it(`${run.title}: the same validation figures per epoch, test HR@10 and NDCG@10 and ItemPop as ncf train`, async function () {
      const script = path.join(dir, `${run.title.split(' ')[0].toLowerCase()}${run.timed ? '-timed' : ''}.ts`);
      const data = run.timed ? timedCsv : csv;
      writeFileSync(script, generateTypeScript(run.spec, { trainingScript: true }));
      const child = spawnSync(process.execPath, [require.resolve('tsx/cli'), script, data], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 240_000,
      });
      assert.equal(child.status, 0, child.stderr);
      const [test] = figures(child.stdout, 'test');
      const [itemPop] = figures(child.stdout, 'ItemPop');
      const val = figures(child.stdout, 'epoch');
      assert.ok(test && itemPop, `no test figures in the script's output:\n${child.stdout}`);

      const job = await runRankingJob({ spec: run.spec, data: `csv:${data}`, backend: 'wasm', engine: 'layers' });
      job.model.dispose();
      const { result } = job;
      const said = `ncf train: ${JSON.stringify(result.test)}; the script:\n${child.stdout}`;
      assert.equal(val.length, result.history.length, said);
      val.forEach((v, k) => {
        assert.ok(Math.abs(v.hr - result.history[k].val!.hr) <= 1e-4, `epoch ${k + 1} HR; ${said}`);
        assert.ok(Math.abs(v.ndcg - result.history[k].val!.ndcg) <= 1e-4, `epoch ${k + 1} NDCG; ${said}`);
      });
      assert.ok(Math.abs(test.hr - result.test.hr) <= 1e-4, said);
      assert.ok(Math.abs(test.ndcg - result.test.ndcg) <= 1e-4, said);
      assert.ok(Math.abs(itemPop.hr - result.baselines.itemPop.hr) <= 1e-4, said);
      assert.ok(Math.abs(itemPop.ndcg - result.baselines.itemPop.ndcg) <= 1e-4, said);
      // Both keep the best epoch's weights (early stopping is on in both specs).
      assert.match(child.stdout, new RegExp(`^kept the weights of epoch ${result.bestEpoch}$`, 'm'), said);
    });
  }
});

describe('codegen: the generated ranking training scripts (PyTorch, Keras)', function () {
  this.timeout(300_000);
  let dir: string;
  let csv: string;
  const spec = withTraining(presetSpec('neumf-ranking'), { epochs: 10, learningRate: 0.01 });

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ncf-ranking-py-'));
    csv = path.join(dir, 'interactions.csv');
    writeFileSync(csv, groupedInteractions());
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('PyTorch: trains NeuMF on four taste groups, far above random and ItemPop, stopping on validation NDCG@10', function () {
    requireTorch();
    const script = path.join(dir, 'neumf_torch.py');
    writeFileSync(script, generatePyTorch(spec, { trainingScript: true }));
    const child = spawnSync(TORCH_PYTHON, [script, csv], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stdout, /^1280 interactions, 80 users, 160 items; train 1120, validation 80, test 80$/m);
    const val = figures(child.stdout, 'epoch');
    assert.ok(val.length >= 1 && val.length <= 10, child.stdout);
    const [test] = figures(child.stdout, 'test');
    const [itemPop] = figures(child.stdout, 'ItemPop');
    // Random ranks the test item in the top 10 of 100 one time in ten.
    assert.ok(test.hr > 0.3 && test.hr > itemPop.hr + 0.2, child.stdout);
    assert.ok(test.ndcg > 0 && test.ndcg <= test.hr, child.stdout);
    const kept = /^kept the weights of epoch (\d+)$/m.exec(child.stdout);
    assert.ok(kept, child.stdout);
    const best = Math.max(...val.map((v) => v.ndcg));
    assert.equal(val[Number(kept[1]) - 1].ndcg, best, 'the kept epoch has the best validation NDCG@10');
  });

  it("PyTorch: leave-one-out goes by the timestamp column, ties by item id as numbers, as ncf train's", async function () {
    requireTorch();
    const script = path.join(dir, 'split_torch.py');
    writeFileSync(script, generatePyTorch(spec, { trainingScript: true }));
    const timed = path.join(dir, 'timed.csv');
    writeFileSync(timed, timedInteractions());
    const driver = [
      'import importlib.util, json, sys',
      "spec = importlib.util.spec_from_file_location('generated', sys.argv[1])",
      'module = importlib.util.module_from_spec(spec)',
      'spec.loader.exec_module(module)',
      'users, items, _, _, times, ids = module.read_interactions(sys.argv[2])',
      'train, val, test = module.leave_one_out(users, items, times, ids)',
      "pairs = lambda rows: sorted(f'{users[r]}:{ids[items[r]]}' for r in rows)",
      "print(json.dumps({'val': pairs(val), 'test': pairs(test)}))",
    ].join('\n');
    const child = spawnSync(TORCH_PYTHON, ['-c', driver, script, timed], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    const python = JSON.parse(child.stdout) as { val: string[]; test: string[] };

    const data = await loadDataset(`csv:${timed}`);
    const pairs = (rows: Int32Array) =>
      Array.from(rows, (r) => `${data.users[r]}:${data.itemIds[data.items[r]]}`).sort();
    const ours = leaveOneOut(data, interactionRows(data));
    assert.deepEqual(python.test, pairs(ours.test));
    assert.deepEqual(python.val, pairs(ours.val!));
    const byFile = leaveOneOut({ ...data, timestamps: undefined }, interactionRows(data));
    assert.notDeepEqual(pairs(ours.test), pairs(byFile.test), 'the times pick other test rows than the file order');
  });

  it('Keras: the ranking training script passes python3 -m py_compile', function () {
    const script = path.join(dir, 'neumf_keras.py');
    const code = generatePython(spec, { trainingScript: true });
    assert.match(code, /BinaryCrossentropy\(from_logits=True\)/);
    assert.match(code, /def evaluation_negatives\(/);
    writeFileSync(script, code);
    const child = spawnSync(TORCH_PYTHON, ['-m', 'py_compile', script], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
  });
});
