/**
 * The figures a dataset overview shows before any modelling: sizes and density, the rating
 * histogram, how ratings spread over users and items (the long tail), and mean ratings by genre
 * and by user group where the data has them.
 */
import { GENRES, GENRE_COUNT } from './genres';
import { Dataset } from './types';

export interface CountSummary {
  min: number;
  median: number;
  mean: number;
  max: number;
}

export interface GroupMean {
  group: string;
  /** Users (for a user group) or items (for a genre) in the group. */
  members: number;
  ratings: number;
  mean: number;
}

export interface DatasetOverview {
  name: string;
  users: number;
  items: number;
  ratings: number;
  /** Ratings ÷ (users × items): the share of the matrix that is known. */
  density: number;
  ratingRange: [number, number];
  meanRating: number;
  /** Ratings per rating value (keys are the values as written, e.g. "4" or "3.5"); 20 bins over the range when the values are many. */
  histogram: Record<string, number>;
  perUser: CountSummary;
  /** `top10Share`: the share of all ratings that the 10 % most-rated items hold. */
  perItem: CountSummary & { top10Share: number };
  byGenre?: GroupMean[];
  byGender?: GroupMean[];
}

/** Ratings per user and per item, largest first: the long-tail curves. */
export interface LongTail {
  perUser: number[];
  perItem: number[];
}

const MAX_DISTINCT_VALUES = 20;

function counts(index: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size);
  for (const k of index) out[k]++;
  return out;
}

const descending = (values: Int32Array) => Array.from(values).sort((a, b) => b - a);

function summarise(sortedDescending: number[], total: number): CountSummary {
  const n = sortedDescending.length;
  const mid = n >> 1;
  const median = n % 2 ? sortedDescending[mid] : (sortedDescending[mid - 1] + sortedDescending[mid]) / 2;
  return { min: sortedDescending[n - 1], median, mean: total / n, max: sortedDescending[0] };
}

function histogram(ratings: Float32Array, [low, high]: [number, number]): Record<string, number> {
  const exact = new Map<number, number>();
  for (const r of ratings) {
    exact.set(r, (exact.get(r) ?? 0) + 1);
    if (exact.size > MAX_DISTINCT_VALUES) break;
  }
  if (exact.size <= MAX_DISTINCT_VALUES) {
    return Object.fromEntries(
      [...exact.entries()].sort((a, b) => a[0] - b[0]).map(([v, n]) => [String(Number(v.toPrecision(6))), n]),
    );
  }
  const width = (high - low) / MAX_DISTINCT_VALUES;
  const bins = new Array<number>(MAX_DISTINCT_VALUES).fill(0);
  for (const r of ratings) bins[Math.min(MAX_DISTINCT_VALUES - 1, Math.floor((r - low) / width))]++;
  const edge = (k: number) => String(Number((low + k * width).toPrecision(4)));
  return Object.fromEntries(bins.map((n, k) => [`${edge(k)}–${edge(k + 1)}`, n]));
}

function byGenre(data: Dataset): GroupMean[] | undefined {
  const flags = data.itemFeatures?.genres;
  if (!flags) return undefined;
  const sums = new Float64Array(GENRE_COUNT);
  const n = new Float64Array(GENRE_COUNT);
  for (let row = 0; row < data.ratings.length; row++) {
    const o = data.items[row] * GENRE_COUNT;
    for (let g = 0; g < GENRE_COUNT; g++) {
      if (flags[o + g] === 0) continue;
      sums[g] += data.ratings[row];
      n[g]++;
    }
  }
  const members = new Int32Array(GENRE_COUNT);
  for (let i = 0; i < data.itemIds.length; i++)
    for (let g = 0; g < GENRE_COUNT; g++) if (flags[i * GENRE_COUNT + g] !== 0) members[g]++;
  return GENRES.map((genre, g) => ({
    group: genre,
    members: members[g],
    ratings: n[g],
    mean: n[g] ? sums[g] / n[g] : NaN,
  })).filter((g) => g.ratings > 0);
}

function byGender(data: Dataset): GroupMean[] | undefined {
  const gender = data.userFeatures?.gender;
  if (!gender) return undefined;
  const names = ['M', 'F'];
  return names.map((group, k) => {
    let sum = 0;
    let ratings = 0;
    for (let row = 0; row < data.ratings.length; row++) {
      if (gender[data.users[row]] !== k) continue;
      sum += data.ratings[row];
      ratings++;
    }
    const members = gender.filter((g) => g === k).length;
    return { group, members, ratings, mean: ratings ? sum / ratings : NaN };
  });
}

export function describeDataset(data: Dataset): DatasetOverview {
  const users = data.userIds.length;
  const items = data.itemIds.length;
  const ratings = data.ratings.length;
  const tail = longTail(data);
  const top = Math.max(1, Math.ceil(items / 10));
  const topRatings = tail.perItem.slice(0, top).reduce((s, c) => s + c, 0);
  let sum = 0;
  for (const r of data.ratings) sum += r;
  return {
    name: data.name,
    users,
    items,
    ratings,
    density: ratings / (users * items),
    ratingRange: data.ratingRange,
    meanRating: sum / ratings,
    histogram: histogram(data.ratings, data.ratingRange),
    perUser: summarise(tail.perUser, ratings),
    perItem: { ...summarise(tail.perItem, ratings), top10Share: topRatings / ratings },
    byGenre: byGenre(data),
    byGender: byGender(data),
  };
}

export function longTail(data: Dataset): LongTail {
  return {
    perUser: descending(counts(data.users, data.userIds.length)),
    perItem: descending(counts(data.items, data.itemIds.length)),
  };
}
