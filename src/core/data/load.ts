/** One entry point for every data source the product knows, named by a short string (CLI flag, setting, spec). */
import * as path from 'path';
import { CsvOptions, loadCsv } from './csv';
import { FeatureKind } from './featureColumns';
import { loadFeatureFile } from './featureFile';
import { withColumns } from './features';
import { loadMovieLens } from './movielens/detect';
import { parseTextSource } from './textData';
import { DEFAULT_SYNTHETIC_SEED, ML_1M_SHAPE, ML_20M_SHAPE, SyntheticShape, syntheticDataset } from './synthetic';
import { Dataset, DataError } from './types';

export interface LoadOptions {
  /** Seed of a synthetic dataset when the source does not name one. */
  seed?: number;
  /** Column mapping and scale of a `csv:FILE` source. */
  csv?: CsvOptions;
  /** Size of a `synthetic` dataset (ML-100K's by default). */
  synthetic?: Partial<SyntheticShape>;
  /** Folder that relative paths are taken from (the working directory by default). */
  baseDir?: string;
  /** Feature files of the user's own (CSV: an id column, then one column per feature). */
  userFeatures?: string;
  itemFeatures?: string;
  /** Declared kinds of feature file columns, where inference would guess wrong. */
  featureKinds?: Record<string, FeatureKind>;
}

/** The feature files of a user's own and their declared kinds: what a job passes on to every process that loads its data. */
export type FeatureFiles = Pick<LoadOptions, 'userFeatures' | 'itemFeatures' | 'featureKinds'>;

export const DATA_SOURCE_FORMS = [
  'synthetic',
  'synthetic:SEED',
  'synthetic-1m[:SEED]',
  'synthetic-20m[:SEED]',
  'movielens:DIR',
  'csv:FILE',
];

/** The shape of each generated source; `synthetic` takes its size from the options (ML-100K's by default). */
export const SYNTHETIC_SHAPES: Record<string, SyntheticShape> = {
  'synthetic-1m': ML_1M_SHAPE,
  'synthetic-20m': ML_20M_SHAPE,
};

/**
 * `synthetic`, `synthetic:SEED` (ML-100K-shaped), `synthetic-1m[:SEED]` (ML-1M-shaped), `synthetic-20m[:SEED]`
 * (ML-20M-shaped: 20 million ratings, about a minute to generate), `movielens:DIR`
 * (100K, 1M or ml-latest, told by the files in DIR) or `csv:FILE`. Bad sources and bad files reject with a
 * DataError whose message names the file and line.
 */
export async function loadDataset(source: string, options: LoadOptions = {}): Promise<Dataset> {
  let data = await loadSource(source, options);
  const base = options.baseDir ?? process.cwd();
  for (const side of ['user', 'item'] as const) {
    const file = side === 'user' ? options.userFeatures : options.itemFeatures;
    if (!file) continue;
    const full = path.resolve(base, file);
    const columns = await loadFeatureFile(
      full,
      side,
      side === 'user' ? data.userIds : data.itemIds,
      options.featureKinds,
    );
    data = withColumns(data, columns, full);
  }
  const unknown = Object.keys(options.featureKinds ?? {}).filter((name) => !data.features?.[name]);
  if (unknown.length)
    throw new DataError(`a kind is declared for ${unknown.map((n) => `'${n}'`).join(', ')}, which no feature file has`);
  return data;
}

async function loadSource(source: string, options: LoadOptions): Promise<Dataset> {
  const colon = source.indexOf(':');
  const kind = (colon === -1 ? source : source.slice(0, colon)).trim();
  const argument = colon === -1 ? '' : source.slice(colon + 1).trim();
  switch (kind) {
    case 'synthetic':
    case 'synthetic-1m':
    case 'synthetic-20m': {
      const seed = argument === '' ? (options.seed ?? DEFAULT_SYNTHETIC_SEED) : Number(argument);
      if (!Number.isInteger(seed)) throw new DataError(`'${source}': the seed after '${kind}:' must be a whole number`);
      const shape = SYNTHETIC_SHAPES[kind] ?? options.synthetic;
      return syntheticDataset({ ...shape, seed });
    }
    case 'movielens':
      return loadMovieLens(resolve(argument, source, options));
    case 'csv':
      return loadCsv(resolve(argument, source, options), options.csv);
    case 'text':
      throw new DataError(
        `'${source}' is labelled text: train it with the classification task (--task classification)`,
      );
    default:
      throw new DataError(`unknown data source '${source}': use ${DATA_SOURCE_FORMS.join(', ')}`);
  }
}

function resolve(argument: string, source: string, options: LoadOptions): string {
  if (argument === '') throw new DataError(`'${source}' names no path: use ${DATA_SOURCE_FORMS.join(', ')}`);
  return path.resolve(options.baseDir ?? process.cwd(), argument);
}

/** The file or folder a source reads (`movielens:DIR`, `csv:FILE`, `text:FILE[#options]`), or undefined for generated data. */
export function sourcePath(source: string, baseDir = process.cwd()): string | undefined {
  const match = /^\s*(movielens|csv|text)\s*:(.*)$/.exec(source);
  if (!match || !match[2].trim()) return undefined;
  const file = match[1] === 'text' ? parseTextSource(match[2].trim(), source).file : match[2].trim();
  return path.resolve(baseDir, file);
}

/** `text:FILE…` is labelled text for the classification task, not ratings. */
export const isTextSource = (source: string): boolean => /^\s*text\s*:/.test(source);
