/**
 * The generated Python (Keras) compiles, and read with Python's own parser it creates the
 * engine's layers: same classes, names, sizes and connections. TensorFlow for Python is not
 * installed on the machines this runs on, so the Keras code is never executed here.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { generatePython, MOVIELENS_100K_MEAN } from '../../../src/core/codegen';
import { buildModel } from '../../../src/core/engine/model';
import { PRESET_NAMES, presetSpec } from '../../../src/core/presets';
import { checkSpec } from '../../../src/core/spec/check';
import { Spec } from '../../../src/core/spec/schema';
import { DEFAULT_VOCABULARY } from '../../../src/core/spec/shapes';
import { randomSpec } from './random-specs';

const PYTHON = process.env.PYTHON ?? 'python3';
const READER = path.join(__dirname, 'keras_layers.py');

interface KerasLayer {
  class: string;
  name: string;
  args: Record<string, unknown>;
  inbound: string[];
}

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** An engine layer as the generated Keras should write it. */
function kerasView(layer: tf.layers.Layer): KerasLayer {
  // getConfig() is loosely typed: these are the fields each class is known to have.
  const c = layer.getConfig() as Record<string, never>;
  const l2 = (r: { config: { l2: number } } | null) => (r ? { l2: r.config.l2 } : undefined);
  const cls = layer.getClassName();
  const args: Record<string, () => Record<string, unknown>> = {
    InputLayer: () => ({ shape: (c.batchInputShape as number[]).slice(1), dtype: c.dtype }),
    Embedding: () => ({
      input_dim: c.inputDim,
      output_dim: c.outputDim,
      embeddings_initializer:
        (c.embeddingsInitializer as { className: string }).className === 'Zeros' ? 'zeros' : undefined,
      embeddings_regularizer: l2(c.embeddingsRegularizer),
    }),
    Dense: () => ({
      units: c.units,
      activation: c.activation,
      use_bias: c.useBias,
      kernel_regularizer: l2(c.kernelRegularizer),
    }),
    Dropout: () => ({ rate: c.rate }),
    Rescaling: () => ({ scale: c.scale, offset: c.offset }),
    Activation: () => ({ activation: c.activation }),
    // The engine's axes -1 of two vectors is Keras's axes=1.
    Dot: () => ({ axes: c.axes === -1 ? 1 : c.axes, normalize: c.normalize ? true : undefined }),
  };
  return {
    class: cls,
    name: layer.name,
    args: defined(args[cls]?.() ?? {}),
    inbound: layer.inboundNodes.flatMap((n) => n.inboundLayers.map((l) => l.name)),
  };
}

/** A layer the Python reader found, with Keras's defaults filled in where the generator leaves them out. */
function pythonView(found: { class: string; args: Record<string, unknown>; inbound: string[] }): KerasLayer {
  const { name, ...args } = found.args;
  const defaults: Record<string, Record<string, unknown>> = {
    Dense: { activation: 'linear', use_bias: true },
    Rescaling: { offset: 0 },
  };
  return {
    class: found.class,
    name: String(name),
    args: { ...defaults[found.class], ...args },
    inbound: found.inbound,
  };
}

const byName = (a: KerasLayer, b: KerasLayer) => a.name.localeCompare(b.name);

const cases: { title: string; spec: Spec }[] = [
  ...PRESET_NAMES.map((name) => ({ title: `preset ${name}`, spec: presetSpec(name) })),
  ...Array.from({ length: 50 }, (_, k) => {
    const result = checkSpec(randomSpec(k));
    if (!result.ok) throw new Error(`random spec ${k} is invalid: ${result.issues[0].message}`);
    return { title: `random spec ${k}`, spec: result.checked.spec };
  }),
];

describe('codegen: generated Python (Keras)', function () {
  this.timeout(120_000);
  let dir: string;
  let found: Record<
    string,
    {
      params: Record<string, number>;
      layers: KerasLayer[];
      model: { class: string; inputs: Record<string, string>; outputs: string; name: string };
    }
  >;
  const file = (k: number, training: boolean) => path.join(dir, `${training ? 'train' : 'model'}_${k}.py`);

  before(async function () {
    await tf.ready();
    if (spawnSync(PYTHON, ['--version']).status !== 0) {
      console.warn(`skipped: no ${PYTHON} to compile and parse the generated Python with (set PYTHON to one)`);
      this.skip();
    }
    dir = mkdtempSync(path.join(tmpdir(), 'ncf-codegen-py-'));
    cases.forEach((c, k) => {
      writeFileSync(file(k, false), generatePython(c.spec));
      writeFileSync(file(k, true), generatePython(c.spec, { trainingScript: true }));
    });
    found = JSON.parse(
      execFileSync(PYTHON, [READER, ...cases.flatMap((_, k) => [file(k, false), file(k, true)])], { encoding: 'utf8' }),
    );
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('every module and training script passes python3 -m py_compile', function () {
    const files = cases.flatMap((_, k) => [file(k, false), file(k, true)]);
    const run = spawnSync(PYTHON, ['-m', 'py_compile', ...files], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  it('py_compile would catch a syntax error (the check is live)', function () {
    const broken = path.join(dir, 'broken.py');
    writeFileSync(broken, generatePython(cases[0].spec).replace("name='rating')", "name='rating'"));
    assert.notEqual(spawnSync(PYTHON, ['-m', 'py_compile', broken]).status, 0);
  });

  cases.forEach((c, k) => {
    it(`${c.title}: build_model() creates the engine's layers, sizes and connections`, function () {
      const result = checkSpec(c.spec);
      assert.ok(result.ok);
      const engine = buildModel(result.checked, {
        vocabulary: DEFAULT_VOCABULARY,
        globalMean: MOVIELENS_100K_MEAN,
        seed: 1,
      });
      try {
        const expected = engine.layers.map(kerasView).sort(byName);
        for (const training of [false, true]) {
          const module = found[file(k, training)];
          assert.deepEqual(module.layers.map(pythonView).sort(byName), expected);
          assert.deepEqual(module.model, {
            class: 'keras.Model',
            inputs: Object.fromEntries(engine.inputNames.map((n) => [n, n])),
            outputs: engine.outputNames[0],
            name: engine.name,
          });
        }
      } finally {
        engine.dispose();
      }
    });
  });

  it('the training script reads the CSV through tf.data and builds and compiles the model in a tf.distribute scope', function () {
    const spec = presetSpec('neumf');
    const code = generatePython(spec, { trainingScript: true });
    assert.match(code, /tf\.data\.experimental\.CsvDataset\(/);
    assert.match(code, /tf\.data\.Dataset\.from_tensor_slices\(/);
    assert.match(
      code,
      /if os\.environ\.get\('TF_CONFIG'\):\n\s+return tf\.distribute\.MultiWorkerMirroredStrategy\(\)\n\s+return tf\.distribute\.get_strategy\(\)/,
    );
    const scope = /\n( +)with strategy\.scope\(\):\n((?:\1 +.*\n)+)/.exec(code);
    assert.ok(scope, 'no strategy scope');
    assert.match(scope[2], /^ +model = build_model\(/);
    assert.match(
      scope[2],
      /model\.compile\(\n +optimizer=keras\.optimizers\.Adam\(learning_rate=TRAINING\['learning_rate'\]\),\n +loss='mse',/,
    );
    assert.match(code, /keras\.callbacks\.EarlyStopping\([^)]*restore_best_weights=True/);
    assert.ok(code.includes(`'learning_rate': ${spec.training.learningRate},`), "the spec's learning rate");
    assert.match(code, /'patience': 3,/);
  });
});
