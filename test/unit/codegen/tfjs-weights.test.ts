/**
 * The exported TypeScript says what to install, and `ncf export --lang ts --run DIR` carries a
 * run's trained weights: the generated `loadTrainedModel()` gives back a model that predicts what
 * the run's own model predicts, with the run's raw ids.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runExport } from '../../../src/cli/commands/export';
import { generateTypeScript } from '../../../src/core/codegen';
import { TFJS_VERSION } from '../../../src/core/codegen/tfjsLoader';
import { loadRunModel } from '../../../src/core/engine/save';
import { presetSpec } from '../../../src/core/presets';
import { loadModule, REPO_ROOT, typeCheck } from './harness';

interface LoaderModule {
  loadTrainedModel(manifest: string): {
    model: tf.LayersModel;
    userIndex: Map<string, number>;
    itemIndex: Map<string, number>;
    ratingRange: [number, number];
  };
}

describe('exported TypeScript: install hint and trained weights', function () {
  // Another test file may have registered the wasm backend: whichever is chosen is ready first.
  before(() => tf.ready());
  it("opens with the install command and package.json lines, at the project's TensorFlow.js version", function () {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    assert.equal(
      TFJS_VERSION,
      `^${pkg.dependencies['@tensorflow/tfjs']}`,
      'the hint names the version the project uses',
    );
    const code = generateTypeScript(presetSpec('mf'));
    assert.equal(code.split('\n')[0], `// Needs TensorFlow.js: npm install @tensorflow/tfjs@${TFJS_VERSION}`);
    assert.ok(code.includes(` *     "@tensorflow/tfjs": "${TFJS_VERSION}"`), 'the package.json lines in the header');
    const script = generateTypeScript(presetSpec('mf'), { trainingScript: true });
    assert.match(script.split('\n')[0], /@tensorflow\/tfjs-backend-wasm@/);
    assert.equal(script.split('\n')[1], '// To run it: npm install --save-dev tsx @types/node');
  });

  it("writes a run's weights beside the code, and loadTrainedModel() predicts as the run does", async function () {
    // Inside the repository, so that the generated module's imports resolve to its node_modules.
    const dir = mkdtempSync(path.join(REPO_ROOT, '.tfjs-export-'));
    try {
      const runDir = path.join(dir, 'run');
      execFileSync(
        process.execPath,
        [
          path.join(REPO_ROOT, 'dist/cli.js'),
          'train',
          '--preset',
          'neumf',
          '--data',
          'synthetic',
          '--epochs',
          '1',
          '--out',
          runDir,
        ],
        { stdio: 'pipe' },
      );
      const out = path.join(dir, 'neumf.ts');
      const result = await runExport({ lang: 'ts', run: runDir, out });
      for (const f of ['neumf.ts', 'neumf.weights.json', 'neumf.weights.bin'])
        assert.ok(existsSync(path.join(dir, f)), `${f} written`);
      assert.match(result.code, /export function loadTrainedModel\(manifestPath: string\)/);
      assert.deepEqual(typeCheck({ 'neumf.ts': result.code }), [], 'the module compiles under --strict');
      const withScript = await runExport({
        lang: 'ts',
        run: runDir,
        out: path.join(dir, 'script.ts'),
        trainingScript: true,
      });
      assert.deepEqual(typeCheck({ 'script.ts': withScript.code }), [], 'with the training script too');

      const generated = loadModule<LoaderModule>(result.code).loadTrainedModel(path.join(dir, 'neumf.weights.json'));
      const engine = await loadRunModel(runDir);
      const ids = JSON.parse(readFileSync(path.join(runDir, 'idmaps.json'), 'utf8')) as {
        users: string[];
        items: string[];
      };
      assert.equal(generated.userIndex.get(ids.users[5]), 5, 'raw user ids map to their rows');
      assert.equal(generated.itemIndex.get(ids.items[7]), 7);
      const users = tf.tensor1d([0, 5, 17, 300, 942], 'int32');
      const items = tf.tensor1d([0, 7, 99, 1000, 1681], 'int32');
      const predict = (m: tf.LayersModel) => (m.predict([users, items]) as tf.Tensor).dataSync();
      const mine = predict(generated.model);
      const theirs = predict(engine);
      assert.ok(Math.max(...theirs.map((v, i) => Math.abs(v - mine[i]))) < 1e-5, `${mine} vs ${theirs}`);
      // An untrained model would not: the weights did load.
      const fresh = predict(loadModule<{ buildModel(): tf.LayersModel }>(result.code).buildModel());
      assert.ok(Math.max(...theirs.map((v, i) => Math.abs(v - fresh[i]))) > 1e-3, 'differs from the untrained model');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
