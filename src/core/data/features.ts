/** Side features of users and items, one row per encoded id, filled from the side files as they are parsed. */
import { GENRE_COUNT, GENRES } from './genres';
import { Dataset } from './types';

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

/** The release year in a MovieLens title such as "Toy Story (1995)" or "Fawlty Towers (1975-1979)"; NaN if none. */
export function yearFromTitle(title: string): number {
  const match = /\((\d{4})(?:\s*[-–]\s*\d{0,4})?\)\s*$/.exec(title);
  return match ? Number(match[1]) : NaN;
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

  /** Users missing from the side file keep the mean age, gender 0 and occupation 0. */
  constructor(count: number) {
    this.age = new Float64Array(count).fill(NaN);
    this.gender = new Int32Array(count);
    this.occupation = new Int32Array(count);
  }

  set(index: number, age: number, gender: number, occupation: number): void {
    this.age[index] = age;
    this.gender[index] = gender;
    this.occupation[index] = occupation;
  }

  finish(): UserFeatures {
    return { age: standardise(this.age), gender: this.gender, occupation: this.occupation };
  }
}

export class ItemFeatureTable {
  readonly genres: Float32Array;
  private readonly year: Float64Array;

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
    const unknown = GENRES.indexOf('unknown');
    for (let i = 0; i < this.count; i++) {
      let any = false;
      for (let g = 0; g < GENRE_COUNT && !any; g++) any = this.genres[i * GENRE_COUNT + g] !== 0;
      if (!any) this.genres[i * GENRE_COUNT + unknown] = 1;
    }
    return { genres: this.genres, year: standardise(this.year) };
  }
}

/** Vocabulary sizes for the engine: the id spaces, plus the categorical features when the source has them. */
export function vocabularyOf(
  users: number,
  items: number,
  userFeatures?: UserFeatures,
  occupations = 0,
): Record<string, number> {
  const vocabulary: Record<string, number> = { user: users, item: items };
  if (userFeatures) {
    vocabulary.gender = 2;
    let largest = -1;
    for (const o of userFeatures.occupation) if (o > largest) largest = o;
    vocabulary.occupation = Math.max(occupations, largest + 1, 1);
  }
  return vocabulary;
}
