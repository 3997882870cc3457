/** The data layer: load a dataset by its source string, split it, and the types the engine works with. */
export type { Dataset, Split } from './types';
export { DataError } from './types';
export type { LoadOptions } from './load';
export { loadDataset, DATA_SOURCE_FORMS } from './load';
export { makeSplits, carveValidation, SPLIT_FORMS } from './split';
export type { CsvOptions } from './csv';
export { DEFAULT_CSV_COLUMNS } from './csv';
export type { SyntheticData, SyntheticOptions, SyntheticShape } from './synthetic';
export {
  generateSynthetic,
  syntheticDataset,
  SYNTHETIC_MODEL,
  ML_100K_SHAPE,
  ML_1M_SHAPE,
  DEFAULT_SYNTHETIC_SEED,
} from './synthetic';
export { GENRES, GENRE_COUNT } from './genres';
export { ML100K_FOLD_NAMES } from './movielens/folds';
