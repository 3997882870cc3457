/**
 * `npm run bench:tune`: the parallel speed-up of a search — the same trials (seeded random, no
 * pruning) with `--jobs 1` and then `--jobs 2`, wall time of each and their ratio (target ≥ 1.6 on
 * two cores). Arguments: `--preset NAME` (mf-bias), `--trials N` (4), `--epochs N` (5); the data is
 * ML-100K fold u1 (NCF_ML100K_DIR), or the built-in synthetic set when it is absent.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { prepareSearch } from '../src/core/tune/prepare';
import { runSearch } from '../src/core/tune/search';
import { ML100K_DIR } from './bench-data';

const arg = (name: string, fallback: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback;

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
    out: path.join(dir, `jobs-${jobs}`),
  });
  let t0 = 0;
  // Timed from the moment every worker has loaded the data to the end of the final test evaluation.
  const outcome = await runSearch({ ...prepared, jobs, onReady: () => (t0 = performance.now()) });
  return {
    seconds: (performance.now() - t0) / 1000,
    params: outcome.trials.map((t) => JSON.stringify(t.params)).sort(),
  };
}

async function main(): Promise<void> {
  const preset = arg('--preset', 'mf-bias');
  const trials = Number(arg('--trials', '4'));
  const epochs = Number(arg('--epochs', '5'));
  const ml = existsSync(path.join(ML100K_DIR, 'u1.base'));
  const data = ml ? `movielens:${ML100K_DIR}` : 'synthetic';
  const split = ml ? 'fold:u1' : 'random:0.2';
  if (!ml)
    process.stderr.write(
      `MovieLens-100K not found at ${ML100K_DIR} (set NCF_ML100K_DIR): measuring on the synthetic set\n`,
    );
  const dir = mkdtempSync(path.join(tmpdir(), 'ncf-bench-tune-'));
  try {
    const one = await timed(1, dir, preset, trials, epochs, data, split);
    const two = await timed(2, dir, preset, trials, epochs, data, split);
    if (JSON.stringify(one.params) !== JSON.stringify(two.params))
      throw new Error('the two searches did not run the same trials');
    const speedUp = one.seconds / two.seconds;
    console.log(
      JSON.stringify({
        preset,
        data: ml ? 'ML-100K u1' : 'synthetic',
        trials,
        epochs,
        jobs1Seconds: one.seconds,
        jobs2Seconds: two.seconds,
        speedUp,
      }),
    );
    console.log(
      `${trials} ${preset} trials of ${epochs} epochs (search and final evaluation): --jobs 1 ${one.seconds.toFixed(1)} s, --jobs 2 ${two.seconds.toFixed(1)} s: ${speedUp.toFixed(2)}× (target ≥ 1.6×)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
