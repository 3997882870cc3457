/**
 * `npm run eval:features`: the side-information models against mf-bias on ML-100K — warm (the official
 * folds, mean test RMSE) and cold (`cold-users:0.1`, seeded: users the model never saw, beside the
 * global mean and μ + bᵢ, which is what μ + bᵤ + bᵢ becomes for a user without ratings).
 * Arguments: `--folds u1,u2` to evaluate fewer folds (default all five); preset names to run only those;
 * `--out FILE` keeps one JSON line per preset and fold there and skips the ones it already holds, so an
 * evaluation stopped part way (the machine is slow under load) resumes where it was.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Table from 'cli-table3';
import { defaultFastStepper } from '../src/core/engine/fast';
import { Metrics } from '../src/core/engine/events';
import { runJob, summarise } from '../src/core/job/runJob';
import { presetSpec } from '../src/core/presets';
import { ML100K_DIR } from './bench-data';

const WARM = ['mf-bias', 'feat', 'feat-mf', 'feat-tower'];
const COLD = ['feat', 'feat-tower'];
const COLD_SPLIT = 'cold-users:0.1';

interface Row {
  preset: string;
  split: string;
  engine: string;
  test: Metrics;
  baselines: { globalMean: Metrics; userItemBias: Metrics };
  seconds: number;
}

async function evaluate(name: string, split: string): Promise<Row> {
  const t0 = performance.now();
  const { result, model } = await runJob({
    spec: presetSpec(name),
    presetName: name,
    data: `movielens:${ML100K_DIR}`,
    split,
    engine: 'fast',
    fastStepper: defaultFastStepper,
  });
  model.dispose();
  const seconds = (performance.now() - t0) / 1000;
  process.stderr.write(`${name} on ${split}: ${result.test.rmse.toFixed(4)} (${seconds.toFixed(0)} s)\n`);
  return { preset: name, split, engine: result.engine, test: result.test, baselines: result.baselines, seconds };
}

/** The rows a previous run of the same evaluation wrote, by preset and split. */
function readDone(file: string | undefined): Map<string, Row> {
  const done = new Map<string, Row>();
  if (!file || !existsSync(file)) return done;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Row;
    done.set(`${row.preset} ${row.split}`, row);
  }
  return done;
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const folds = (option(args, '--folds') ?? 'u1,u2,u3,u4,u5').split(',');
  const out = option(args, '--out');
  const only = args.filter((a) => WARM.includes(a));
  if (!existsSync(path.join(ML100K_DIR, 'u1.base'))) {
    console.error(`MovieLens-100K not found at ${ML100K_DIR} (set NCF_ML100K_DIR): nothing to evaluate`);
    process.exit(1);
  }
  const done = readDone(out);
  const wanted = (names: string[]) => names.filter((n) => !only.length || only.includes(n));
  const groups = [
    ...wanted(COLD).map((n) => ({ preset: n, label: COLD_SPLIT, splits: [COLD_SPLIT] })),
    ...wanted(WARM).map((n) => ({
      preset: n,
      label: `fold:${folds.join(',')}`,
      splits: folds.map((f) => `fold:${f}`),
    })),
  ];
  // Cold runs first, then fold by fold across the models: a run stopped part way has comparable rows.
  const order = [
    ...groups.filter((g) => g.label === COLD_SPLIT).map((g) => [g.preset, COLD_SPLIT]),
    ...folds.flatMap((f) => groups.filter((g) => g.label !== COLD_SPLIT).map((g) => [g.preset, `fold:${f}`])),
  ];
  for (const [preset, split] of order) {
    if (done.has(`${preset} ${split}`)) continue;
    const row = await evaluate(preset, split);
    done.set(`${preset} ${split}`, row);
    if (out) appendFileSync(out, JSON.stringify(row) + '\n');
  }
  const table = new Table({
    head: ['preset', 'split', 'test RMSE', 'test MAE', 'global mean', 'μ + bᵤ + bᵢ (cold: μ + bᵢ)', 'engine'],
    style: { head: [], border: [] },
  });
  const summaries = [];
  for (const group of groups) {
    const rows = group.splits.map((split) => done.get(`${group.preset} ${split}`)!);
    const mean = (pick: (r: Row) => Metrics) => summarise(rows.map(pick)).mean;
    const summary = {
      preset: group.preset,
      split: group.label,
      test: mean((r) => r.test),
      globalMean: mean((r) => r.baselines.globalMean),
      userItemBias: mean((r) => r.baselines.userItemBias),
      engine: rows[0].engine,
    };
    summaries.push(summary);
    table.push([
      summary.preset,
      summary.split,
      summary.test.rmse.toFixed(4),
      summary.test.mae.toFixed(4),
      summary.globalMean.rmse.toFixed(4),
      summary.userItemBias.rmse.toFixed(4),
      summary.engine,
    ]);
  }
  console.log(`ML-100K: side features, warm (mean over the folds) and cold (${COLD_SPLIT}, seed 42)`);
  console.log(table.toString());
  console.log(JSON.stringify({ event: 'eval-features', rows: summaries }));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
