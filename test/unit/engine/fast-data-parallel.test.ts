/** The fast engine with each batch's rows shared between threads (dataParallel.ts). */
import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { ModelSizes, fastStepperWith } from '../../../src/core/engine/fast';
import { ParallelMode } from '../../../src/core/engine/fast/dataParallel';
import { FastStepper } from '../../../src/core/engine/fast/stepper';
import { defaultParallel, PARALLEL_VARIABLE } from '../../../src/core/engine/fast/threads';
import { KERNEL_NAMES } from '../../../src/core/engine/fast/wasm/kernelNames';
import { KERNELS_WASM_BASE64 } from '../../../src/core/engine/fast/wasm/kernels.wasm';
import { trainModel } from '../../../src/core/engine/train';
import { presetSpec } from '../../../src/core/presets';
import { checkSpec } from '../../../src/core/spec/check';
import { Spec } from '../../../src/core/spec/schema';
import { smallData } from '../../helpers/data';
import { cosineSpec } from '../../helpers/specs';

const { dataset, split } = smallData();

interface Outcome {
  /** Per epoch: training loss and validation RMSE. */
  history: number[][];
  testRmse: number;
  sharedBatches: number;
  threads: number;
}

async function run(spec: Spec, threads: number, parallel: ParallelMode): Promise<Outcome> {
  let stepper: FastStepper | undefined;
  const { result, model } = await trainModel({
    spec,
    dataset,
    split,
    backend: 'cpu',
    engine: 'fast',
    fastStepper: (m: tf.LayersModel, s: Spec, sizes: ModelSizes) => {
      const made = fastStepperWith('lazy', threads, parallel)(m, s, sizes);
      assert.ok(made instanceof FastStepper, 'the fast engine trains this spec');
      stepper = made;
      return made;
    },
  });
  model.dispose();
  return {
    history: result.history.map((e) => [e.loss, e.val!.rmse]),
    testRmse: result.test.rmse,
    sharedBatches: stepper!.sharedBatches,
    threads: stepper!.threads,
  };
}

function maxRelativeGap(a: number[][], b: number[][]): number {
  return Math.max(...a.flat().map((x, k) => Math.abs(x - b.flat()[k]) / Math.abs(x)));
}

describe('fast engine, each batch shared between threads', function () {
  this.timeout(120_000);
  // Batches of 256 (the last of an epoch shorter), an MLP tower and a Hadamard branch, Adam.
  const neumf: Spec = {
    ...presetSpec('neumf'),
    training: { ...presetSpec('neumf').training, epochs: 3, batchSize: 256 },
  };

  it('the same seed and thread count give the same numbers; they stay within 1e-4 of one thread’s', async () => {
    const one = await run(neumf, 1, 'products');
    for (const threads of [2, 3]) {
      const first = await run(neumf, threads, 'data');
      const again = await run(neumf, threads, 'data');
      assert.ok(first.sharedBatches > 0, `${threads} threads: no batch was shared`);
      assert.deepEqual(again, first, `${threads} threads: a second run gave other numbers`);
      // Summed in shares, the gradients are not one thread's bits, but the same sums to rounding.
      assert.ok(first.history.flat().some((x, k) => x !== one.history.flat()[k]) || first.testRmse !== one.testRmse);
      const gap = maxRelativeGap(first.history, one.history);
      assert.ok(gap < 1e-4, `${threads} threads: losses and RMSEs up to ${gap} apart from one thread's`);
      assert.ok(Math.abs(first.testRmse - one.testRmse) < 1e-4);
    }
  });

  it('a spec whose step computes in JavaScript (cosine) keeps the split products: one thread’s bits', async () => {
    const input = cosineSpec({ optimizer: 'adam', learningRate: 0.01, batchSize: 256, epochs: 2 });
    const check = checkSpec(input, dataset.vocabulary);
    assert.ok(check.ok);
    const shared = await run(check.checked.spec, 2, 'data');
    assert.equal(shared.sharedBatches, 0);
    assert.deepEqual({ ...shared, threads: 1 }, await run(check.checked.spec, 1, 'products'));
  });

  it('split products need dense layers: mf-bias trains on one thread when given two, NeuMF on two', async () => {
    const short = (name: string): Spec => ({
      ...presetSpec(name),
      training: { ...presetSpec(name).training, epochs: 1 },
    });
    assert.equal((await run(short('mf-bias'), 2, 'products')).threads, 1);
    assert.equal((await run(short('neumf'), 2, 'products')).threads, 2);
    assert.equal((await run(short('mf-bias'), 2, 'data')).threads, 2);
  });

  it('a worker knows every kernel by the name the recorder gives it', () => {
    const exported = WebAssembly.Module.exports(new WebAssembly.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64')))
      .filter((e) => e.kind === 'function')
      .map((e) => e.name);
    assert.deepEqual([...KERNEL_NAMES].sort(), exported.sort());
  });

  it(`${PARALLEL_VARIABLE} picks the mode and names a wrong value`, () => {
    const before = process.env[PARALLEL_VARIABLE];
    try {
      delete process.env[PARALLEL_VARIABLE];
      assert.equal(defaultParallel(), 'products');
      process.env[PARALLEL_VARIABLE] = 'data';
      assert.equal(defaultParallel(), 'data');
      process.env[PARALLEL_VARIABLE] = 'rows';
      assert.throws(() => defaultParallel(), /NCF_PARALLEL=rows: expected 'products' or 'data'/);
    } finally {
      if (before === undefined) delete process.env[PARALLEL_VARIABLE];
      else process.env[PARALLEL_VARIABLE] = before;
    }
  });
});
