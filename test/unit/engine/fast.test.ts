import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { syntheticDataset } from '../../../src/core/data/synthetic';
import { Dataset } from '../../../src/core/data/types';
import { useBackend } from '../../../src/core/engine/backend';
import { ModelSizes, defaultFastStepper, fastEngineFallback, fastStepperWith } from '../../../src/core/engine/fast';
import { FastStepper } from '../../../src/core/engine/fast/stepper';
import { inputColumns, targetColumn } from '../../../src/core/engine/feed';
import { buildModel, modelInputNodes } from '../../../src/core/engine/model';
import { makeOptimizer } from '../../../src/core/engine/optimizer';
import { EpochStepper, LayersStepper } from '../../../src/core/engine/stepper';
import { presetSpec, presetsOfTask } from '../../../src/core/presets';
import { checkSpec } from '../../../src/core/spec/check';
import { evaluateRows, predictRows, trainModel } from '../../../src/core/engine/train';
import { smallData } from '../../helpers/data';
import { Spec, SpecInput } from '../../../src/core/spec/schema';
import { makeRng, shuffleInPlace } from '../../../src/core/util/random';

/** A small synthetic set keeps each comparison to a second or so; its last batch of 64 is short and odd (31 rows). */
const small = syntheticDataset({ users: 60, items: 90, ratings: 1503, seed: 7 });
/** What the tests' models are built with: the small set's sizes and μ = 3.5. */
const smallSizes: ModelSizes = { vocabulary: small.vocabulary, globalMean: 3.5 };

function withTraining(spec: Spec, training: Partial<Spec['training']>): Spec {
  return { ...spec, training: { ...spec.training, ...training } };
}

function parse(input: SpecInput): Spec {
  const check = checkSpec(input);
  if (!check.ok) throw new Error(check.issues.map((i) => i.message).join('; '));
  return check.checked.spec;
}

interface Run {
  losses: number[];
  weights: Float32Array[];
}

/** Trains a fresh model (same seed, same initial weights) for some epochs of one seeded shuffle. */
async function train(
  spec: Spec,
  data: Dataset,
  makeStepper: (model: tf.LayersModel, spec: Spec, sizes: ModelSizes) => EpochStepper,
  epochs: number,
): Promise<Run> {
  const check = checkSpec(spec, data.vocabulary);
  if (!check.ok) throw new Error(check.issues[0].message);
  const model = buildModel(check.checked, { vocabulary: data.vocabulary, globalMean: 3.5, seed: spec.training.seed });
  model.compile({ optimizer: makeOptimizer(spec.training), loss: 'meanSquaredError' });
  const stepper = makeStepper(model, check.checked.spec, { vocabulary: data.vocabulary, globalMean: 3.5 });
  const inputs = modelInputNodes(check.checked);
  const order = Int32Array.from(data.ratings, (_, k) => k);
  const rng = makeRng('fast-test');
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, rng);
    const examples = { xs: inputColumns(inputs, data, order), ys: targetColumn(data, order), rows: order.length };
    losses.push(...(await stepper.fitEpoch(examples, spec.training.batchSize, () => true)));
  }
  stepper.dispose();
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  model.dispose();
  return { losses, weights };
}

const layers = (model: tf.LayersModel) => new LayersStepper(model);

function maxRelativeGap(a: number[], b: number[]): number {
  assert.equal(a.length, b.length, 'both runs take the same number of batches');
  return Math.max(...a.map((x, k) => Math.abs(x - b[k]) / Math.max(1e-6, Math.abs(x))));
}

function maxWeightGap(a: Float32Array[], b: Float32Array[]): number {
  let gap = 0;
  a.forEach((w, k) => w.forEach((x, i) => (gap = Math.max(gap, Math.abs(x - b[k][i])))));
  return gap;
}

/**
 * Lazy Adam on r̂ = μ + pᵤ·qᵢ + aᵤ + bᵢ written out plainly (float64 arithmetic, float32 weights), with
 * the same batches as `train`: each batch, each touched row steps once with its summed gradient + 2λw.
 */
function lazyAdamMfBias(
  tables: { w: Float32Array; dim: number; l2: number }[],
  data: Dataset,
  mean: number,
  lr: number,
  batchSize: number,
  epochs: number,
): number[] {
  const [p, q, a, b] = tables;
  const state = tables.map((t) => ({ m: new Float32Array(t.w.length), v: new Float32Array(t.w.length) }));
  const order = Int32Array.from(data.ratings, (_, k) => k);
  const rng = makeRng('fast-test');
  const losses: number[] = [];
  let beta1Power = Math.fround(0.9);
  let beta2Power = Math.fround(0.999);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, rng);
    for (let first = 0; first < order.length; first += batchSize) {
      const batch = order.subarray(first, first + batchSize);
      const grads = tables.map(() => new Map<number, Float64Array>());
      const add = (t: number, row: number, scale: number, source: Float32Array | null, sourceRow: number) => {
        const g = grads[t].get(row) ?? new Float64Array(tables[t].dim);
        grads[t].set(row, g);
        for (let c = 0; c < g.length; c++) g[c] += source ? scale * source[sourceRow * g.length + c] : scale;
      };
      let sse = 0;
      for (const r of batch) {
        const u = data.users[r];
        const i = data.items[r];
        let dot = 0;
        for (let c = 0; c < p.dim; c++) dot += p.w[u * p.dim + c] * q.w[i * q.dim + c];
        const error = mean + dot + a.w[u] + b.w[i] - data.ratings[r];
        sse += error * error;
        const d = (2 * error) / batch.length;
        add(0, u, d, q.w, i);
        add(1, i, d, p.w, u);
        add(2, u, d, null, 0);
        add(3, i, d, null, 0);
      }
      let penalty = 0;
      for (const t of tables) for (const x of t.w) penalty += t.l2 * x * x;
      losses.push(sse / batch.length + penalty);
      const c1 = Math.fround(1 - beta1Power);
      const c2 = Math.fround(1 - beta2Power);
      tables.forEach((t, k) => {
        for (const [row, g] of grads[k]) {
          for (let c = 0; c < t.dim; c++) {
            const at = row * t.dim + c;
            const grad = g[c] + 2 * t.l2 * t.w[at];
            state[k].m[at] = 0.9 * state[k].m[at] + 0.1 * grad;
            state[k].v[at] = 0.999 * state[k].v[at] + 0.001 * grad * grad;
            t.w[at] -= (lr * (state[k].m[at] / c1)) / (Math.sqrt(state[k].v[at] / c2) + 1e-7);
          }
        }
      });
      beta1Power = Math.fround(beta1Power * 0.9);
      beta2Power = Math.fround(beta2Power * 0.999);
    }
  }
  return losses;
}

describe('fast engine', function () {
  before(async () => {
    await useBackend('cpu');
  });

  describe('with SGD it follows LayersModel.fit step for step', () => {
    for (const name of presetsOfTask('rating')) {
      it(`${name}: same per-batch loss (L2 included) and same weights after 2 epochs`, async () => {
        const spec = withTraining(presetSpec(name), { optimizer: 'sgd', learningRate: 0.05, batchSize: 64 });
        const reference = await train(spec, small, layers, 2);
        const fast = await train(spec, small, defaultFastStepper, 2);
        assert.ok(
          maxRelativeGap(
            reference.losses,
            reference.losses.map(() => reference.losses[0]),
          ) > 1e-3,
          'the weights move',
        );
        assert.ok(
          maxRelativeGap(reference.losses, fast.losses) < 1e-4,
          `loss trajectories differ by ${maxRelativeGap(reference.losses, fast.losses)}`,
        );
        assert.ok(
          maxWeightGap(reference.weights, fast.weights) < 1e-4,
          `weights differ by ${maxWeightGap(reference.weights, fast.weights)}`,
        );
      });
    }

    it('with a strong L2 on tables and dense kernels, feature inputs, every activation, biases and Hadamard/add of three', async () => {
      const spec = parse({
        version: 1,
        name: 'every-op',
        nodes: [
          { id: 'user', op: 'input', field: 'user' },
          { id: 'item', op: 'input', field: 'item' },
          { id: 'p', op: 'embedding', dim: 6, l2: 0.01, inputs: ['user'] },
          { id: 'q', op: 'embedding', dim: 6, l2: 0.02, inputs: ['item'] },
          { id: 'r', op: 'embedding', dim: 6, inputs: ['item'] },
          { id: 'a', op: 'bias', l2: 0.01, inputs: ['user'] },
          { id: 'h3', op: 'hadamard', inputs: ['p', 'q', 'r'] },
          { id: 'occupation', op: 'input', field: 'userFeature', feature: 'occupation' },
          { id: 'genres', op: 'input', field: 'itemFeature', feature: 'genres' },
          { id: 'o', op: 'embedding', dim: 3, l2: 0.01, inputs: ['occupation'] },
          { id: 'pq', op: 'concat', inputs: ['p', 'q', 'o', 'genres'] },
          { id: 'm1', op: 'mlp', units: [7, 5], activation: 'tanh', l2: 0.01, inputs: ['pq', 'h3'] },
          { id: 'd1', op: 'dense', units: 4, activation: 'sigmoid', inputs: ['m1'] },
          { id: 'd2', op: 'dense', units: 4, activation: 'elu', useBias: false, inputs: ['d1', 'p'] },
          { id: 'd3', op: 'dense', units: 4, activation: 'selu', inputs: ['d2'] },
          { id: 'd4', op: 'dense', units: 4, activation: 'softplus', inputs: ['d3'] },
          { id: 'keep', op: 'dropout', rate: 0, inputs: ['d4'] },
          { id: 'one', op: 'dense', units: 1, inputs: ['keep'] },
          { id: 'dot', op: 'dot', inputs: ['p', 'r'] },
          { id: 'sum', op: 'add', inputs: ['one', 'dot', 'a'] },
          { id: 'rating', op: 'output', globalMean: true, inputs: ['sum'] },
        ],
        training: { optimizer: 'sgd', learningRate: 0.05, batchSize: 50, seed: 3 },
      });
      assert.equal(fastEngineFallback(spec), null);
      const reference = await train(spec, small, layers, 2);
      const fast = await train(spec, small, defaultFastStepper, 2);
      assert.ok(
        maxRelativeGap(reference.losses, fast.losses) < 1e-4,
        `loss trajectories differ by ${maxRelativeGap(reference.losses, fast.losses)}`,
      );
      assert.ok(
        maxWeightGap(reference.weights, fast.weights) < 1e-4,
        `weights differ by ${maxWeightGap(reference.weights, fast.weights)}`,
      );
    });
  });

  it('with Adam it equals LayersModel.fit when every batch touches every row (lazy Adam is then plain Adam)', async () => {
    // 4 users × 5 items, every pair rated, one batch per epoch: no row is ever left out of a step.
    const users = Int32Array.from({ length: 20 }, (_, k) => Math.floor(k / 5));
    const items = Int32Array.from({ length: 20 }, (_, k) => k % 5);
    const tiny: Dataset = {
      ...small,
      name: 'tiny',
      users,
      items,
      ratings: Float32Array.from({ length: 20 }, (_, k) => 1 + ((k * 7) % 5)),
      vocabulary: { ...small.vocabulary, user: 4, item: 5 },
    };
    const spec = withTraining(presetSpec('neumf'), { optimizer: 'adam', learningRate: 0.01, batchSize: 20 });
    const reference = await train(spec, tiny, layers, 15);
    const fast = await train(spec, tiny, defaultFastStepper, 15);
    assert.ok(reference.losses[14] < reference.losses[0] * 0.9, 'the reference run learns');
    assert.ok(
      maxRelativeGap(reference.losses, fast.losses) < 1e-3,
      `loss trajectories differ by ${maxRelativeGap(reference.losses, fast.losses)}`,
    );
  });

  it('with Adam, tables follow lazy Adam: a plain implementation of it on mf-bias gives the same losses', async () => {
    const spec = withTraining(presetSpec('mf-bias'), { batchSize: 128, learningRate: 0.01 });
    const check = checkSpec(spec, small.vocabulary);
    assert.ok(check.ok);
    const model = buildModel(check.checked, { vocabulary: small.vocabulary, globalMean: 3.5, seed: 5 });
    const l2 = Object.fromEntries(spec.nodes.map((n) => [n.id, 'l2' in n ? (n.l2 ?? 0) : 0]));
    const reference = lazyAdamMfBias(
      ['p', 'q', 'a', 'b'].map((id) => ({
        w: Float32Array.from(model.getLayer(id).getWeights()[0].dataSync()),
        dim: model.getLayer(id).getWeights()[0].shape[1]!,
        l2: l2[id],
      })),
      small,
      3.5,
      spec.training.learningRate,
      spec.training.batchSize,
      3,
    );
    const stepper = defaultFastStepper(model, spec, smallSizes);
    const order = Int32Array.from(small.ratings, (_, k) => k);
    const rng = makeRng('fast-test');
    const losses: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      shuffleInPlace(order, rng);
      const examples = {
        xs: inputColumns(modelInputNodes(check.checked), small, order),
        ys: targetColumn(small, order),
        rows: order.length,
      };
      losses.push(...(await stepper.fitEpoch(examples, spec.training.batchSize, () => true)));
    }
    model.dispose();
    assert.ok(losses[losses.length - 1] < losses[0] * 0.8, 'the run learns');
    assert.ok(
      maxRelativeGap(reference, losses) < 1e-4,
      `loss trajectories differ by ${maxRelativeGap(reference, losses)}`,
    );
  });

  it("with Adam over whole tables (the benchmark's PyTorch-matched variant) it equals LayersModel.fit on any batches", async () => {
    const spec = withTraining(presetSpec('neumf'), { optimizer: 'adam', learningRate: 0.01, batchSize: 128 });
    const reference = await train(spec, small, layers, 2);
    const fast = await train(spec, small, fastStepperWith('dense'), 2);
    const lazy = await train(spec, small, defaultFastStepper, 2);
    assert.ok(
      maxRelativeGap(reference.losses, lazy.losses) > 1e-3,
      'lazy Adam differs from dense Adam here: batches leave rows out',
    );
    assert.ok(
      maxRelativeGap(reference.losses, fast.losses) < 1e-3,
      `loss trajectories differ by ${maxRelativeGap(reference.losses, fast.losses)}`,
    );
    assert.ok(
      maxWeightGap(reference.weights, fast.weights) < 1e-3,
      `weights differ by ${maxWeightGap(reference.weights, fast.weights)}`,
    );
  });

  it("predicts what LayersModel.predict does (within 1e-5), from the model's current weights", async () => {
    const rows = Int32Array.from(small.ratings, (_, k) => k);
    for (const name of presetsOfTask('rating')) {
      const spec = withTraining(presetSpec(name), { batchSize: 256 });
      const check = checkSpec(spec, small.vocabulary);
      assert.ok(check.ok);
      const model = buildModel(check.checked, { vocabulary: small.vocabulary, globalMean: 3.5, seed: 2 });
      model.compile({ optimizer: makeOptimizer(spec.training), loss: 'meanSquaredError' });
      const stepper = defaultFastStepper(model, spec, smallSizes) as FastStepper;
      const inputs = modelInputNodes(check.checked);
      const examples = { xs: inputColumns(inputs, small, rows), ys: targetColumn(small, rows), rows: rows.length };
      await stepper.fitEpoch(examples, 256, () => true);
      const gap = async () => {
        const ours = await stepper.predict(examples.xs, rows.length);
        const theirs = predictRows(model, inputs, small, rows);
        assert.equal(ours.length, theirs.length);
        return Math.max(...ours.map((x, k) => Math.abs(x - theirs[k])));
      };
      assert.ok((await gap()) < 1e-5, `${name}: predictions differ by ${await gap()}`);
      // Other weights set on the model (early stopping restores its best) are the ones predicted from.
      const halved = model.getWeights().map((w) => tf.mul(w, 0.5));
      model.setWeights(halved);
      assert.ok((await gap()) < 1e-5, `${name}, weights set on the model: predictions differ by ${await gap()}`);
      tf.dispose(halved);
      model.dispose();
    }
  });

  it('trains every preset with the fast stepper and falls back to LayersModel.fit for what it lacks', () => {
    for (const name of [...presetsOfTask('rating'), ...presetsOfTask('ranking')])
      assert.equal(fastEngineFallback(presetSpec(name)), null, name);
    const neumf = presetSpec('neumf');
    assert.match(fastEngineFallback(withTraining(neumf, { optimizer: 'rmsprop' })) ?? '', /rmsprop/);
    const withDropout = parse({
      ...neumf,
      nodes: neumf.nodes.map((n) => (n.op === 'mlp' ? { ...n, dropout: 0.2 } : n)),
    });
    assert.match(fastEngineFallback(withDropout) ?? '', /dropout/);
    const check = checkSpec(neumf, small.vocabulary);
    assert.ok(check.ok);
    const model = buildModel(check.checked, { vocabulary: small.vocabulary, globalMean: 3.5, seed: 1 });
    assert.ok(defaultFastStepper(model, neumf, smallSizes) instanceof FastStepper);
    assert.ok(
      defaultFastStepper(model, withTraining(neumf, { optimizer: 'adagrad' }), smallSizes) instanceof LayersStepper,
    );
    model.dispose();
  });

  it("through the training loop: same seed, same metrics, on one thread or two; the trained weights are the model's", async () => {
    const { dataset, split } = smallData();
    const spec = withTraining(presetSpec('neumf'), { epochs: 3, batchSize: 128 });
    const check = checkSpec(spec, dataset.vocabulary);
    assert.ok(check.ok);
    const run = async (threads: number) => {
      const { result, model } = await trainModel({
        spec,
        dataset,
        split,
        backend: 'cpu',
        engine: 'fast',
        fastStepper: fastStepperWith('lazy', threads),
      });
      // LayersModel.predict on the returned model gives the reported test metrics (which came from the
      // fast engine's own forward pass): the weights were synced back.
      const again = evaluateRows(model, modelInputNodes(check.checked), dataset, split.test);
      model.dispose();
      assert.ok(
        Math.abs(again.rmse - result.test.rmse) < 1e-6,
        `test RMSE ${result.test.rmse} reported, ${again.rmse} by LayersModel.predict`,
      );
      return result.history.map((e) => [e.loss, e.val?.rmse]);
    };
    const first = await run(1);
    assert.ok((first[2][0] as number) < (first[0][0] as number), 'the loss falls');
    assert.deepEqual(await run(1), first);
    // Two threads share each product and give the same numbers bit for bit (wasm/team.ts).
    assert.deepEqual(await run(2), first);
  });

  it('leaks no tensors from epoch to epoch and stops when told to', async () => {
    const spec = withTraining(presetSpec('neumf'), { batchSize: 100 });
    const check = checkSpec(spec, small.vocabulary);
    assert.ok(check.ok);
    const model = buildModel(check.checked, { vocabulary: small.vocabulary, globalMean: 3.5, seed: 1 });
    const stepper = defaultFastStepper(model, spec, smallSizes);
    const inputs = modelInputNodes(check.checked);
    const rows = Int32Array.from(small.ratings, (_, k) => k);
    const counts: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      const examples = { xs: inputColumns(inputs, small, rows), ys: targetColumn(small, rows), rows: rows.length };
      const losses = await stepper.fitEpoch(examples, 100, (batch) => epoch < 2 || batch < 2);
      counts.push(tf.memory().numTensors);
      assert.equal(losses.length, epoch < 2 ? 16 : 3);
    }
    assert.equal(counts[1], counts[0]);
    assert.equal(counts[2], counts[0]);
    model.dispose();
  });

  it('rejects an id outside its embedding table with a message naming the input', async () => {
    const spec = presetSpec('mf');
    const check = checkSpec(spec, small.vocabulary);
    assert.ok(check.ok);
    const model = buildModel(check.checked, { vocabulary: small.vocabulary, globalMean: 3.5, seed: 1 });
    const stepper = defaultFastStepper(model, spec, smallSizes);
    const ids = (values: number[]) => ({ values: Int32Array.from(values), width: 1 });
    const examples = {
      xs: [ids([0, 1, 60]), ids([0, 1, 2])],
      ys: { values: Float32Array.of(1, 2, 3), width: 1 },
      rows: 3,
    };
    await assert.rejects(
      stepper.fitEpoch(examples, 256, () => true),
      /input 'user' holds id 60, outside its embedding table of 60 rows/,
    );
    model.dispose();
  });
});
