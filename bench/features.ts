/**
 * `npm run eval:features`: the side-information models against mf-bias on ML-100K — warm (the official
 * folds, mean test RMSE) and cold (`cold-users:0.1`, seeded: users the model never saw, beside the
 * global mean and μ + bᵢ, which is what μ + bᵤ + bᵢ becomes for a user without ratings).
 * Arguments: `--folds u1,u2` to evaluate fewer folds (default all five); preset names to run only those.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import Table from 'cli-table3';
import { defaultFastStepper } from '../src/core/engine/fast';
import { runJob } from '../src/core/job/runJob';
import { presetSpec } from '../src/core/presets';
import { ML100K_DIR } from './bench-data';

const WARM = ['mf-bias', 'feat', 'feat-mf', 'feat-tower'];
const COLD = ['feat', 'feat-tower'];

async function evaluate(name: string, split: string) {
  const t0 = performance.now();
  const { result, model } = await runJob({
    spec: presetSpec(name),
    presetName: name,
    data: `movielens:${ML100K_DIR}`,
    split,
    fastStepper: defaultFastStepper,
  });
  model.dispose();
  const seconds = (performance.now() - t0) / 1000;
  process.stderr.write(
    `${name} on ${split}: ${(result.mean ?? result.test).rmse.toFixed(4)} (${seconds.toFixed(0)} s)\n`,
  );
  return {
    preset: name,
    split,
    engine: result.engine,
    test: result.mean ?? result.test,
    baselines: result.baselinesMean ?? result.baselines,
    seconds,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const folds = args.includes('--folds') ? args[args.indexOf('--folds') + 1] : 'u1,u2,u3,u4,u5';
  const only = args.filter((a) => WARM.includes(a));
  if (!existsSync(path.join(ML100K_DIR, 'u1.base'))) {
    console.error(`MovieLens-100K not found at ${ML100K_DIR} (set NCF_ML100K_DIR): nothing to evaluate`);
    process.exit(1);
  }
  const rows = [];
  const table = new Table({
    head: ['preset', 'split', 'test RMSE', 'test MAE', 'global mean', 'μ + bᵤ + bᵢ (cold: μ + bᵢ)', 'engine'],
    style: { head: [], border: [] },
  });
  const runs = [
    ...WARM.filter((n) => !only.length || only.includes(n)).map((n) => [n, `fold:${folds}`]),
    ...COLD.filter((n) => !only.length || only.includes(n)).map((n) => [n, 'cold-users:0.1']),
  ];
  for (const [name, split] of runs) {
    const row = await evaluate(name, split);
    rows.push(row);
    table.push([
      name,
      split,
      row.test.rmse.toFixed(4),
      row.test.mae.toFixed(4),
      row.baselines.globalMean.rmse.toFixed(4),
      row.baselines.userItemBias.rmse.toFixed(4),
      row.engine,
    ]);
  }
  console.log('ML-100K: side features, warm (mean over the folds) and cold (cold-users:0.1, seed 42)');
  console.log(table.toString());
  console.log(JSON.stringify({ event: 'eval-features', rows }));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
