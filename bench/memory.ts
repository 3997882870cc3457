/**
 * The memory check of the training engine: neumf on an ML-1M-shaped synthetic set (6,040 users,
 * 3,706 items, 1,000,000 ratings; 90 % trains, a tenth of that validates) for a few epochs.
 * Prints the RSS and the live tensor count after every epoch, the peak RSS, and whether the run
 * stayed under 1 GB with RSS flat from epoch to epoch (after the first, which warms up).
 * Run: npm run bench -- --memory [--epochs N] [--engine fast|layers] [--backend NAME]
 */
import * as tf from '@tensorflow/tfjs';
import { loadDataset } from '../src/core/data/load';
import { makeSplits } from '../src/core/data/split';
import { BackendChoice, EngineName } from '../src/core/engine/events';
import { defaultFastStepper } from '../src/core/engine/fast';
import { trainModel } from '../src/core/engine/train';
import { presetSpec } from '../src/core/presets';

const PEAK_LIMIT_MB = 1024;
/** RSS may wander this much between epochs (allocator and GC timing) without counting as growth. */
const FLAT_TOLERANCE_MB = 32;

const mb = (bytes: number) => bytes / 1024 / 1024;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const epochs = Number(value('--epochs') ?? 5);
  const engine = (value('--engine') ?? 'fast') as EngineName;
  const backend = (value('--backend') ?? 'auto') as BackendChoice;
  const dataset = await loadDataset('synthetic-1m');
  const split = makeSplits(dataset, 'random:0.1', 42)[0];
  const base = presetSpec('neumf');
  const spec = { ...base, training: { ...base.training, epochs, earlyStopping: null } };
  console.log(
    `neumf on ${dataset.name}: ${dataset.ratings.length} ratings, ${dataset.userIds.length} users, ${dataset.itemIds.length} items; ${epochs} epochs, engine ${engine}; RSS after loading ${mb(process.memoryUsage().rss).toFixed(0)} MB`,
  );

  const rss: number[] = [];
  const tensors: number[] = [];
  const { result } = await trainModel({
    spec,
    dataset,
    split,
    engine,
    backend,
    fastStepper: defaultFastStepper,
    onEvent: (e) => {
      if (e.event !== 'epoch') return;
      // A full collection first, so that RSS shows what is still alive, not when V8 last collected.
      (globalThis as { gc?: () => void }).gc?.();
      rss.push(mb(process.memoryUsage().rss));
      tensors.push(tf.memory().numTensors);
      console.log(
        `epoch ${e.epoch}: RSS ${rss[rss.length - 1].toFixed(0)} MB, ${tensors[tensors.length - 1]} tensors, ${Math.round(e.examplesPerSec).toLocaleString('en-US')} examples/s, val RMSE ${e.val?.rmse.toFixed(4)}`,
      );
    },
  });
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  const settled = rss.slice(1);
  const growthMB = settled.length > 1 ? Math.max(...settled) - settled[0] : 0;
  const flat = growthMB <= FLAT_TOLERANCE_MB && tensors.every((t) => t === tensors[0]);
  const underLimit = peakRssMB <= PEAK_LIMIT_MB;
  console.log(`peak RSS ${peakRssMB.toFixed(0)} MB (limit ${PEAK_LIMIT_MB}): ${underLimit ? 'ok' : 'OVER'}`);
  console.log(
    `RSS growth after epoch 1: ${growthMB.toFixed(1)} MB, tensors ${tensors.join(' → ')}: ${flat ? 'flat' : 'GROWING'}`,
  );
  console.log(
    JSON.stringify({
      event: 'bench-memory',
      engine: result.engine,
      backend: result.backend,
      epochs: result.epochs,
      rssMB: rss.map(Math.round),
      tensors,
      peakRssMB: Math.round(peakRssMB),
      flat,
      underLimit,
    }),
  );
  if (!flat || !underLimit) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
