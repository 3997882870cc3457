/**
 * The generated PyTorch module is the engine's model: with the engine's weights, exported as
 * `ncf export --lang pytorch --run` exports them, it predicts what the engine predicts (within
 * 1e-5) for every preset and the random specs, run by Debian's Python with PyTorch.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Command } from 'commander';
import { registerExportCommand } from '../../../src/cli/commands/export';
import { generatePyTorch, MOVIELENS_100K_MEAN } from '../../../src/core/codegen';
import { buildModel } from '../../../src/core/engine/model';
import { saveRun } from '../../../src/core/engine/save';
import { torchWeights } from '../../../src/core/engine/torchWeights';
import { PRESET_NAMES, presetSpec } from '../../../src/core/presets';
import { CheckedSpec, checkSpec } from '../../../src/core/spec/check';
import { Spec } from '../../../src/core/spec/schema';
import { DEFAULT_VOCABULARY } from '../../../src/core/spec/shapes';
import { smallData } from '../../helpers/data';
import { randomBatch } from './harness';
import { randomSpec } from './random-specs';
import { TORCH_PYTHON, requireTorch } from './torch';

const PREDICTOR = path.join(__dirname, 'torch_predict.py');
const ROWS = 32;
const RANGE: [number, number] = [1, 5];

function checked(raw: unknown): CheckedSpec {
  const result = checkSpec(raw);
  if (!result.ok) throw new Error(`invalid spec: ${result.issues[0].message}`);
  return result.checked;
}

const cases: { title: string; spec: Spec }[] = [
  ...PRESET_NAMES.map((name) => ({ title: `preset ${name}`, spec: presetSpec(name) })),
  ...Array.from({ length: 50 }, (_, k) => ({ title: `random spec ${k}`, spec: checked(randomSpec(k)).spec })),
];

interface Job {
  module: string;
  weights: string;
  inputs: { shape: number[]; dtype: string; values: number[] }[];
}
interface Predicted {
  raw: number[];
  clipped: number[];
  params: number;
}

/** Inputs as forward() takes them: a single id per row is a vector [batch], as nn.Embedding wants it. */
const torchInputs = (batch: tf.Tensor[]) =>
  batch.map((t) => ({
    shape: t.dtype === 'int32' && t.shape[1] === 1 ? [t.shape[0]] : t.shape,
    dtype: t.dtype,
    values: Array.from(t.dataSync()),
  }));

const worst = (a: number[], b: ArrayLike<number>) => a.reduce((m, v, k) => Math.max(m, Math.abs(v - b[k])), 0);

describe('codegen: generated PyTorch predicts what the engine predicts', function () {
  this.timeout(600_000);
  let dir: string;
  const expected: { raw: number[]; params: number }[] = [];
  let predicted: Predicted[] = [];

  before(async function () {
    requireTorch();
    await tf.ready();
    dir = mkdtempSync(path.join(tmpdir(), 'ncf-codegen-torch-'));
    const jobs: Job[] = cases.map((c, k) => {
      const spec = checked(c.spec);
      const engine = buildModel(spec, {
        vocabulary: DEFAULT_VOCABULARY,
        globalMean: MOVIELENS_100K_MEAN,
        seed: c.spec.training.seed,
      });
      try {
        // Perturbed, so that no table is all zeros (biases start at 0) and predictions leave the scale.
        tf.tidy(() =>
          engine.setWeights(engine.getWeights().map((w) => w.add(tf.randomNormal(w.shape, 0, 0.1, 'float32', k)))),
        );
        const sizes = Object.fromEntries(
          Object.entries(spec.shapes).flatMap(([id, s]) =>
            s.kind === 'ids' ? [[id, DEFAULT_VOCABULARY[s.vocab]]] : [],
          ),
        );
        const batch = randomBatch(engine, sizes, ROWS, k);
        expected.push({
          raw: Array.from((engine.predict(batch) as tf.Tensor).dataSync()),
          params: engine.countParams(),
        });
        const weights = torchWeights(engine, c.spec, {
          dataFile: `model_${k}.weights.bin`,
          ratingRange: RANGE,
          globalMean: MOVIELENS_100K_MEAN,
        });
        writeFileSync(path.join(dir, `model_${k}.weights.bin`), weights.data);
        writeFileSync(path.join(dir, `model_${k}.weights.json`), JSON.stringify(weights.manifest));
        writeFileSync(path.join(dir, `model_${k}.py`), generatePyTorch(c.spec));
        writeFileSync(path.join(dir, `train_${k}.py`), generatePyTorch(c.spec, { trainingScript: true }));
        const inputs = torchInputs(batch);
        tf.dispose(batch);
        return { module: path.join(dir, `model_${k}.py`), weights: path.join(dir, `model_${k}.weights.json`), inputs };
      } finally {
        engine.dispose();
      }
    });
    writeFileSync(path.join(dir, 'jobs.json'), JSON.stringify(jobs));
    predicted = JSON.parse(
      execFileSync(TORCH_PYTHON, [PREDICTOR, path.join(dir, 'jobs.json')], { encoding: 'utf8', maxBuffer: 1 << 26 }),
    );
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('every module and training script passes py_compile', function () {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.py'))
      .map((f) => path.join(dir, f));
    assert.equal(files.length, 2 * cases.length);
    const run = spawnSync(TORCH_PYTHON, ['-m', 'py_compile', ...files], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  cases.forEach((c, k) => {
    it(`${c.title}: same parameter count, same predictions within 1e-5, clipped by predict()`, function () {
      const ours = predicted[k];
      assert.equal(ours.params, expected[k].params);
      assert.equal(ours.raw.length, ROWS);
      const gap = worst(ours.raw, expected[k].raw);
      assert.ok(gap <= 1e-5, `predictions differ by up to ${gap}`);
      const clipped = expected[k].raw.map((v) => Math.min(RANGE[1], Math.max(RANGE[0], v)));
      assert.ok(worst(ours.clipped, clipped) <= 1e-5);
    });
  });

  it("dense kernels are exported in nn.Linear's layout, [out, in]", function () {
    const spec = checked(presetSpec('neumf'));
    const engine = buildModel(spec, { vocabulary: DEFAULT_VOCABULARY, globalMean: MOVIELENS_100K_MEAN, seed: 1 });
    try {
      const weights = torchWeights(engine, spec.spec, {
        dataFile: 'w.bin',
        ratingRange: RANGE,
        globalMean: MOVIELENS_100K_MEAN,
      });
      assert.deepEqual(weights.manifest.tensors.find((t) => t.name === 'psi_2.weight')?.shape, [32, 64]);
      const kernel = engine.getLayer('psi_2').getWeights()[0].arraySync() as number[][];
      const exported = new Float32Array(weights.data.buffer, weights.data.byteOffset, weights.data.byteLength / 4);
      const at = weights.manifest.tensors.find((t) => t.name === 'psi_2.weight')!.offset;
      assert.equal(exported[at + 5 * 64 + 7], Math.fround(kernel[7][5]));
    } finally {
      engine.dispose();
    }
  });
});

describe('ncf export --lang pytorch --run DIR', function () {
  this.timeout(600_000);
  let dir: string;
  before(() => {
    requireTorch();
    dir = mkdtempSync(path.join(tmpdir(), 'ncf-export-torch-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("writes the module and the run's weights; loaded by PyTorch they predict what the saved run predicts", async function () {
    await tf.ready();
    const { dataset } = smallData(5);
    const spec = checked(presetSpec('neumf'));
    const vocabulary = { ...DEFAULT_VOCABULARY, ...dataset.vocabulary };
    const model = buildModel(checked(presetSpec('neumf')), { vocabulary, globalMean: 3.3, seed: 9 });
    tf.tidy(() =>
      model.setWeights(model.getWeights().map((w) => w.add(tf.randomNormal(w.shape, 0, 0.3, 'float32', 3)))),
    );
    const run = path.join(dir, 'run');
    await saveRun(run, { model, spec: spec.spec, dataset, result: {} });
    const out = path.join(dir, 'neumf_torch.py');
    const program = new Command('ncf').exitOverride();
    registerExportCommand(program);
    await program.parseAsync(['export', '--lang', 'pytorch', '--run', run, '--out', out], { from: 'user' });
    assert.deepEqual(readdirSync(dir).sort(), [
      'neumf_torch.py',
      'neumf_torch.weights.bin',
      'neumf_torch.weights.json',
      'run',
    ]);

    const users = Array.from({ length: ROWS }, (_, k) => (k * 7) % dataset.userIds.length);
    const items = Array.from({ length: ROWS }, (_, k) => (k * 13) % dataset.itemIds.length);
    const batch = [tf.tensor2d(users, [ROWS, 1], 'int32'), tf.tensor2d(items, [ROWS, 1], 'int32')];
    const expected = Array.from((model.predict(batch) as tf.Tensor).dataSync());
    tf.dispose(batch);
    model.dispose();
    const job: Job = {
      module: out,
      weights: path.join(dir, 'neumf_torch.weights.json'),
      inputs: [users, items].map((values) => ({ shape: [ROWS], dtype: 'int32', values })),
    };
    writeFileSync(path.join(dir, 'job.json'), JSON.stringify([job]));
    const [ours] = JSON.parse(
      execFileSync(TORCH_PYTHON, [PREDICTOR, path.join(dir, 'job.json')], { encoding: 'utf8' }),
    ) as Predicted[];
    assert.ok(worst(ours.raw, expected) <= 1e-5, `predictions differ by up to ${worst(ours.raw, expected)}`);
    const clipped = expected.map((v) => Math.min(dataset.ratingRange[1], Math.max(dataset.ratingRange[0], v)));
    assert.ok(worst(ours.clipped, clipped) <= 1e-5);
  });

  it('refuses a folder that is not a run, in one line, and writes nothing', async function () {
    const program = new Command('ncf').exitOverride();
    registerExportCommand(program);
    const out = path.join(dir, 'x.py');
    await assert.rejects(
      program.parseAsync(['export', '--lang', 'pytorch', '--run', dir, '--out', out], { from: 'user' }),
      (e: unknown) =>
        e instanceof Error &&
        /not a training run folder: there is no model\.json/.test(e.message) &&
        !e.message.includes('\n'),
    );
    assert.ok(!readdirSync(dir).includes('x.py'));
  });
});
