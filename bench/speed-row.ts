/**
 * One row of the speed benchmark, in a process of its own so that its peak RSS is its own:
 * trains a preset with one engine on one backend and prints {examplesPerSec, peakRssMB, loss}.
 * Run by bench/speed.ts: tsx bench/speed-row.ts MODEL BATCH EPOCHS ENGINE BACKEND
 * ENGINE: fast (one thread), fast-2t (two threads, each large product split by rows), fast-2t-data (two
 * threads, each batch split by rows: dataParallel.ts), layers, or fast-dense (the fast engine with Adam
 * over whole tables, as PyTorch's default; one thread).
 */
import { BackendName, EngineName } from '../src/core/engine/events';
import { fastStepperWith } from '../src/core/engine/fast';
import { prestartThreads } from '../src/core/engine/fast/threads';
import { trainModel } from '../src/core/engine/train';
import { BenchModel, benchData, benchSpec } from './bench-data';

async function main(): Promise<void> {
  const [model, batch, epochs, engine, backend] = process.argv.slice(2);
  // As `ncf train` does: the worker threads boot while the data loads.
  const threads = engine.startsWith('fast-2t') ? 2 : 1;
  if (threads > 1) prestartThreads(threads);
  const { dataset, split } = await benchData();
  const spec = benchSpec(model as BenchModel, Number(batch), Number(epochs));
  const { result } = await trainModel({
    spec,
    dataset,
    split,
    engine: (engine.startsWith('fast') ? 'fast' : engine) as EngineName,
    backend: backend as BackendName,
    fastStepper: fastStepperWith(
      engine === 'fast-dense' ? 'dense' : 'lazy',
      threads,
      engine === 'fast-2t-data' ? 'data' : 'products',
    ),
  });
  const last = result.history[result.history.length - 1];
  console.log(
    JSON.stringify({
      examplesPerSec: result.examplesPerSec,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      loss: last.loss,
      engine: result.engine,
      backend: result.backend,
    }),
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
