/**
 * `npm run eval:ranking-peer`: NeuMF (`neumf-ranking`) trained by NCF Studio's fast engine and by the
 * paper's NeuMF in PyTorch (bench/torch_ranking.py), on the same protocol (ML-100K u.data,
 * leave-one-out by time, the same sampled negatives), one row per seed and their mean. It tells a
 * shortfall of the model or its defaults (both sides miss) from one of our training (only we miss).
 * Arguments: `--seeds 42,1,2` (the default); `--ties file` to break ties of time by file order.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Table from 'cli-table3';
import { Command } from 'commander';
import { loadDataset } from '../src/core/data/load';
import { defaultFastStepper } from '../src/core/engine/fast';
import { presetSpec } from '../src/core/presets';
import { rankingProtocol } from '../src/core/ranking/protocol';
import { trainRanking } from '../src/core/ranking/train';
import { checkSpec } from '../src/core/spec/check';
import { ML100K_DIR, requireMl100k } from './bench-data';
import { findTorchPython, runChild } from './peer';
import { peerProtocol } from './ranking-protocol-file';

interface Figures {
  hr: number;
  ndcg: number;
  bestEpoch: number;
  epochs: number;
  seconds: number;
}

const PRESET = 'neumf-ranking';

async function main(): Promise<void> {
  const options = new Command()
    .option('--seeds <list>', 'seeds of both sides, comma-separated', '42,1,2')
    .option('--ties <rule>', "leave-one-out's ties of time: item (id) or file (order)", 'item')
    .parse()
    .opts<{ seeds: string; ties: string }>();
  const seeds = options.seeds.split(',').map(Number);
  if (seeds.some((s) => !Number.isInteger(s))) throw new Error(`--seeds: not a list of integers: ${options.seeds}`);
  const ties = options.ties === 'file' ? 'file' : 'item';
  requireMl100k();
  const python = findTorchPython();
  if (!python)
    throw new Error('PyTorch not found (no python3 here imports torch; on Debian: apt-get install python3-torch)');
  const dataset = await loadDataset(`movielens:${ML100K_DIR}`);
  const work = mkdtempSync(path.join(tmpdir(), 'ncf-ranking-peer-'));
  const rows: { seed: number; ours: Figures; pytorch: Figures }[] = [];
  try {
    for (const seed of seeds) {
      const preset = presetSpec(PRESET);
      const check = checkSpec({ ...preset, training: { ...preset.training, seed } });
      if (!check.ok) throw new Error(`preset ${PRESET} does not check`);
      const spec = check.checked.spec;
      const file = path.join(work, `protocol-${seed}.json`);
      writeFileSync(file, peerProtocol(spec, dataset, rankingProtocol(dataset, spec.training, ties)));
      process.stderr.write(`seed ${seed}: PyTorch\n`);
      const pytorch = runChild<Figures>(
        python,
        [path.join(__dirname, 'torch_ranking.py'), file],
        'the PyTorch peer',
        true,
      );
      process.stderr.write(`seed ${seed}: NCF Studio (fast engine)\n`);
      const { result, model } = await trainRanking({
        spec,
        dataset,
        ties,
        engine: 'fast',
        fastStepper: defaultFastStepper,
      });
      model.dispose();
      const ours = { ...result.test, bestEpoch: result.bestEpoch, epochs: result.epochs, seconds: result.seconds };
      rows.push({ seed, ours, pytorch });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const table = new Table({
    head: ['seed', 'ours HR@10', 'ours NDCG@10', 'best epoch of', 'PyTorch HR@10', 'PyTorch NDCG@10', 'best epoch of'],
    style: { head: [], border: [] },
  });
  const cells = (f: Pick<Figures, 'hr' | 'ndcg'>) => [f.hr.toFixed(4), f.ndcg.toFixed(4)];
  for (const { seed, ours, pytorch } of rows)
    table.push([
      String(seed),
      ...cells(ours),
      `${ours.bestEpoch} of ${ours.epochs}`,
      ...cells(pytorch),
      `${pytorch.bestEpoch} of ${pytorch.epochs}`,
    ]);
  const mean = (side: 'ours' | 'pytorch') => ({
    hr: rows.reduce((s, r) => s + r[side].hr, 0) / rows.length,
    ndcg: rows.reduce((s, r) => s + r[side].ndcg, 0) / rows.length,
  });
  table.push(['mean', ...cells(mean('ours')), '', ...cells(mean('pytorch')), '']);
  console.log(
    `${PRESET} on ML-100K u.data, leave-one-out by time (ties by ${ties === 'file' ? 'file order' : 'item id'}), the test item against the same 99 sampled negatives on both sides`,
  );
  console.log(table.toString());
  console.log(
    JSON.stringify({
      event: 'eval-peer',
      task: 'ranking',
      ties,
      rows,
      mean: { ours: mean('ours'), pytorch: mean('pytorch') },
    }),
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
