/**
 * `npm run eval`: every preset with its defaults on the official ML-100K folds u1…u5 (one run per
 * fold), mean test RMSE and MAE beside the two baselines — the figures the README reports.
 * Arguments: preset names to evaluate only those; `--engine layers` for the plain engine.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import Table from 'cli-table3';
import { defaultFastStepper } from '../src/core/engine/fast';
import { runJob } from '../src/core/job/runJob';
import { presetSpec, presetsOfTask } from '../src/core/presets';
import { ML100K_DIR } from './bench-data';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const engine = args.includes('--engine') && args[args.indexOf('--engine') + 1] === 'layers' ? 'layers' : 'fast';
  const names = args.filter((a) => presetsOfTask('rating').includes(a));
  if (!existsSync(path.join(ML100K_DIR, 'u1.base'))) {
    console.error(`MovieLens-100K not found at ${ML100K_DIR} (set NCF_ML100K_DIR): nothing to evaluate`);
    process.exit(1);
  }
  const table = new Table({
    head: ['preset', 'test RMSE (mean ± sd)', 'test MAE', 'global mean', 'μ + bᵤ + bᵢ', 'seconds'],
    style: { head: [], border: [] },
  });
  const rows = [];
  for (const name of names.length ? names : presetsOfTask('rating')) {
    const t0 = performance.now();
    const { result, model } = await runJob({
      spec: presetSpec(name),
      presetName: name,
      data: `movielens:${ML100K_DIR}`,
      split: 'fold:u1,u2,u3,u4,u5',
      engine,
      fastStepper: defaultFastStepper,
    });
    model.dispose();
    const seconds = (performance.now() - t0) / 1000;
    const row = {
      preset: name,
      engine: result.engine,
      test: result.mean!,
      std: result.std!,
      baselines: result.baselines,
      seconds,
    };
    rows.push(row);
    table.push([
      name,
      `${row.test.rmse.toFixed(4)} ± ${row.std.rmse.toFixed(4)}`,
      row.test.mae.toFixed(4),
      row.baselines.globalMean.rmse.toFixed(4),
      row.baselines.userItemBias.rmse.toFixed(4),
      seconds.toFixed(0),
    ]);
    process.stderr.write(`${name}: ${row.test.rmse.toFixed(4)}\n`);
  }
  console.log(`ML-100K, official folds u1…u5, mean of five runs (engine ${engine})`);
  console.log(table.toString());
  console.log(JSON.stringify({ event: 'eval', split: 'fold:u1,u2,u3,u4,u5', rows }));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
