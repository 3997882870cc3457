import { strict as assert } from 'node:assert';
import { runJob } from '../../../src/core/job/runJob';
import { presetSpec } from '../../../src/core/presets';
import { defaultFastStepper } from '../../../src/core/engine/fast';

describe('the synthetic dataset is learnable', () => {
  it('NeuMF with its defaults beats μ + bᵤ + bᵢ clearly and gets within 0.09 of the noise floor', async () => {
    const job = await runJob({
      spec: presetSpec('neumf'),
      presetName: 'neumf',
      data: 'synthetic',
      split: 'random:0.2',
      engine: 'fast',
      fastStepper: defaultFastStepper,
    });
    job.model.dispose();
    const floor = job.dataset.noiseFloorRmse!;
    const { test, baselines } = job.result;
    const said = `NeuMF ${test.rmse.toFixed(4)}, μ+bᵤ+bᵢ ${baselines.userItemBias.rmse.toFixed(4)}, noise floor ${floor.toFixed(4)}`;
    assert.ok(floor > 0.8 && floor < 0.9, said);
    assert.ok(test.rmse < baselines.userItemBias.rmse - 0.025, said);
    assert.ok(test.rmse < floor + 0.09, said);
    assert.ok(test.rmse > floor - 0.02, `no model beats the truth by much: ${said}`);
  });
});
