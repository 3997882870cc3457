/**
 * `npm run bench:tune`: the parallel speed-up of a search — the same trials (seeded random, no
 * pruning) with `--jobs 1` and with `--jobs 2`, wall time of each and their ratio (target ≥ 1.6 on
 * two cores). On a shared machine the load drifts while it runs, so the runs go in the order
 * 1, 2, 2, 1 (a drift that is steady over the four weighs on both alike) and each is printed with
 * the load average at its start and end. Arguments: `--preset NAME` (neumf), `--trials N` (6),
 * `--epochs N` (5), `--rounds N` (1: one 1-2-2-1 sequence); the data is ML-100K fold u1
 * (NCF_ML100K_DIR), or the built-in synthetic set when it is absent. The default workload is a
 * NeuMF search because its trials take seconds, as a real search's do: an mf-bias trial of 5
 * epochs takes about half a second, so what each trial costs besides training (messages, building
 * the model, waiting for the slower of two trials) weighs as much as the training itself.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { prepareSearch } from '../src/core/tune/prepare';
import { runSearch } from '../src/core/tune/search';
import { ML100K_DIR } from './bench-data';

const arg = (name: string, fallback: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback;

const load = () => loadavg()[0].toFixed(1);

async function timed(
  jobs: number,
  dir: string,
  preset: string,
  trials: number,
  epochs: number,
  data: string,
  split: string,
) {
  const prepared = await prepareSearch({
    preset,
    data,
    split,
    strategy: 'random',
    trials,
    seed: 1,
    prune: false,
    epochs,
    out: path.join(dir, `jobs-${jobs}-${performance.now()}`),
  });
  let t0 = 0;
  let loadBefore = '';
  // Timed from the moment every worker has loaded the data to the end of the final test evaluation.
  const outcome = await runSearch({
    ...prepared,
    jobs,
    onReady: () => {
      t0 = performance.now();
      loadBefore = load();
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  // A trial that takes longer beside another than alone shows that the two had no spare core between them.
  const trialSeconds = outcome.trials.reduce((sum, t) => sum + t.seconds, 0) / outcome.trials.length;
  const run = { jobs, seconds, trialSeconds, load: `${loadBefore} → ${load()}` };
  process.stderr.write(
    `--jobs ${jobs}: ${seconds.toFixed(1)} s, a trial ${trialSeconds.toFixed(1)} s on average (load average ${run.load})\n`,
  );
  return { ...run, params: outcome.trials.map((t) => JSON.stringify(t.params)).sort() };
}

async function main(): Promise<void> {
  const preset = arg('--preset', 'neumf');
  const trials = Number(arg('--trials', '6'));
  const epochs = Number(arg('--epochs', '5'));
  const rounds = Number(arg('--rounds', '1'));
  const ml = existsSync(path.join(ML100K_DIR, 'u1.base'));
  const data = ml ? `movielens:${ML100K_DIR}` : 'synthetic';
  const split = ml ? 'fold:u1' : 'random:0.2';
  if (!ml)
    process.stderr.write(
      `MovieLens-100K not found at ${ML100K_DIR} (set NCF_ML100K_DIR): measuring on the synthetic set\n`,
    );
  const dir = mkdtempSync(path.join(tmpdir(), 'ncf-bench-tune-'));
  try {
    const runs: Awaited<ReturnType<typeof timed>>[] = [];
    for (let round = 0; round < rounds; round++)
      for (const jobs of [1, 2, 2, 1]) runs.push(await timed(jobs, dir, preset, trials, epochs, data, split));
    if (new Set(runs.map((r) => JSON.stringify(r.params))).size !== 1)
      throw new Error('the searches did not run the same trials');
    const total = (jobs: number) => runs.filter((r) => r.jobs === jobs).reduce((s, r) => s + r.seconds, 0);
    const speedUp = total(1) / total(2);
    console.log(
      JSON.stringify({
        preset,
        data: ml ? 'ML-100K u1' : 'synthetic',
        trials,
        epochs,
        runs: runs.map(({ jobs, seconds, trialSeconds, load }) => ({ jobs, seconds, trialSeconds, load })),
        speedUp,
      }),
    );
    console.log(
      `${trials} ${preset} trials of ${epochs} epochs (search and final evaluation), ${runs.length} runs in the order 1-2-2-1: --jobs 1 ${total(1).toFixed(1)} s, --jobs 2 ${total(2).toFixed(1)} s in all: ${speedUp.toFixed(2)}× (target ≥ 1.6×)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
