/**
 * The generated TypeScript is the engine's model: it compiles under --strict, and run, it builds
 * the same layer graph (names, classes, configs, connections) with the same parameters, the same
 * initial weights for the same seed, and the same predictions once given the engine's weights.
 */
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { generateTypeScript, MOVIELENS_100K_MEAN } from '../../../src/core/codegen';
import { buildModel } from '../../../src/core/engine/model';
import { liveNodes } from '../../../src/core/spec/live';
import { PRESET_NAMES, presetSpec } from '../../../src/core/presets';
import { CheckedSpec, checkSpec } from '../../../src/core/spec/check';
import { SpecFileError } from '../../../src/core/spec/parse';
import { OP_NAMES, Spec } from '../../../src/core/spec/schema';
import { DEFAULT_VOCABULARY, Vocabulary } from '../../../src/core/spec/shapes';
import { GeneratedModelModule, loadModule, randomBatch, typeCheck } from './harness';
import { randomSpec } from './random-specs';

const RANDOM_SPECS = 50;

function checked(raw: unknown, vocabulary: Vocabulary = DEFAULT_VOCABULARY): CheckedSpec {
  const result = checkSpec(raw, vocabulary);
  if (!result.ok)
    throw new Error(`invalid spec: ${result.issues.map((i) => `${i.nodeId}.${i.field}: ${i.message}`).join('; ')}`);
  return result.checked;
}

interface Case {
  title: string;
  spec: Spec;
}

const cases: Case[] = [
  ...PRESET_NAMES.map((name) => ({ title: `preset ${name}`, spec: presetSpec(name) })),
  ...Array.from({ length: RANDOM_SPECS }, (_, k) => ({ title: `random spec ${k}`, spec: checked(randomSpec(k)).spec })),
];

/** Vocabulary size of each model input, by input name (the node id). */
function inputSizes(spec: CheckedSpec, vocabulary: Vocabulary): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const [id, shape] of Object.entries(spec.shapes)) if (shape.kind === 'ids') sizes[id] = vocabulary[shape.vocab];
  return sizes;
}

function assertSameModel(
  engine: tf.LayersModel,
  generated: tf.LayersModel,
  spec: CheckedSpec,
  vocabulary: Vocabulary,
): void {
  // The whole topology: every layer's class, name, configuration (initialiser and its seed,
  // regulariser, activation, rate, sizes) and inbound connections.
  assert.deepEqual(generated.toJSON(null, false), engine.toJSON(null, false));
  const liveParams = liveNodes(spec).reduce((sum, n) => sum + spec.params[n.id], 0);
  assert.equal(generated.countParams(), engine.countParams());
  assert.equal(generated.countParams(), liveParams);

  const initial = generated.getWeights();
  engine
    .getWeights()
    .forEach((w, k) =>
      assert.deepEqual(
        initial[k].dataSync(),
        w.dataSync(),
        `initial weight ${k} (${engine.weights[k].name}) differs for the same seed`,
      ),
    );

  // Whatever the seeds do: the engine's weights copied in give the engine's predictions. The
  // weights are perturbed first so that no table is all zeros (biases start at 0).
  tf.tidy(() =>
    engine.setWeights(engine.getWeights().map((w) => w.add(tf.randomNormal(w.shape, 0, 0.1, 'float32', 7)))),
  );
  generated.setWeights(engine.getWeights());
  tf.tidy(() => {
    const batch = randomBatch(engine, inputSizes(spec, vocabulary), 16, 11);
    const expected = Array.from((engine.predict(batch) as tf.Tensor).dataSync());
    const actual = Array.from((generated.predict(batch) as tf.Tensor).dataSync());
    assert.equal(actual.length, expected.length);
    const worst = expected.reduce((m, e, k) => Math.max(m, Math.abs(e - actual[k])), 0);
    assert.ok(worst <= 1e-6, `predictions differ by ${worst}`);
  });
}

describe("codegen: generated TypeScript builds the engine's model", function () {
  this.timeout(300_000);
  before(() => tf.ready());

  it(`the ${RANDOM_SPECS} random specs are valid and varied (every op appears)`, function () {
    const ops = new Set(cases.flatMap((c) => c.spec.nodes.map((n) => n.op)));
    assert.deepEqual([...ops].sort(), [...OP_NAMES].sort());
  });

  it('every module and training script compiles under tsc --strict without an error', function () {
    const files: Record<string, string> = {};
    cases.forEach((c, k) => {
      files[`model${k}.ts`] = generateTypeScript(c.spec);
      files[`train${k}.ts`] = generateTypeScript(c.spec, { trainingScript: true });
    });
    assert.deepEqual(typeCheck(files), []);
  });

  it('a type error in generated code would be reported (the check is live)', function () {
    const broken = generateTypeScript(cases[0].spec).replace("name: 'MF' });", 'name: 42 });');
    assert.notEqual(broken, generateTypeScript(cases[0].spec));
    assert.ok(typeCheck({ 'broken.ts': broken }).some((d) => d.startsWith('broken.ts:')));
  });

  for (const c of cases) {
    it(`${c.title}: same graph, parameter count, initial weights and predictions`, function () {
      const spec = checked(c.spec);
      const engine = buildModel(spec, {
        vocabulary: DEFAULT_VOCABULARY,
        globalMean: MOVIELENS_100K_MEAN,
        seed: c.spec.training.seed,
      });
      const generated = loadModule<GeneratedModelModule>(generateTypeScript(c.spec)).buildModel();
      try {
        assertSameModel(engine, generated, spec, DEFAULT_VOCABULARY);
      } finally {
        engine.dispose();
        generated.dispose();
      }
    });
  }

  it("sizes, μ and seed given to buildModel() are the engine's vocabulary, mean and seed", function () {
    const vocabulary = { ...DEFAULT_VOCABULARY, user: 17, item: 23 };
    const spec = checked(presetSpec('neumf'), vocabulary);
    const engine = buildModel(spec, { vocabulary, globalMean: 3.25, seed: 7 });
    const generated = loadModule<GeneratedModelModule>(generateTypeScript(spec.spec)).buildModel({
      numUsers: 17,
      numItems: 23,
      globalMean: 3.25,
      seed: 7,
    });
    try {
      assertSameModel(engine, generated, spec, vocabulary);
    } finally {
      engine.dispose();
      generated.dispose();
    }
  });

  it("defaults of buildModel() can come from the caller (a dataset's sizes and mean)", function () {
    const code = generateTypeScript(presetSpec('mf-bias'), {
      vocabulary: { user: 6040, item: 3706 },
      globalMean: 3.58,
    });
    assert.match(code, /const \{ numUsers = 6040, numItems = 3706, globalMean = 3\.58, seed = 42 \} = options;/);
  });

  it("refuses an invalid spec with the validator's issues, naming node and field", function () {
    const spec = presetSpec('gmf');
    const bad = { ...spec, nodes: spec.nodes.map((n) => (n.id === 'h' ? { ...n, units: 3 } : n)) };
    assert.throws(
      () => generateTypeScript(bad as Spec),
      (e: unknown) =>
        e instanceof SpecFileError &&
        e.issues.some((i) => i.nodeId === 'rating' && i.field === 'inputs' && /width 1/.test(i.message)),
    );
  });
});
