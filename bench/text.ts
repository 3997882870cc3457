/**
 * `npm run eval:text`: the lecture's appendix on the restaurant reviews — each text preset under seeded
 * 5-fold cross-validation (the vocabulary fitted on each fold's training rows), the mean test accuracy and
 * AUC ± std beside the majority class — what the README reports. Arguments: preset names to evaluate only
 * those; `--engine layers` for the plain engine; `--data text:FILE` for another labelled file.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import Table from 'cli-table3';
import { runClassificationJob, textSource } from '../src/core/classification/job';
import { ClassMetrics, MetricKey } from '../src/core/classification/metrics';
import { defaultFastStepper } from '../src/core/engine/fast';
import { presetSpec, presetsOfTask } from '../src/core/presets';

const REVIEWS =
  process.env.NCF_REVIEWS_FILE ??
  path.resolve(__dirname, '..', '..', 'shared', 'data', 'restaurant-reviews', 'Restaurant_Reviews.tsv');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const engine = args.includes('--engine') && args[args.indexOf('--engine') + 1] === 'layers' ? 'layers' : 'fast';
  const data = args.includes('--data') ? args[args.indexOf('--data') + 1] : `text:${REVIEWS}`;
  const names = args.filter((a) => presetsOfTask('classification').includes(a));
  if (!existsSync(textSource(data).file)) {
    console.error(
      `${textSource(data).file} not found (set NCF_REVIEWS_FILE or pass --data text:FILE): nothing to evaluate`,
    );
    process.exit(1);
  }
  const split = 'kfold:5';
  const table = new Table({
    head: ['model', 'accuracy', 'AUC', 'F1', 'engine', 'seconds'],
    style: { head: [], border: [] },
  });
  const pm = (m: ClassMetrics, s: ClassMetrics | undefined, k: MetricKey) =>
    s ? `${m[k].toFixed(4)} ± ${s[k].toFixed(4)}` : m[k].toFixed(4);
  const rows = [];
  let majority: ClassMetrics | undefined;
  for (const name of names.length ? names : presetsOfTask('classification')) {
    const t0 = performance.now();
    const { result, run } = await runClassificationJob({
      spec: presetSpec(name),
      presetName: name,
      data,
      split,
      engine,
      fastStepper: defaultFastStepper,
    });
    run.model.dispose();
    const seconds = (performance.now() - t0) / 1000;
    const mean = result.mean ?? result.test;
    majority ??= result.baselinesMean?.majority;
    rows.push({
      preset: name,
      engine: result.engine,
      fallbackReason: result.fallbackReason,
      mean,
      std: result.std,
      seconds,
    });
    table.push([
      name,
      pm(mean, result.std, 'accuracy'),
      pm(mean, result.std, 'auc'),
      pm(mean, result.std, 'f1'),
      result.fallbackReason ? `${result.engine} (${result.fallbackReason})` : result.engine,
      seconds.toFixed(0),
    ]);
    process.stderr.write(
      `${name}: accuracy ${mean.accuracy.toFixed(4)} AUC ${mean.auc.toFixed(4)} (${seconds.toFixed(0)} s)\n`,
    );
  }
  if (majority)
    table.push([
      'baseline: majority class',
      pm(majority, undefined, 'accuracy'),
      pm(majority, undefined, 'auc'),
      pm(majority, undefined, 'f1'),
      '—',
      '—',
    ]);
  console.log(`${path.basename(textSource(data).file)}, ${split} (seed 42), mean ± std of the test folds`);
  console.log(table.toString());
  console.log(JSON.stringify({ event: 'eval', task: 'classification', split, rows, baselines: { majority } }));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
