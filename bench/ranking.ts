/**
 * `npm run eval:ranking`: the NCF paper's protocol on ML-100K (u.data, every rating an interaction,
 * leave-one-out by time, the test item against 99 sampled negatives drawn with a fixed seed) for the
 * ranking presets, beside ItemPop and random, with the full-ranking figures — what the README reports.
 * Arguments: preset names to evaluate only those; `--engine layers` for the plain engine.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import Table from 'cli-table3';
import { defaultFastStepper } from '../src/core/engine/fast';
import { presetSpec, presetsOfTask } from '../src/core/presets';
import { runRankingJob } from '../src/core/ranking/job';
import { RankingMetrics } from '../src/core/ranking/events';
import { ML100K_DIR } from './bench-data';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const engine = args.includes('--engine') && args[args.indexOf('--engine') + 1] === 'layers' ? 'layers' : 'fast';
  const names = args.filter((a) => presetsOfTask('ranking').includes(a));
  if (!existsSync(path.join(ML100K_DIR, 'u.data'))) {
    console.error(`MovieLens-100K not found at ${ML100K_DIR} (set NCF_ML100K_DIR): nothing to evaluate`);
    process.exit(1);
  }
  const table = new Table({
    head: ['model', 'HR@10', 'NDCG@10', 'full HR@10', 'full NDCG@10', 'full MRR', 'epochs', 'seconds'],
    style: { head: [], border: [] },
  });
  const line = (name: string, m: RankingMetrics, epochs: string, seconds: string) =>
    table.push([
      name,
      m.hr.toFixed(4),
      m.ndcg.toFixed(4),
      m.full.hr.toFixed(4),
      m.full.ndcg.toFixed(4),
      m.full.mrr.toFixed(4),
      epochs,
      seconds,
    ]);
  const rows = [];
  let baselines: Record<string, RankingMetrics> | undefined;
  for (const name of names.length ? names : presetsOfTask('ranking')) {
    const t0 = performance.now();
    const { result, model } = await runRankingJob({
      spec: presetSpec(name),
      presetName: name,
      data: `movielens:${ML100K_DIR}`,
      engine,
      fastStepper: defaultFastStepper,
    });
    model.dispose();
    const seconds = (performance.now() - t0) / 1000;
    baselines ??= result.baselines;
    rows.push({
      preset: name,
      engine: result.engine,
      test: result.test,
      bestEpoch: result.bestEpoch,
      epochs: result.epochs,
      seconds,
    });
    line(name, result.test, `${result.bestEpoch} of ${result.epochs}`, seconds.toFixed(0));
    process.stderr.write(
      `${name}: HR@10 ${result.test.hr.toFixed(4)} NDCG@10 ${result.test.ndcg.toFixed(4)} (${result.engine}, ${seconds.toFixed(0)} s)\n`,
    );
  }
  if (baselines) for (const [name, m] of Object.entries(baselines)) line(`baseline: ${name}`, m, '—', '—');
  console.log(
    `ML-100K u.data, leave-one-out by time, the test item against 99 sampled negatives (seed 42) and against all unseen items (engine ${engine})`,
  );
  console.log(table.toString());
  console.log(JSON.stringify({ event: 'eval', task: 'ranking', split: 'loo', rows, baselines }));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
