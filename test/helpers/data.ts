/** Small datasets for engine tests, and where the real MovieLens folder is. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { syntheticDataset } from '../../src/core/data/synthetic';
import { Dataset, Split } from '../../src/core/data/types';
import { makeSplits } from '../../src/core/data/split';

export const REPO_ROOT = resolve(__dirname, '../..');

/** The ML-100K folder from NCF_ML100K_DIR or ../shared/data/ml-100k, or null when absent. */
export function ml100kDir(): string | null {
  const dir = process.env.NCF_ML100K_DIR ?? resolve(REPO_ROOT, '../shared/data/ml-100k');
  return existsSync(join(dir, 'u.data')) ? dir : null;
}
export const ML100K_ABSENT =
  'MovieLens-100K not found: set NCF_ML100K_DIR or put it at ../shared/data/ml-100k (seen from the repo root)';

export function smallData(seed = 3): { dataset: Dataset; split: Split } {
  const dataset = syntheticDataset({ users: 120, items: 200, ratings: 6000, seed });
  return { dataset, split: makeSplits(dataset, 'random:0.2', seed)[0] };
}
