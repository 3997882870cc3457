/**
 * `npm run eval:ranking`: the NCF paper's protocol on ML-100K (u.data, every rating an interaction,
 * leave-one-out by time, the test item against 99 sampled negatives drawn with a fixed seed) for the
 * ranking presets, beside ItemPop and random, with the full-ranking figures — what the README reports.
 * With GMF, MLP and NeuMF all evaluated, NeuMF runs a second time initialised from the GMF and MLP
 * just trained (the paper's pre-training, α = 0.5).
 * Arguments: preset names to evaluate only those; `--engine layers` for the plain engine; `--ties file`
 * to break ties of time in leave-one-out by file order instead of item id (see src/core/ranking/loo.ts).
 */
import Table from 'cli-table3';
import { defaultFastStepper } from '../src/core/engine/fast';
import { presetSpec, presetsOfTask } from '../src/core/presets';
import { runRankingJob } from '../src/core/ranking/job';
import { RankingBaselines, RankingMetrics } from '../src/core/ranking/events';
import { TrainedBranch, initialiseFromPretrained } from '../src/core/ranking/pretrain';
import { CheckedSpec, checkSpec } from '../src/core/spec/check';
import { ML100K_DIR, requireMl100k } from './bench-data';

const PRETRAINED = 'neumf-ranking, pre-trained';

function checked(name: string): CheckedSpec {
  const check = checkSpec(presetSpec(name));
  if (!check.ok) throw new Error(`preset ${name} does not check`);
  return check.checked;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const engine = args.includes('--engine') && args[args.indexOf('--engine') + 1] === 'layers' ? 'layers' : 'fast';
  const names = args.filter((a) => presetsOfTask('ranking').includes(a));
  const ties = args.includes('--ties') && args[args.indexOf('--ties') + 1] === 'file' ? 'file' : 'item';
  requireMl100k();
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
  let baselines: RankingBaselines | undefined;
  const trained = new Map<string, TrainedBranch>();
  const chosen = names.length ? names : presetsOfTask('ranking');
  // NeuMF once more, initialised from the GMF and MLP just trained (the paper's pre-training, α = 0.5).
  const pretrain = chosen.includes('gmf-ranking') && chosen.includes('mlp-ranking') && chosen.includes('neumf-ranking');
  for (const name of pretrain ? [...chosen, PRETRAINED] : chosen) {
    const t0 = performance.now();
    const { result, model } = await runRankingJob({
      spec: presetSpec(name === PRETRAINED ? 'neumf-ranking' : name),
      presetName: name,
      data: `movielens:${ML100K_DIR}`,
      engine,
      ties,
      fastStepper: defaultFastStepper,
      initialise:
        name === PRETRAINED
          ? (neumf, checked) =>
              initialiseFromPretrained(
                { model: neumf, checked },
                trained.get('gmf-ranking')!,
                trained.get('mlp-ranking')!,
              )
          : undefined,
    });
    if (pretrain && (name === 'gmf-ranking' || name === 'mlp-ranking'))
      trained.set(name, { model, checked: checked(name) });
    else model.dispose();
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
  for (const { model } of trained.values()) model.dispose();
  if (baselines) for (const [name, m] of Object.entries(baselines)) line(`baseline: ${name}`, m, '—', '—');
  console.log(
    `ML-100K u.data, leave-one-out by time (ties by ${ties === 'file' ? 'file order' : 'item id'}), the test item against 99 sampled negatives (seed 42) and against all unseen items (engine ${engine})`,
  );
  console.log(table.toString());
  console.log(JSON.stringify({ event: 'eval', task: 'ranking', split: 'loo', ties, rows, baselines }));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
