/**
 * Our row of `npm run bench -- --large`, in a process of its own so that its peak RSS is the whole
 * run's alone: generates the ML-20M-shaped synthetic set, holds out a tenth for testing, trains NeuMF
 * on the rest as `ncf train` would (the same training loop, then every row evaluated) and prints
 * {examplesPerSec, peakRssMB, loadSeconds, epochSeconds, runSeconds, trainRows, testRmse}.
 * With a folder after --dump, first writes the training rows there as raw columns for the PyTorch peer.
 * Run by bench/large.ts: tsx bench/large-row.ts BATCH EPOCHS ENGINE [--dump DIR]
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../src/core/data/load';
import { makeSplits } from '../src/core/data/split';
import { Dataset } from '../src/core/data/types';
import { fastStepperWith } from '../src/core/engine/fast';
import { prestartThreads } from '../src/core/engine/fast/threads';
import { trainModel } from '../src/core/engine/train';
import { benchSpec } from './bench-data';

const LARGE_SOURCE = 'synthetic-20m';
const LARGE_SPLIT = 'random:0.1';

/** users.i32, items.i32, ratings.f32 of the rows, in the machine's byte order (little-endian on x86 and arm64). */
function dumpColumns(dataset: Dataset, rows: Int32Array, dir: string): void {
  const write = (name: string, values: Int32Array | Float32Array) =>
    writeFileSync(path.join(dir, name), new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  write(
    'users.i32',
    Int32Array.from(rows, (r) => dataset.users[r]),
  );
  write(
    'items.i32',
    Int32Array.from(rows, (r) => dataset.items[r]),
  );
  write(
    'ratings.f32',
    Float32Array.from(rows, (r) => dataset.ratings[r]),
  );
}

async function main(): Promise<void> {
  const [batch, epochs, engine] = process.argv.slice(2);
  // As `ncf train` does: the worker threads boot while the data loads.
  if (engine === 'fast-2t') prestartThreads(2);
  const dumpAt = process.argv.indexOf('--dump');
  const started = performance.now();
  const dataset = await loadDataset(LARGE_SOURCE);
  const split = makeSplits(dataset, LARGE_SPLIT, 42)[0];
  const loadSeconds = (performance.now() - started) / 1000;
  if (dumpAt !== -1) dumpColumns(dataset, split.train, process.argv[dumpAt + 1]);
  const spec = benchSpec('neumf', Number(batch), Number(epochs));
  let epochStarted = 0;
  const epochSeconds: number[] = [];
  const fitSeconds: number[] = [];
  const runStarted = performance.now();
  const { result } = await trainModel({
    spec,
    dataset,
    split,
    engine: 'fast',
    backend: 'wasm',
    fastStepper: fastStepperWith(engine === 'fast-dense' ? 'dense' : 'lazy', engine === 'fast-2t' ? 2 : 1),
    onEvent: (e) => {
      if (e.event === 'start') epochStarted = performance.now();
      if (e.event !== 'epoch') return;
      // The epoch as a user waits for it: the shuffle, the columns, the batches, the epoch's metrics.
      epochSeconds.push((performance.now() - epochStarted) / 1000);
      fitSeconds.push(e.seconds);
      epochStarted = performance.now();
      process.stderr.write(`  epoch ${e.epoch}: ${epochSeconds[epochSeconds.length - 1].toFixed(1)} s\n`);
    },
  });
  console.log(
    JSON.stringify({
      examplesPerSec: result.examplesPerSec,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      loadSeconds,
      epochSeconds,
      fitSeconds,
      runSeconds: (performance.now() - runStarted) / 1000,
      trainRows: split.train.length,
      testRmse: result.test.rmse,
      loss: result.history[result.history.length - 1].loss,
      engine: result.engine,
      backend: result.backend,
    }),
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
