/** Side features of users and items, one row per encoded id, filled from the side files as they are parsed. */
import { DATA_FEATURES, featureWidthKey, Vocabulary } from '../spec/shapes';
import {
  AGE_GROUPS,
  buildColumn,
  DECADES,
  FeatureColumn,
  FeatureColumns,
  FeatureEncoding,
  TITLE_YEAR,
  titleWords,
  ZIP_REGIONS,
} from './featureColumns';

export { titleWords };
import { GENRE_COUNT, GENRES } from './genres';
import { Dataset, DataError } from './types';

export type UserFeatures = NonNullable<Dataset['userFeatures']>;
export type ItemFeatures = NonNullable<Dataset['itemFeatures']>;

/** Zero mean, unit variance over the known values; unknown ones (NaN) become 0, the mean, so they carry no signal. */
export function standardise(values: Float64Array): Float32Array {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
    squares += v * v;
  }
  const mean = n ? sum / n : 0;
  const sd = n ? Math.sqrt(Math.max(squares / n - mean * mean, 0)) : 0;
  const scale = sd > 1e-9 ? 1 / sd : 1;
  const out = new Float32Array(values.length);
  for (let k = 0; k < values.length; k++) out[k] = Number.isNaN(values[k]) ? 0 : (values[k] - mean) * scale;
  return out;
}

/** 0 for male, 1 for female (the two categories MovieLens records), undefined for anything else. */
export function genderIndex(text: string): number | undefined {
  switch (text.trim().toUpperCase()) {
    case 'M':
    case 'MALE':
      return 0;
    case 'F':
    case 'FEMALE':
      return 1;
    default:
      return undefined;
  }
}

/** A users file's age and gender columns, or a DataError naming the file and line of a value that is neither. */
export function parseAgeGender(
  ageText: string,
  genderText: string,
  file: string,
  lineNo: number,
): { age: number; gender: number } {
  const age = Number(ageText);
  if (!Number.isFinite(age) || ageText.trim() === '')
    throw new DataError(`age '${ageText}' is not a number`, file, lineNo);
  const gender = genderIndex(genderText);
  if (gender === undefined) throw new DataError(`gender '${genderText}' is neither M nor F`, file, lineNo);
  return { age, gender };
}

/** The release year in a MovieLens title such as "Toy Story (1995)" or "Fawlty Towers (1975-1979)"; NaN if none. */
export function yearFromTitle(title: string): number {
  const match = TITLE_YEAR.exec(title);
  return match ? Number(match[1]) : NaN;
}

/**
 * At most this many flags in all (items × words) for the title words: the column is dense, so a
 * catalogue of tens of thousands of titles keeps its most frequent words only.
 */
const TITLE_FLAG_BUDGET = 1 << 24;
const MAX_TITLE_WORDS = 4096;

/** The words of `titles` kept as categories: all of them if they fit, else the most frequent (ties alphabetical). */
export function titleVocabulary(titles: readonly (string | undefined)[]): string[] {
  const counts = new Map<string, number>();
  for (const t of titles) for (const w of t ? titleWords(t) : []) counts.set(w, (counts.get(w) ?? 0) + 1);
  const limit = Math.min(MAX_TITLE_WORDS, Math.max(1, Math.floor(TITLE_FLAG_BUDGET / Math.max(titles.length, 1))));
  const byFrequency = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  return byFrequency.slice(0, limit).sort();
}

/** The multi-hot `titleWords` column of `count` items from their titles (an item without one has no flags). */
export function titleWordsColumn(titles: readonly (string | undefined)[], count: number): FeatureColumn {
  return buildColumn(
    'titleWords',
    Array.from({ length: count }, (_, i) => titles[i]),
    { side: 'item', kind: 'multiHot', source: 'title', transform: 'titleWords', categories: titleVocabulary(titles) },
  );
}

/** The year of an ML-100K release date such as "01-Jan-1995"; NaN if empty. */
export function yearFromDate(date: string): number {
  const match = /(\d{4})\s*$/.exec(date);
  return match ? Number(match[1]) : NaN;
}

export class UserFeatureTable {
  private readonly age: Float64Array;
  readonly gender: Int32Array;
  readonly occupation: Int32Array;
  private readonly zip: (string | undefined)[];
  private readonly known: Uint8Array;

  /** Users missing from the side file keep the mean age, gender 0 and occupation 0. */
  constructor(private readonly count: number) {
    this.age = new Float64Array(count).fill(NaN);
    this.gender = new Int32Array(count);
    this.occupation = new Int32Array(count);
    this.zip = new Array<string | undefined>(count);
    this.known = new Uint8Array(count);
  }

  set(index: number, age: number, gender: number, occupation: number, zip?: string): void {
    this.age[index] = age;
    this.gender[index] = gender;
    this.occupation[index] = occupation;
    this.zip[index] = zip;
    this.known[index] = 1;
  }

  finish(): UserFeatures {
    return { age: standardise(this.age), gender: this.gender, occupation: this.occupation };
  }

  /** The named columns: age numeric and by group, gender, occupation (by `occupations`' names), zip region. */
  columns(occupations: string[]): FeatureColumns {
    const raw = <T>(f: (k: number) => T) =>
      Array.from({ length: this.count }, (_, k) => (this.known[k] ? f(k) : undefined));
    const age = raw((k) => (Number.isNaN(this.age[k]) ? undefined : String(this.age[k])));
    const user = 'user' as const;
    return {
      age: buildColumn('age', age, { side: user, kind: 'numeric' }),
      ageGroup: buildColumn('ageGroup', age, {
        side: user,
        kind: 'categorical',
        source: 'age',
        transform: 'ageGroup',
        categories: [...AGE_GROUPS],
      }),
      gender: buildColumn(
        'gender',
        raw((k) => GENDERS[this.gender[k]]),
        { side: user, kind: 'categorical', categories: [...GENDERS] },
      ),
      occupation: buildColumn(
        'occupation',
        raw((k) => occupations[this.occupation[k]]),
        { side: user, kind: 'categorical', categories: [...occupations] },
      ),
      zipRegion: buildColumn(
        'zipRegion',
        raw((k) => this.zip[k] ?? ''),
        {
          side: user,
          kind: 'categorical',
          source: 'zip',
          transform: 'zipRegion',
          categories: [...ZIP_REGIONS],
          fallback: 'other',
        },
      ),
    };
  }
}

/** The two categories MovieLens records, in genderIndex's order. */
const GENDERS = ['M', 'F'];

export class ItemFeatureTable {
  readonly genres: Float32Array;
  private readonly year: Float64Array;
  private finished = false;

  constructor(private readonly count: number) {
    this.genres = new Float32Array(count * GENRE_COUNT);
    this.year = new Float64Array(count).fill(NaN);
  }

  setGenre(index: number, genre: number): void {
    this.genres[index * GENRE_COUNT + genre] = 1;
  }

  setYear(index: number, year: number): void {
    this.year[index] = year;
  }

  /** An item with no genre we know of (or none at all) is marked 'unknown', as ML-100K does. */
  finish(): ItemFeatures {
    if (!this.finished) {
      const unknown = GENRES.indexOf('unknown');
      for (let i = 0; i < this.count; i++) {
        let any = false;
        for (let g = 0; g < GENRE_COUNT && !any; g++) any = this.genres[i * GENRE_COUNT + g] !== 0;
        if (!any) this.genres[i * GENRE_COUNT + unknown] = 1;
      }
      this.finished = true;
    }
    return { genres: this.genres, year: standardise(this.year) };
  }

  /** The named columns: genres multi-hot, release year numeric and by decade, the title's words multi-hot. */
  columns(titles: readonly (string | undefined)[] = []): FeatureColumns {
    this.finish();
    const years = Array.from(this.year, (y) => (Number.isNaN(y) ? undefined : String(y)));
    const genres = Array.from({ length: this.count }, (_, i) =>
      GENRES.filter((_g, g) => this.genres[i * GENRE_COUNT + g] !== 0).join('|'),
    );
    const item = 'item' as const;
    return {
      genres: buildColumn('genres', genres, { side: item, kind: 'multiHot', categories: [...GENRES] }),
      year: buildColumn('year', years, { side: item, kind: 'numeric' }),
      decade: buildColumn('decade', years, {
        side: item,
        kind: 'categorical',
        source: 'year',
        transform: 'decade',
        categories: [...DECADES],
        fallback: 'unknown',
      }),
      ...(titles.some(Boolean) && { titleWords: titleWordsColumn(titles, this.count) }),
    };
  }
}

/** Columns of a dataset that has only the five encoded MovieLens features (generated data). */
function legacyColumns(data: Pick<Dataset, 'userFeatures' | 'itemFeatures' | 'vocabulary'>): FeatureColumns {
  const columns: FeatureColumns = {};
  const u = data.userFeatures;
  if (u) {
    // Already standardised: the encoding is the identity.
    columns.age = {
      encoding: { side: 'user', kind: 'numeric', source: 'age', width: 1, mean: 0, sd: 1 },
      values: u.age,
    };
    columns.gender = {
      encoding: {
        side: 'user',
        kind: 'categorical',
        source: 'gender',
        width: 1,
        categories: [...GENDERS],
        fallback: 'M',
      },
      values: u.gender,
    };
    let largest = 0;
    for (const o of u.occupation) largest = Math.max(largest, o);
    const occupations = Array.from({ length: Math.max(data.vocabulary.occupation ?? 0, largest + 1) }, (_, k) =>
      String(k),
    );
    columns.occupation = {
      encoding: {
        side: 'user',
        kind: 'categorical',
        source: 'occupation',
        width: 1,
        categories: occupations,
        fallback: '0',
      },
      values: u.occupation,
    };
  }
  const i = data.itemFeatures;
  if (i) {
    columns.genres = {
      encoding: { side: 'item', kind: 'multiHot', source: 'genres', width: GENRE_COUNT, categories: [...GENRES] },
      values: i.genres,
    };
    columns.year = {
      encoding: { side: 'item', kind: 'numeric', source: 'year', width: 1, mean: 0, sd: 1 },
      values: i.year,
    };
  }
  return columns;
}

const derived = new WeakMap<Dataset, FeatureColumns>();

/** The dataset's named feature columns (derived once from the five encoded ones where it has no others). */
export function featureColumnsOf(data: Dataset): FeatureColumns {
  if (data.features) return data.features;
  let columns = derived.get(data);
  if (!columns) derived.set(data, (columns = legacyColumns(data)));
  return columns;
}

/** The vocabulary entries of feature columns: category counts and vector widths by name. */
export function featureVocabulary(columns: FeatureColumns): Vocabulary {
  const vocabulary: Vocabulary = { [DATA_FEATURES]: 1 };
  for (const [name, { encoding }] of Object.entries(columns)) {
    if (encoding.kind === 'categorical') vocabulary[name] = encoding.categories!.length;
    else vocabulary[featureWidthKey(name)] = encoding.width;
  }
  return vocabulary;
}

/** The same sizes from the encodings alone (a run's features.json without its values). */
export const encodingVocabulary = (encodings: Record<string, FeatureEncoding>): Vocabulary =>
  featureVocabulary(
    Object.fromEntries(
      Object.entries(encodings).map(([name, encoding]) => [name, { encoding, values: new Float32Array(0) }]),
    ),
  );

/** Vocabulary sizes for the engine: the id spaces, plus every feature the data has. */
export function vocabularyOf(users: number, items: number, features: FeatureColumns = {}): Vocabulary {
  return { user: users, item: items, ...featureVocabulary(features) };
}

/** A dataset's columns merged with more (a feature file's): the same name twice is an error naming both. */
export function withColumns(data: Dataset, more: FeatureColumns, from: string): Dataset {
  const features = { ...featureColumnsOf(data) };
  for (const [name, column] of Object.entries(more)) {
    if (features[name])
      throw new DataError(`column '${name}' names a feature ${data.name} already has; rename the column`, from);
    features[name] = column;
  }
  return {
    ...data,
    features,
    vocabulary: { ...data.vocabulary, ...featureVocabulary(features) },
  };
}

/** "; features: age, city (numeric, categorical) …; 2 users have no 'height'" — what the data summary says of its features. */
export function featureSummary(data: Dataset): string {
  const columns = Object.entries(data.features ?? {});
  if (!columns.length) return '';
  const names = columns.map(([name, { encoding }]) => `${name} (${encoding.side} ${encoding.kind})`).join(', ');
  const gaps = columns
    .filter(([, { encoding }]) => encoding.missing)
    .map(([name, { encoding }]) => `${encoding.missing} ${encoding.side}s without '${name}'`);
  return `; features: ${names}${gaps.length ? `; ${gaps.join(', ')} (given the mean or 'unknown')` : ''}`;
}
