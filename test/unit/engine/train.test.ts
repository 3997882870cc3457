import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { trainModel, TrainingDivergedError, evaluateRows } from '../../../src/core/engine/train';
import { presetSpec, presetsOfTask } from '../../../src/core/presets';
import { applyOverrides } from '../../../src/core/job/resolveSpec';
import { carveValidation } from '../../../src/core/data/split';
import { modelInputNodes } from '../../../src/core/engine/model';
import { checkSpec } from '../../../src/core/spec';
import { defaultFastStepper } from '../../../src/core/engine/fast';
import { smallData } from '../../helpers/data';

const quick = (name: string, o: Parameters<typeof applyOverrides>[1] = {}) =>
  applyOverrides(presetSpec(name), { epochs: 1, batchSize: 128, ...o });

describe('engine: every preset builds and trains', () => {
  const { dataset, split } = smallData();
  for (const name of presetsOfTask('rating')) {
    for (const engine of ['layers', 'fast'] as const) {
      it(`${name} (${engine}) trains an epoch and reports finite metrics`, async () => {
        const { result, model } = await trainModel({
          spec: quick(name),
          dataset,
          split,
          backend: 'wasm',
          engine,
          fastStepper: defaultFastStepper,
        });
        model.dispose();
        assert.equal(result.engine, engine, 'every preset runs on the engine asked for');
        assert.equal(result.epochs, 1);
        for (const m of [result.train, result.test, result.baselines.globalMean, result.baselines.userItemBias]) {
          assert.ok(Number.isFinite(m.rmse) && m.rmse > 0 && m.mae > 0 && m.mae <= m.rmse, JSON.stringify(m));
        }
        // Pure MF starts at r̂ ≈ 0 (no μ) and needs more than one epoch to reach the scale.
        const ceiling = name === 'mf' ? 3 : 1.5;
        assert.ok(result.test.rmse < ceiling, `test RMSE ${result.test.rmse} is not that of a rating predictor`);
      });
    }
  }
});

describe('engine: training loop', () => {
  const { dataset, split } = smallData();

  it('same seed, same metrics; another seed, other metrics', async () => {
    const run = async (seed: number) => {
      const { result, model } = await trainModel({
        spec: quick('ncf', { epochs: 2, seed }),
        dataset,
        split,
        backend: 'wasm',
        engine: 'layers',
      });
      model.dispose();
      return result.history.map((e) => [e.loss, e.val?.rmse]);
    };
    const a = await run(5);
    assert.deepEqual(await run(5), a);
    assert.notDeepEqual(await run(6), a);
  });

  it('no tensor leaks: tf.memory().numTensors stays flat from epoch to epoch', async () => {
    const counts: number[] = [];
    const { model } = await trainModel({
      spec: quick('neumf', { epochs: 4 }),
      dataset,
      split,
      backend: 'wasm',
      engine: 'fast',
      fastStepper: defaultFastStepper,
      onEvent: (e) => e.event === 'epoch' && counts.push(tf.memory().numTensors),
    });
    model.dispose();
    assert.equal(counts.length, 4);
    assert.deepEqual(counts.slice(2), [counts[1], counts[1]], `tensors per epoch: ${counts}`);
  });

  it("early stopping keeps the best epoch's weights", async () => {
    // A learning rate high enough to overfit this small set quickly.
    const spec = applyOverrides(presetSpec('mf-bias'), { epochs: 30, batchSize: 64, learningRate: 0.02, l2: 0 });
    const { result, model } = await trainModel({ spec, dataset, split, backend: 'wasm', engine: 'layers' });
    assert.ok(result.stoppedEarly, `expected early stopping, ran ${result.epochs} epochs`);
    assert.ok(result.bestEpoch < result.epochs);
    const check = checkSpec(spec, dataset.vocabulary);
    assert.ok(check.ok);
    const { val } = carveValidation(split.train, spec.training.validation, spec.training.seed);
    const now = evaluateRows(model, modelInputNodes(check.checked), dataset, val);
    model.dispose();
    assert.ok(
      Math.abs(now.rmse - result.history[result.bestEpoch - 1].val!.rmse) < 1e-5,
      `restored ${now.rmse}, best ${result.history[result.bestEpoch - 1].val!.rmse}`,
    );
    assert.ok(now.rmse < result.history[result.epochs - 1].val!.rmse);
  });

  it('a diverging loss stops with the epoch named and a lower learning rate suggested', async () => {
    const spec = applyOverrides(presetSpec('ncf'), { epochs: 3, optimizer: 'sgd', learningRate: 1e6 });
    await assert.rejects(trainModel({ spec, dataset, split, backend: 'wasm', engine: 'layers' }), (e: unknown) => {
      assert.ok(e instanceof TrainingDivergedError);
      assert.match(
        e.message,
        /diverged in epoch 1: the loss became (NaN|Infinity); try a lower learning rate than 1000000/,
      );
      return true;
    });
  });

  it('cancel stops within one batch and still reports metrics', async () => {
    const controller = new AbortController();
    let batches = 0;
    const { result, model } = await trainModel({
      spec: quick('gmf', { epochs: 5, batchSize: 32 }),
      dataset,
      split,
      backend: 'wasm',
      engine: 'layers',
      signal: controller.signal,
      onEvent: (e) => {
        if (e.event === 'batch' && ++batches === 3) controller.abort();
      },
    });
    model.dispose();
    assert.equal(result.cancelled, true);
    assert.equal(batches, 3, 'no batch ran after the cancel');
    assert.ok(Number.isFinite(result.test.rmse));
  });

  it('predictions are clipped to the rating range', async () => {
    const { result, model } = await trainModel({ spec: quick('mf'), dataset, split, backend: 'cpu', engine: 'layers' });
    const check = checkSpec(quick('mf'), dataset.vocabulary);
    assert.ok(check.ok);
    // A model whose raw output is far outside 1…5 still scores within the scale.
    model.setWeights(model.getWeights().map((w) => tf.fill(w.shape, 3)));
    const clipped = evaluateRows(model, modelInputNodes(check.checked), dataset, split.test);
    model.dispose();
    assert.equal(result.backend, 'cpu');
    const expected = Math.sqrt(
      Float32Array.from(split.test, (r) => (5 - dataset.ratings[r]) ** 2).reduce((a, b) => a + b, 0) /
        split.test.length,
    );
    assert.ok(Math.abs(clipped.rmse - expected) < 1e-6, `${clipped.rmse} vs ${expected}`);
  });
});
