/** What the data layer hands to the engine: ratings encoded to contiguous indices, plus what is known of users and items. */
import { Vocabulary } from '../spec/shapes';
import type { FeatureColumns } from './featureColumns';

export interface Dataset {
  /** Short description, e.g. "MovieLens 100K" or "synthetic (seed 42)". */
  name: string;
  /** Encoded user index per rating row (0 … userIds.length-1). */
  users: Int32Array;
  /** Encoded item index per rating row. */
  items: Int32Array;
  ratings: Float32Array;
  /** When each rating was made (seconds), where the source says: ranking's leave-one-out split holds out each user's latest. */
  timestamps?: Float64Array;
  /** Raw id of each encoded user / item, so predictions speak raw ids. */
  userIds: string[];
  itemIds: string[];
  /** Smallest and largest rating the scale allows (predictions are clipped to it). */
  ratingRange: [number, number];
  /** The source declares no scale: `ratingRange` is the lowest and highest rating found. */
  ratingRangeObserved?: boolean;
  /** Side features, one row per encoded user / item, where the source has them. */
  userFeatures?: { age: Float32Array; gender: Int32Array; occupation: Int32Array };
  itemFeatures?: { genres: Float32Array; year: Float32Array };
  /** Every side feature by name (MovieLens' own and a feature file's columns), encoded, with its encoding. */
  features?: FeatureColumns;
  /** Title of each encoded item where the source names its items (for people, never fed to a model). */
  itemTitles?: string[];
  /** Sizes of every id space, for shape inference and embedding tables. */
  vocabulary: Vocabulary;
  /** Predefined train/test splits of the source (ML-100K's u1…u5, ua, ub) as row indices. */
  folds?: Record<string, { train: Int32Array; test: Int32Array }>;
  /** For generated data: the RMSE of the true model against the observed ratings (the best any model can do). */
  noiseFloorRmse?: number;
}

/** Row indices of one train/test split. */
export interface Split {
  name: string;
  train: Int32Array;
  test: Int32Array;
  /** Rows held out for validation by the split itself (leave-one-out: each user's one before the latest). */
  val?: Int32Array;
}

/** A user's mistake in the data (file and line where known): reported in one line, never a stack trace. */
export class DataError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    // Whatever a damaged file put in the message, the terminal gets printable text on one line.
    super(printable([file, line].filter((x) => x !== undefined).join(':') + (file ? ': ' : '') + message));
  }
}

/** Control characters escaped (\u0007, \u001b…) so that a message cannot move the cursor, ring, or break the line. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
