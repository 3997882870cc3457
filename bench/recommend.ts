/**
 * How fast a saved run answers "top-N for a user" (the Recommend view's request): trains each
 * preset for one epoch on MovieLens 100K (the synthetic set without it), saves and reloads the run
 * as the view does, then times `recommend` (scores of every item, the seen-item filter, top 10)
 * for 200 users. Run: npx tsx bench/recommend.ts [PRESET …]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { saveRun } from '../src/core/engine/save';
import { runJob } from '../src/core/job/runJob';
import { loadRun, loadRunData, Predictor, recommend, runDataFiles } from '../src/core/predict';
import { presetSpec } from '../src/core/presets';

const USERS = 200;
const presets = process.argv.slice(2).length ? process.argv.slice(2) : ['mf-bias', 'neumf'];
const ml = process.env.NCF_ML100K_DIR ?? resolve(__dirname, '../../shared/data/ml-100k');
const data = existsSync(join(ml, 'u.data')) ? `movielens:${ml}` : 'synthetic';
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ncf-bench-recommend-'));
  try {
    console.log(`data: ${data}; ${USERS} users per preset, top 10, seen items filtered`);
    for (const name of presets) {
      const spec = { ...presetSpec(name), training: { ...presetSpec(name).training, epochs: 1 } };
      const job = await runJob({ spec, data, split: 'random:0.2', backend: 'wasm' });
      const out = join(dir, name);
      await saveRun(out, {
        model: job.model,
        spec,
        dataset: job.dataset,
        result: job.result,
        files: runDataFiles(data, job.dataset, spec),
      });
      job.model.dispose();
      const run = await loadRun(out);
      const predictor = new Predictor(run);
      const { data: runData } = await loadRunData(run);
      const times: number[] = [];
      for (const user of predictor.users.slice(0, USERS)) {
        const t0 = performance.now();
        recommend(predictor, runData, user, { k: 10 });
        times.push(performance.now() - t0);
      }
      predictor.dispose();
      const sorted = [...times].sort((a, b) => a - b);
      console.log(
        `${name}: top 10 of ${predictor.items.length} items in ${quantile(sorted, 0.5).toFixed(1)} ms (median), ${quantile(sorted, 0.95).toFixed(1)} ms (95th percentile), first call ${times[0].toFixed(1)} ms`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
