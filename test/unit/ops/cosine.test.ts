/** The cosine op: its shapes, its TensorFlow.js layer, and the fast engine's node against LayersModel.fit. */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { syntheticDataset } from '../../../src/core/data/synthetic';
import { defaultFastStepper, fastEngineFallback } from '../../../src/core/engine/fast';
import { FastStepper } from '../../../src/core/engine/fast/stepper';
import { inputColumns, targetColumn } from '../../../src/core/engine/feed';
import { buildModel, modelInputNodes } from '../../../src/core/engine/model';
import { makeOptimizer } from '../../../src/core/engine/optimizer';
import { EpochStepper, LayersStepper } from '../../../src/core/engine/stepper';
import { checkSpec } from '../../../src/core/spec/check';
import { Spec, SpecInput } from '../../../src/core/spec/schema';
import { cosineSpec } from '../../helpers/specs';

const data = syntheticDataset({ users: 40, items: 50, ratings: 900, seed: 3 });
const sizes = { vocabulary: data.vocabulary, globalMean: 3.5 };

function checked(raw: SpecInput) {
  const result = checkSpec(raw, data.vocabulary);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
  return result.checked;
}

async function losses(spec: Spec, stepperOf: (model: tf.LayersModel) => EpochStepper): Promise<number[]> {
  const c = checked(spec);
  const model = buildModel(c, { ...sizes, seed: spec.training.seed });
  model.compile({ optimizer: makeOptimizer(spec.training), loss: 'meanSquaredError' });
  const stepper = stepperOf(model);
  const rows = Int32Array.from(data.ratings, (_, k) => k);
  const all: number[] = [];
  for (let epoch = 0; epoch < 3; epoch++) {
    const examples = {
      xs: inputColumns(modelInputNodes(c), data, rows),
      ys: targetColumn(data, rows),
      rows: rows.length,
    };
    all.push(...(await stepper.fitEpoch(examples, spec.training.batchSize, () => true)));
  }
  model.dispose();
  return all;
}

describe('ops: cosine', () => {
  before(() => tf.setBackend('cpu'));

  it('takes two vectors of one width and gives width 1; names what is wrong otherwise', () => {
    const c = checked(cosineSpec());
    assert.deepEqual(c.shapes.c, { kind: 'vector', width: 1 });
    assert.equal(c.params.c, 0);
    const raw = cosineSpec();
    const unequal = { ...raw, nodes: raw.nodes.map((n) => (n.id === 'q' ? { ...n, dim: 3 } : n)) };
    const result = checkSpec(unequal);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.issues.map((i) => [i.nodeId, i.message]),
      [['c', 'Cosine needs equal widths: p is 4, q is 3']],
    );
    const one = { ...raw, nodes: raw.nodes.map((n) => (n.id === 'c' ? { ...n, inputs: ['p'] } : n)) };
    const arity = checkSpec(one);
    assert.ok(!arity.ok);
    assert.match(arity.issues[0].message, /Cosine similarity takes exactly 2 inputs, got 1/);
  });

  it('its layer computes a·b / (‖a‖‖b‖)', () => {
    const c = checked(cosineSpec());
    const model = buildModel(c, { ...sizes, seed: 1 });
    const p = model.getLayer('p').getWeights()[0].arraySync() as number[][];
    const q = model.getLayer('q').getWeights()[0].arraySync() as number[][];
    const probe = tf.model({ inputs: model.inputs, outputs: model.getLayer('c').output as tf.SymbolicTensor });
    const got = (
      probe.predict([tf.tensor2d([[0], [5]], [2, 1], 'int32'), tf.tensor2d([[3], [7]], [2, 1], 'int32')]) as tf.Tensor
    ).dataSync();
    const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    const cos = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k], 0) / (norm(a) * norm(b));
    assert.ok(Math.abs(got[0] - cos(p[0], q[3])) < 1e-5, `${got[0]} vs ${cos(p[0], q[3])}`);
    assert.ok(Math.abs(got[1] - cos(p[5], q[7])) < 1e-5, `${got[1]} vs ${cos(p[5], q[7])}`);
    model.dispose();
  });

  it("the fast engine trains it, and its loss trajectory is LayersModel.fit's within 1e-4", async () => {
    const spec = checked(cosineSpec()).spec;
    assert.equal(fastEngineFallback(spec), null);
    const reference = await losses(spec, (model) => new LayersStepper(model));
    const fast = await losses(spec, (model) => {
      const stepper = defaultFastStepper(model, spec, sizes);
      assert.ok(stepper instanceof FastStepper);
      return stepper;
    });
    assert.ok(reference[reference.length - 1] < reference[0], 'the reference run learns');
    const gap = Math.max(...reference.map((x, k) => Math.abs(x - fast[k]) / Math.abs(x)));
    assert.ok(gap < 1e-4, `loss trajectories differ by ${gap}`);
  });
});
