import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { syntheticDataset } from '../../../src/core/data/synthetic';
import { useBackend } from '../../../src/core/engine/backend';
import { defaultFastStepper } from '../../../src/core/engine/fast';
import { FastStepper } from '../../../src/core/engine/fast/stepper';
import { buildModel, modelInputNodes } from '../../../src/core/engine/model';
import { makeOptimizer } from '../../../src/core/engine/optimizer';
import { EpochStepper, LayersStepper } from '../../../src/core/engine/stepper';
import { presetSpec, presetsOfTask } from '../../../src/core/presets';
import { epochExamples } from '../../../src/core/ranking/epoch';
import { UserItems } from '../../../src/core/ranking/interactions';
import { sigmoidCrossEntropy } from '../../../src/core/ranking/losses';
import { checkSpec } from '../../../src/core/spec/check';
import { Spec } from '../../../src/core/spec/schema';
import { makeRng } from '../../../src/core/util/random';

/** Every rating an interaction; 60 users × 90 items leave room for 4 negatives per positive. */
const data = syntheticDataset({ users: 60, items: 90, ratings: 1200, seed: 11 });
const sizes = { vocabulary: data.vocabulary, globalMean: 0 };
const everyRow = Int32Array.from(data.users, (_, k) => k);

/** Two epochs of BCE with fresh negatives (the same draws for every stepper), from the same initial weights. */
async function train(spec: Spec, stepperOf: (model: tf.LayersModel) => EpochStepper) {
  const check = checkSpec(spec, data.vocabulary);
  assert.ok(check.ok);
  const model = buildModel(check.checked, { ...sizes, seed: spec.training.seed });
  model.compile({ optimizer: makeOptimizer(spec.training), loss: sigmoidCrossEntropy });
  const stepper = stepperOf(model);
  const epochData = {
    dataset: data,
    users: data.users,
    items: data.items,
    seen: UserItems.of(data, everyRow),
    loss: 'bce' as const,
    negatives: 4,
  };
  const rng = makeRng('negatives');
  const shuffleRng = makeRng('shuffle');
  const losses: number[] = [];
  for (let epoch = 0; epoch < 2; epoch++) {
    const examples = epochExamples(epochData, modelInputNodes(check.checked), rng, shuffleRng);
    losses.push(...(await stepper.fitEpoch(examples, spec.training.batchSize, () => true)));
  }
  stepper.dispose();
  const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  model.dispose();
  return { losses, weights, stepper };
}

describe('ranking: the fast engine steps BCE as LayersModel.fit does', () => {
  before(async () => {
    await useBackend('cpu');
  });

  for (const name of presetsOfTask('ranking')) {
    it(`${name}: same per-batch sigmoid cross-entropy and same weights after 2 epochs of SGD`, async () => {
      const base = presetSpec(name);
      const spec: Spec = {
        ...base,
        training: { ...base.training, optimizer: 'sgd', learningRate: 0.5, batchSize: 64 },
      };
      const reference = await train(spec, (model) => new LayersStepper(model));
      const fast = await train(spec, (model) => defaultFastStepper(model, spec, sizes));
      assert.ok(fast.stepper instanceof FastStepper, 'the fast engine trains the ranking preset');
      // Logits start near 0, so the first batch's cross-entropy is near ln 2 (an MSE on 0/1 labels would be near 0.2).
      assert.ok(Math.abs(reference.losses[0] - Math.LN2) < 0.01, `first loss ${reference.losses[0]}`);
      assert.ok(reference.losses.at(-1)! < reference.losses[0] - 0.01, 'the weights move and the loss falls');
      assert.equal(fast.losses.length, reference.losses.length);
      const lossGap = Math.max(...reference.losses.map((x, k) => Math.abs(x - fast.losses[k]) / x));
      assert.ok(lossGap < 1e-4, `loss trajectories differ by ${lossGap}`);
      let weightGap = 0;
      reference.weights.forEach((w, k) =>
        w.forEach((x, i) => (weightGap = Math.max(weightGap, Math.abs(x - fast.weights[k][i])))),
      );
      assert.ok(weightGap < 1e-4, `weights differ by ${weightGap}`);
    });
  }
});
