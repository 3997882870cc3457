/** What the training benchmarks train on, and the model settings they share with the PyTorch peer. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../src/core/data/load';
import { makeSplits } from '../src/core/data/split';
import { Dataset, Split } from '../src/core/data/types';
import { presetSpec } from '../src/core/presets';
import { Spec } from '../src/core/spec/schema';

export const BENCH_MODELS = ['neumf', 'mf-bias'] as const;
export type BenchModel = (typeof BENCH_MODELS)[number];

/** MovieLens-100K, from NCF_ML100K_DIR or beside the repository (never shipped with it). */
export const ML100K_DIR =
  process.env.NCF_ML100K_DIR ?? path.resolve(__dirname, '..', '..', 'shared', 'data', 'ml-100k');

/** Ends the process, saying where MovieLens-100K was looked for, when its u.data is not there. */
export function requireMl100k(): void {
  if (existsSync(path.join(ML100K_DIR, 'u.data'))) return;
  console.error(`MovieLens-100K not found at ${ML100K_DIR} (set NCF_ML100K_DIR): nothing to evaluate`);
  process.exit(1);
}

export interface BenchData {
  dataset: Dataset;
  split: Split;
  description: string;
}

/** ML-100K's u1.base when the folder is there, else the synthetic set of the same shape (an 80 % split). */
export async function benchData(): Promise<BenchData> {
  if (existsSync(path.join(ML100K_DIR, 'u1.base'))) {
    const dataset = await loadDataset(`movielens:${ML100K_DIR}`);
    return { dataset, split: makeSplits(dataset, 'fold:u1', 42)[0], description: 'MovieLens-100K u1.base' };
  }
  const dataset = await loadDataset('synthetic');
  return {
    dataset,
    split: makeSplits(dataset, 'random:0.2', 42)[0],
    description: 'synthetic ML-100K-shaped set (MovieLens-100K not found), 80 % of it',
  };
}

/** The preset, trained for a fixed number of epochs on all of the training rows (no validation, no early stop). */
export function benchSpec(model: BenchModel, batchSize: number, epochs: number): Spec {
  const spec = presetSpec(model);
  return { ...spec, training: { ...spec.training, batchSize, epochs, validation: 0, earlyStopping: null } };
}
