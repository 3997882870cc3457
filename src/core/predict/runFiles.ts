/**
 * What a run folder keeps besides the model so that it can answer questions later in a fresh
 * process: where its data came from (for titles and the seen-item filter) and, for a model with
 * feature inputs, the encoded side features of every known user and item.
 */
import { isAbsolute, resolve } from 'node:path';
import { Dataset } from '../data/types';
import { Spec } from '../spec/schema';

export const RUN_DATA_FILE = 'data.json';
export const RUN_FEATURES_FILE = 'features.json';

export interface RunDataRecord {
  /** The data source as `loadDataset` takes it, with an absolute path, so it resolves from anywhere. */
  source: string;
  name: string;
  /** Sizes at training time: a reloaded source that differs is reported, not silently used. */
  ratings: number;
  users: number;
  items: number;
}

export interface RunFeatures {
  user?: Record<string, number[]>;
  item?: Record<string, number[]>;
}

/** `movielens:rel/dir` → `movielens:/abs/rel/dir`; sources without a path are kept as they are. */
export function absoluteSource(source: string, baseDir = process.cwd()): string {
  const m = /^(movielens|csv):(.+)$/.exec(source.trim());
  if (!m || isAbsolute(m[2].trim())) return source.trim();
  return `${m[1]}:${resolve(baseDir, m[2].trim())}`;
}

const usesFeatures = (spec: Spec, field: 'userFeature' | 'itemFeature') =>
  spec.nodes.some((n) => n.op === 'input' && n.field === field);
const plain = (table: object) =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]));

/** The extra files of a run folder, to be written with it (`saveRun`'s `files`). */
export function runDataFiles(source: string, dataset: Dataset, spec: Spec, baseDir?: string): Record<string, string> {
  const record: RunDataRecord = {
    source: absoluteSource(source, baseDir),
    name: dataset.name,
    ratings: dataset.ratings.length,
    users: dataset.userIds.length,
    items: dataset.itemIds.length,
  };
  const files: Record<string, string> = { [RUN_DATA_FILE]: JSON.stringify(record, null, 2) + '\n' };
  const features: RunFeatures = {};
  if (usesFeatures(spec, 'userFeature') && dataset.userFeatures) features.user = plain(dataset.userFeatures);
  if (usesFeatures(spec, 'itemFeature') && dataset.itemFeatures) features.item = plain(dataset.itemFeatures);
  if (features.user || features.item) files[RUN_FEATURES_FILE] = JSON.stringify(features);
  return files;
}
