/**
 * What a run folder keeps besides the model so that it can answer questions later in a fresh
 * process: where its data came from (for titles and the seen-item filter) and, for a model with
 * feature inputs, the encoded side features of every known user and item.
 */
import { isAbsolute, resolve } from 'node:path';
import { FeatureEncoding } from '../data/featureColumns';
import { featureColumnsOf } from '../data/features';
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

/** features.json: each feature input's encoding (categories, mean, sd) and its encoded row per known id. */
export interface RunFeatures {
  columns?: Record<string, { encoding: FeatureEncoding; values: number[] }>;
  /** Runs saved before encodings were kept: the five MovieLens features' encoded values only. */
  user?: Record<string, number[]>;
  item?: Record<string, number[]>;
}

/** `movielens:rel/dir` → `movielens:/abs/rel/dir`; sources without a path are kept as they are. */
export function absoluteSource(source: string, baseDir = process.cwd()): string {
  const m = /^(movielens|csv):(.+)$/.exec(source.trim());
  if (!m || isAbsolute(m[2].trim())) return source.trim();
  return `${m[1]}:${resolve(baseDir, m[2].trim())}`;
}

/** The features the spec's inputs read. */
const featuresOf = (spec: Spec): string[] =>
  spec.nodes.flatMap((n) =>
    n.op === 'input' && (n.field === 'userFeature' || n.field === 'itemFeature') && n.feature ? [n.feature] : [],
  );

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
  const all = featureColumnsOf(dataset);
  const columns: NonNullable<RunFeatures['columns']> = {};
  for (const name of featuresOf(spec))
    if (all[name]) columns[name] = { encoding: all[name].encoding, values: Array.from(all[name].values) };
  if (Object.keys(columns).length) files[RUN_FEATURES_FILE] = JSON.stringify({ columns } satisfies RunFeatures);
  return files;
}
