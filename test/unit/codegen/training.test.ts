/**
 * The generated TypeScript training script, run as a user would run it (`npx tsx script.ts
 * data.csv`), reaches the test RMSE that `ncf train` reaches on the same CSV with the same spec,
 * seed and settings. Synthetic data, kept small, stands in for MovieLens.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import seedrandom from 'seedrandom';
import { generateTypeScript } from '../../../src/core/codegen';
import { SEEDED_RANDOM_TS } from '../../../src/core/codegen/training-typescript';
import { loadDataset } from '../../../src/core/data/load';
import { defaultFastStepper } from '../../../src/core/engine/fast';
import { runJob } from '../../../src/core/job/runJob';
import { EngineName } from '../../../src/core/engine/events';
import { presetSpec } from '../../../src/core/presets';
import { Spec } from '../../../src/core/spec/schema';
import { REPO_ROOT, loadModule } from './harness';

/** A small synthetic set: about 8,600 training rows, a few seconds per run. */
const SHAPE = { users: 200, items: 300, ratings: 12_000 };

function withTraining(spec: Spec, changes: Partial<Spec['training']>): Spec {
  return { ...spec, training: { ...spec.training, ...changes } };
}

describe('codegen: the generated training script', function () {
  this.timeout(300_000);
  let dir: string;
  let csv: string;

  before(async function () {
    const output = path.join(REPO_ROOT, 'test-output');
    mkdirSync(output, { recursive: true });
    // Inside the repository, so that the script's imports resolve from its node_modules.
    dir = mkdtempSync(path.join(output, 'codegen-'));
    const data = await loadDataset('synthetic', { seed: 42, synthetic: SHAPE });
    const lines = ['user,item,rating'];
    for (let r = 0; r < data.ratings.length; r++)
      lines.push(`${data.userIds[data.users[r]]},${data.itemIds[data.items[r]]},${data.ratings[r]}`);
    csv = path.join(dir, 'ratings.csv');
    writeFileSync(csv, lines.join('\n') + '\n');
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("draws the same numbers as the engine's seeded generator (so the same split and batches)", function () {
    const { seededRandom } = loadModule<{ seededRandom: (seed: string) => () => number }>(
      `${SEEDED_RANDOM_TS}\nexport { seededRandom };`,
    );
    for (const seed of ['42:random-split', '7:shuffle', '', 'ünïcode']) {
      const ours = seededRandom(seed);
      const theirs = seedrandom(seed);
      for (let k = 0; k < 2000; k++) assert.equal(ours(), theirs(), `seed '${seed}', draw ${k}`);
    }
  });

  /**
   * `layers` is `ncf train --engine layers`: plain LayersModel.fit, the procedure the script
   * spells out, so every epoch matches. `fast` is `ncf train` as it runs by default (its own
   * training step, meant to compute the same thing): the final RMSE is held to 0.01.
   */
  const runs: { title: string; spec: Spec; engines: EngineName[] }[] = [
    {
      title: 'MF-bias (biases, dot, μ)',
      spec: withTraining(presetSpec('mf-bias'), { epochs: 6, seed: 7 }),
      engines: ['layers', 'fast'],
    },
    {
      title: 'NeuMF (GMF and MLP branches)',
      spec: withTraining(presetSpec('neumf'), { epochs: 5, seed: 5 }),
      engines: ['fast'],
    },
    {
      title: 'NeuMF stopping early',
      spec: withTraining(presetSpec('neumf'), {
        epochs: 8,
        seed: 3,
        learningRate: 0.01,
        earlyStopping: { patience: 1, minDelta: 0 },
      }),
      engines: ['layers'],
    },
  ];

  for (const run of runs) {
    it(`${run.title}: reaches the test RMSE of ncf train (${run.engines.join(', ')} engine) within 0.01`, async function () {
      const script = path.join(dir, `${run.spec.name.toLowerCase()}.ts`);
      writeFileSync(script, generateTypeScript(run.spec, { trainingScript: true }));
      const child = spawnSync(process.execPath, [require.resolve('tsx/cli'), script, csv], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 240_000,
      });
      assert.equal(child.status, 0, child.stderr);
      const printed = /^test RMSE (\d+\.\d+) {2}MAE (\d+\.\d+)$/m.exec(child.stdout);
      assert.ok(printed, `no test RMSE in the script's output:\n${child.stdout}`);
      const valRmse = [...child.stdout.matchAll(/^epoch \d+\/\d+ .* val RMSE (\d+\.\d+)/gm)].map((m) => Number(m[1]));

      for (const engine of run.engines) {
        // What `ncf train --spec … --data csv:ratings.csv [--engine layers]` does; its default split is random:0.2.
        const job = await runJob({
          spec: run.spec,
          data: `csv:${csv}`,
          split: 'random:0.2',
          backend: 'wasm',
          engine,
          fastStepper: defaultFastStepper,
        });
        job.model.dispose();
        const { test, history } = job.result;
        const said: string = `${engine} engine: test RMSE ${test.rmse.toFixed(4)} MAE ${test.mae.toFixed(4)}; script: ${printed[1]} ${printed[2]}`;
        assert.ok(Math.abs(Number(printed[1]) - test.rmse) <= 0.01, said);
        assert.ok(Math.abs(Number(printed[2]) - test.mae) <= 0.01, said);
        if (engine === 'layers') {
          // The same procedure: the same epochs (early stopping included), each with the same validation RMSE.
          assert.equal(valRmse.length, history.length, said);
          // The script prints 4 decimals: equal up to that rounding.
          valRmse.forEach((v, k) =>
            assert.ok(
              Math.abs(v - history[k].val!.rmse) <= 1e-4,
              `epoch ${k + 1}: ${v} vs ${history[k].val!.rmse}; ${said}`,
            ),
          );
        }
      }
    });
  }
});
