/**
 * Side features as named columns, one row per encoded user or item, with the encoding that made them
 * (categories, mean and standard deviation), so a saved run can encode raw values of a user it never saw.
 */
export type FeatureSide = 'user' | 'item';
export type FeatureKind = 'numeric' | 'categorical' | 'multiHot';
/**
 * Encodings derived from another raw value: an age's group, a zip code's first digit, a year's
 * decade, a title's words.
 */
export type FeatureTransform = 'ageGroup' | 'zipRegion' | 'decade' | 'titleWords';

export interface FeatureEncoding {
  side: FeatureSide;
  kind: FeatureKind;
  /** The raw value it is computed from (its own name, or e.g. 'age' for 'ageGroup'). */
  source: string;
  transform?: FeatureTransform;
  /** Numbers per row: 1 for numeric and categorical (an id), the category count for multi-valued. */
  width: number;
  /** Category names in index order (categorical, multi-valued). */
  categories?: string[];
  /** Standardisation of a numeric feature: (x − mean) / sd; a missing value becomes 0 (the mean). */
  mean?: number;
  sd?: number;
  /** The category a missing or unseen value takes (categorical). */
  fallback?: string;
  /** Ids that had no value in the source (counted for the data summary). */
  missing?: number;
}

export interface FeatureColumn {
  encoding: FeatureEncoding;
  values: Float32Array | Int32Array;
}

export type FeatureColumns = Record<string, FeatureColumn>;

/** MovieLens-1M's age groups (by lower bound); ML-100K's exact ages fall into the same groups. */
export const AGE_GROUPS = ['under 18', '18-24', '25-34', '35-44', '45-49', '50-55', '56+'];
const AGE_BOUNDS = [18, 25, 35, 45, 50, 56];
export const ZIP_REGIONS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'other'];
export const DECADES = ['before 1920', ...Array.from({ length: 11 }, (_, k) => `${1920 + 10 * k}s`), 'unknown'];

/** The raw value a derived encoding reads, turned into its category (undefined: missing). */
export function applyTransform(transform: FeatureTransform, raw: string | undefined): string | undefined {
  const text = raw?.trim() ?? '';
  if (text === '') return transform === 'zipRegion' ? 'other' : transform === 'decade' ? 'unknown' : undefined;
  switch (transform) {
    case 'ageGroup': {
      const age = Number(text);
      if (!Number.isFinite(age)) return undefined;
      return AGE_GROUPS[AGE_BOUNDS.filter((b) => age >= b).length];
    }
    case 'zipRegion':
      return /^[0-9]/.test(text) ? text[0] : 'other';
    case 'decade': {
      const year = Number(text);
      if (!Number.isFinite(year)) return 'unknown';
      if (year < 1920) return DECADES[0];
      return DECADES[Math.min(Math.floor((year - 1920) / 10) + 1, DECADES.length - 2)];
    }
    case 'titleWords':
      return titleWords(text).join('|');
  }
}

/** A MovieLens title's trailing year: "(1995)", or a series' "(1975-1979)". */
export const TITLE_YEAR = /\((\d{4})(?:\s*[-–]\s*\d{0,4})?\)\s*$/;

/**
 * The distinct words of a MovieLens title, lower-cased, its trailing year left out:
 * "Shawshank Redemption, The (1994)" → shawshank, redemption, the.
 */
export function titleWords(title: string): string[] {
  return [
    ...new Set(
      title
        .replace(TITLE_YEAR, '')
        .toLowerCase()
        .match(/[a-z0-9]+/g) ?? [],
    ),
  ];
}

export const splitValues = (raw: string): string[] =>
  raw
    .split('|')
    .map((v) => v.trim())
    .filter(Boolean);

export interface ColumnOptions {
  side: FeatureSide;
  kind: FeatureKind;
  source?: string;
  transform?: FeatureTransform;
  /** A fixed category list (MovieLens' genres, occupations); otherwise the values seen, sorted. */
  categories?: string[];
  /** Category of a missing value (categorical); the first category when not given. */
  fallback?: string;
}

/** Encodes one raw value per id (undefined: the id has no value) into a column. */
export function buildColumn(name: string, raw: (string | undefined)[], options: ColumnOptions): FeatureColumn {
  // Array.from, not map: a sparse array's holes are missing values too.
  const values = Array.from(raw, (v) => (options.transform ? applyTransform(options.transform, v) : v));
  const missing = values.filter((v) => v === undefined || v.trim() === '').length;
  const base = { side: options.side, kind: options.kind, source: options.source ?? name, missing };
  const encoding: FeatureEncoding = options.transform
    ? { ...base, transform: options.transform, width: 1 }
    : { ...base, width: 1 };
  if (options.kind === 'numeric') {
    const numbers = values.map((v) => (v === undefined || v.trim() === '' ? NaN : Number(v)));
    let n = 0;
    let sum = 0;
    let squares = 0;
    for (const x of numbers)
      if (Number.isFinite(x)) {
        n++;
        sum += x;
        squares += x * x;
      }
    encoding.mean = n ? sum / n : 0;
    const sd = n ? Math.sqrt(Math.max(squares / n - encoding.mean * encoding.mean, 0)) : 0;
    encoding.sd = sd > 1e-9 ? sd : 1;
    return { encoding, values: Float32Array.from(numbers, (x) => encodeNumber(encoding, x)) };
  }
  const seen = new Set<string>();
  for (const v of values)
    if (v !== undefined) for (const c of options.kind === 'multiHot' ? splitValues(v) : [v.trim()]) if (c) seen.add(c);
  encoding.categories = options.categories ?? [...seen].sort();
  if (options.kind === 'categorical') {
    encoding.fallback = options.fallback ?? encoding.categories[0];
    if (!encoding.categories.includes(encoding.fallback)) encoding.categories.push(encoding.fallback);
    const index = new Map(encoding.categories.map((c, k) => [c, k]));
    const fallback = index.get(encoding.fallback)!;
    return { encoding, values: Int32Array.from(values, (v) => index.get(v?.trim() ?? '') ?? fallback) };
  }
  encoding.width = encoding.categories.length;
  const out = new Float32Array(values.length * encoding.width);
  values.forEach((v, row) => out.set(encodeMultiHot(encoding, v ?? ''), row * encoding.width));
  return { encoding, values: out };
}

const encodeNumber = (e: FeatureEncoding, x: number) => (Number.isFinite(x) ? (x - e.mean!) / e.sd! : 0);

const categoryIndex = new WeakMap<FeatureEncoding, Map<string, number>>();

function encodeMultiHot(e: FeatureEncoding, raw: string): Float32Array {
  const out = new Float32Array(e.width);
  let index = categoryIndex.get(e);
  if (!index) categoryIndex.set(e, (index = new Map(e.categories!.map((c, k) => [c.toLowerCase(), k]))));
  for (const value of splitValues(raw)) {
    const k = index.get(value.toLowerCase());
    if (k !== undefined) out[k] = 1;
  }
  return out;
}

/** A raw value a user typed (or a feature file held) that an encoding cannot take. */
export class FeatureValueError extends Error {}

/**
 * The encoded numbers of one raw value, as training encoded it: a numeric one standardised, a
 * category its index, a multi-valued one ('a|b') its flags. Unknown categories are errors naming the known ones.
 */
export function encodeRaw(name: string, e: FeatureEncoding, raw: string): number[] {
  const value = e.transform ? applyTransform(e.transform, raw) : raw.trim();
  if (e.kind === 'numeric') {
    const x = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(x))
      throw new FeatureValueError(`feature '${name}': '${raw}' is not a number`);
    return [encodeNumber(e, x)];
  }
  const categories = e.categories ?? [];
  if (e.kind === 'categorical') {
    const k = categories.findIndex((c) => c.toLowerCase() === (value ?? '').toLowerCase());
    if (k !== -1) return [k];
    throw new FeatureValueError(
      `feature '${name}': '${raw}' is not one of its categories (${categories.slice(0, 12).join(', ')}${categories.length > 12 ? ', …' : ''})`,
    );
  }
  return Array.from(encodeMultiHot(e, value ?? ''));
}

/** The encoded row of a value-less id: the mean, the fallback category, no flags. */
export function encodeMissing(e: FeatureEncoding): number[] {
  if (e.kind === 'categorical') return [Math.max(0, e.categories!.indexOf(e.fallback ?? e.categories![0]))];
  return new Array<number>(e.width).fill(0);
}
