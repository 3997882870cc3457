/**
 * A built-in dataset shaped like MovieLens 100K, drawn from a known model, so that the product works offline
 * and tests and benchmarks can say how close a model gets to the truth.
 *
 * The true model, for user u and item i:
 *
 *     t(u, i) = μ + bᵤ + bᵢ + pᵤ·qᵢ                       (μ = 3.68, rank 8)
 *     observed rating = clip(round(t(u, i) + ε), 1, 5),    ε ~ N(0, 0.9²)
 *
 * - bᵤ ~ N(0, 0.38²) plus a small age effect; bᵢ ~ N(0, 0.40²) plus 0.25 × the item's standardised
 *   log-popularity (popular items are rated higher, as in MovieLens) and a small release-year effect.
 * - pᵤ·qᵢ has a standard deviation of about 0.56, most of it in two strong directions (see componentSd).
 *   Each factor entry is correlated 0.6 with a signal from the side features — occupation, age and gender
 *   for users; genres and year for items — so features alone explain part of it and ids the rest.
 * - Who rates what: every user rates at least 20 items, active users many more (log-normal activity, at
 *   most half the items); items are chosen by a long-tailed log-normal popularity (at the default size:
 *   median about 30 ratings per item, the most popular over 700); every item is rated at least once.
 *
 * The true noise is ε's σ = 0.9 before rounding; rounding adds variance 1/12 and clipping to 1…5 takes some
 * away. `noiseFloorRmse`, the RMSE of the clipped truth clip(t, 1, 5) against the observed ratings, comes
 * out between 0.84 and 0.88 depending on the seed (0.862 for seed 42). It is the floor for any model up to
 * a hair (rounding and clipping make E[rating | t] differ slightly from clip(t)). On a seeded 80/20 split
 * (seeds 0–11) the mean rating is 3.49–3.61, a μ+bᵤ+bᵢ baseline scores 0.96–1.00 and a plain rank-8
 * biased MF by SGD 0.91–0.93 (`npx tsx bench/synthetic-quality.ts SEED` measures all of these).
 */
import { gatherFloat, gatherInt } from '../util/gather';
import { gaussian, makeRng, Rng, shuffleInPlace } from '../util/random';
import { buildColumn, ZIP_REGIONS } from './featureColumns';
import { featureColumnsOf, standardise, titleWordsColumn, vocabularyOf } from './features';
import { GENRE_COUNT } from './genres';
import { Dataset, DataError } from './types';

export interface SyntheticShape {
  users: number;
  items: number;
  ratings: number;
}

export interface SyntheticOptions extends Partial<SyntheticShape> {
  seed?: number;
}

export const ML_100K_SHAPE: SyntheticShape = { users: 943, items: 1682, ratings: 100_000 };
export const ML_1M_SHAPE: SyntheticShape = { users: 6040, items: 3706, ratings: 1_000_000 };
/** MovieLens-20M's size, for the scale benchmark (`npm run bench -- --large`): 0.54 % of the matrix rated. */
export const ML_20M_SHAPE: SyntheticShape = { users: 138_000, items: 27_000, ratings: 20_000_000 };
export const DEFAULT_SYNTHETIC_SEED = 42;

/** The true model's parameters (see the module comment). */
export const SYNTHETIC_MODEL = {
  rank: 8,
  globalMean: 3.68,
  noiseSd: 0.9,
  userBiasSd: 0.38,
  itemBiasSd: 0.4,
  popularityBias: 0.25,
  /**
   * Standard deviation of each rank's share of pᵤ·qᵢ (entries of pᵤ and qᵢ have the square root of it). A few
   * strong directions and a tail of weak ones, as in real ratings: spread evenly over eight ranks the same
   * variance sinks below what 100,000 noisy ratings can reveal, and no factor model could learn it.
   */
  componentSd: [0.48, 0.24, 0.12, 0.08, 0.06, 0.05, 0.04, 0.03],
  /** Correlation of each factor entry with its side-feature signal. */
  featureShare: 0.6,
  minRatingsPerUser: 20,
  /** Standard deviations of the log-normal item popularity and user activity. */
  popularitySpread: 1.5,
  activitySpread: 1.1,
  /** No user rates more than this share of all items. */
  maxUserShare: 0.5,
} as const;

/** ML-100K's occupations (alphabetical, as in u.occupation) with their counts there, as sampling weights. */
const OCCUPATION_WEIGHTS = [79, 28, 7, 95, 67, 18, 32, 16, 7, 12, 51, 26, 9, 105, 66, 14, 12, 31, 196, 27, 45];
/** How many of ML-100K's items have each genre (in the GENRES order), and how many genres its items have (1…6). */
const GENRE_WEIGHTS = [2, 251, 135, 42, 122, 505, 109, 50, 725, 22, 24, 92, 56, 61, 247, 101, 251, 71, 27];
const GENRES_PER_ITEM_WEIGHTS = [833, 569, 215, 51, 11, 3];

export interface SyntheticData {
  dataset: Dataset;
  /** The clipped true rating clip(t(u, i), 1, 5) of every row: what a perfect model would predict. */
  truth: Float32Array;
}

export function syntheticDataset(options: SyntheticOptions = {}): Dataset {
  return generateSynthetic(options).dataset;
}

export function generateSynthetic(options: SyntheticOptions = {}): SyntheticData {
  const seed = options.seed ?? DEFAULT_SYNTHETIC_SEED;
  const shape = checkShape({ ...ML_100K_SHAPE, ...stripUndefined(options) });
  const rng = makeRng(`synthetic:${seed}`);
  const model = SYNTHETIC_MODEL;

  const users = drawUsers(shape.users, rng);
  const items = drawItems(shape.items, rng);
  const userFactors = drawFactors(shape.users, userSignal(users, rng), rng);
  const itemFactors = drawFactors(shape.items, itemSignal(items, rng), rng);
  const userBias = new Float64Array(shape.users);
  for (let u = 0; u < shape.users; u++) userBias[u] = model.userBiasSd * gaussian(rng) + 0.1 * users.age[u];
  const itemBias = new Float64Array(shape.items);
  for (let i = 0; i < shape.items; i++)
    itemBias[i] =
      model.itemBiasSd * gaussian(rng) +
      model.popularityBias * (items.popularity[i] - model.popularitySpread) -
      0.1 * items.year[i];

  const pairs = drawPairs(shape, items.popularity, rng);
  const n = shape.ratings;
  const ratings = new Float32Array(n);
  const truth = new Float32Array(n);
  let squaredError = 0;
  for (let row = 0; row < n; row++) {
    const u = pairs.users[row];
    const i = pairs.items[row];
    let t = model.globalMean + userBias[u] + itemBias[i];
    for (let k = 0; k < model.rank; k++) t += userFactors[u * model.rank + k] * itemFactors[i * model.rank + k];
    const observed = clip(Math.round(t + model.noiseSd * gaussian(rng)));
    ratings[row] = observed;
    truth[row] = clip(t);
    squaredError += (truth[row] - observed) ** 2;
  }

  // Rows come grouped by user from the sampler; shuffled, they look like a ratings file.
  const order = permutation(n, rng);
  const isDefaultShape =
    shape.users === ML_100K_SHAPE.users &&
    shape.items === ML_100K_SHAPE.items &&
    shape.ratings === ML_100K_SHAPE.ratings;
  const dataset: Dataset = {
    name: isDefaultShape
      ? `synthetic (seed ${seed})`
      : `synthetic ${shape.users}×${shape.items}, ${n} ratings (seed ${seed})`,
    users: gatherInt(pairs.users, order),
    items: gatherInt(pairs.items, order),
    ratings: gatherFloat(ratings, order),
    userIds: Array.from({ length: shape.users }, (_, u) => String(u + 1)),
    itemIds: Array.from({ length: shape.items }, (_, i) => String(i + 1)),
    ratingRange: [1, 5],
    userFeatures: { age: Float32Array.from(users.age), gender: users.gender, occupation: users.occupation },
    itemFeatures: { genres: items.genres, year: Float32Array.from(items.year) },
    vocabulary: { user: shape.users, item: shape.items, occupation: OCCUPATION_WEIGHTS.length },
    noiseFloorRmse: Math.sqrt(squaredError / n),
  };
  dataset.features = {
    ...featureColumnsOf(dataset),
    zipRegion: zipRegions(shape.users, seed),
    titleWords: titleWordsColumn(titles(shape.items, seed), shape.items),
  };
  dataset.vocabulary = vocabularyOf(shape.users, shape.items, dataset.features);
  return { dataset, truth: gatherFloat(truth, order) };
}

function stripUndefined(options: SyntheticOptions): Partial<SyntheticShape> {
  const shape: Partial<SyntheticShape> = {};
  for (const key of ['users', 'items', 'ratings'] as const) if (options[key] !== undefined) shape[key] = options[key];
  return shape;
}

function checkShape(shape: SyntheticShape): SyntheticShape {
  for (const key of ['users', 'items', 'ratings'] as const) {
    if (!Number.isInteger(shape[key]) || shape[key] < 1)
      throw new DataError(`synthetic data: ${key} must be a positive whole number, not ${shape[key]}`);
  }
  const perUser = Math.max(1, Math.floor(SYNTHETIC_MODEL.maxUserShare * shape.items));
  if (shape.ratings > shape.users * perUser) {
    throw new DataError(
      `synthetic data: ${shape.ratings} ratings do not fit ${shape.users} users who rate at most ${perUser} of ${shape.items} items each`,
    );
  }
  return shape;
}

const clip = (x: number): number => (x < 1 ? 1 : x > 5 ? 5 : x);

/** Standardised age, gender and occupation of each user, drawn to look like ML-100K's. */
function drawUsers(count: number, rng: Rng) {
  const age = new Float64Array(count);
  const gender = new Int32Array(count);
  const occupation = new Int32Array(count);
  const occupationTable = cumulative(OCCUPATION_WEIGHTS);
  for (let u = 0; u < count; u++) {
    age[u] = Math.round(Math.min(73, Math.max(7, 34 + 12 * gaussian(rng))));
    gender[u] = rng() < 0.29 ? 1 : 0;
    occupation[u] = pick(occupationTable, rng);
  }
  return { age: Float64Array.from(standardise(age)), gender, occupation };
}

/** Genres (multi-hot), standardised year and standardised log-popularity of each item. */
function drawItems(count: number, rng: Rng) {
  const genres = new Float32Array(count * GENRE_COUNT);
  const year = new Float64Array(count);
  const popularity = new Float64Array(count);
  const genreTable = cumulative(GENRE_WEIGHTS);
  const perItemTable = cumulative(GENRES_PER_ITEM_WEIGHTS);
  for (let i = 0; i < count; i++) {
    const wanted = pick(perItemTable, rng) + 1;
    for (let tries = 0, have = 0; have < wanted && tries < 50; tries++) {
      const g = pick(genreTable, rng);
      if (genres[i * GENRE_COUNT + g] === 0) {
        genres[i * GENRE_COUNT + g] = 1;
        have++;
      }
    }
    // Mostly recent films with a long tail of old ones, as in ML-100K (median 1995, back to the 1920s).
    year[i] = Math.max(1922, 1998 - Math.floor(-6 * Math.log(1 - rng())));
    popularity[i] = gaussian(rng);
  }
  return { genres, year: Float64Array.from(standardise(year)), popularity };
}

/** What the side features say about a user's factors: one unit-variance vector per user. */
function userSignal(users: ReturnType<typeof drawUsers>, rng: Rng): Float64Array {
  const rank = SYNTHETIC_MODEL.rank;
  const occupationVectors = gaussians(OCCUPATION_WEIGHTS.length * rank, rng);
  const ageDirection = gaussians(rank, rng);
  const genderDirection = gaussians(rank, rng);
  const norm = Math.sqrt(1 + 0.8 ** 2 + 0.6 ** 2);
  const signal = new Float64Array(users.age.length * rank);
  for (let u = 0; u < users.age.length; u++) {
    const side = users.gender[u] === 1 ? 0.6 : -0.6;
    for (let k = 0; k < rank; k++) {
      signal[u * rank + k] =
        (occupationVectors[users.occupation[u] * rank + k] +
          0.8 * users.age[u] * ageDirection[k] +
          side * genderDirection[k]) /
        norm;
    }
  }
  return signal;
}

/** What an item's genres and year say about its factors. */
function itemSignal(items: ReturnType<typeof drawItems>, rng: Rng): Float64Array {
  const rank = SYNTHETIC_MODEL.rank;
  const genreVectors = gaussians(GENRE_COUNT * rank, rng);
  const yearDirection = gaussians(rank, rng);
  const norm = Math.sqrt(1 + 0.7 ** 2);
  const count = items.year.length;
  const signal = new Float64Array(count * rank);
  for (let i = 0; i < count; i++) {
    let genreCount = 0;
    for (let g = 0; g < GENRE_COUNT; g++) genreCount += items.genres[i * GENRE_COUNT + g];
    const scale = 1 / Math.sqrt(Math.max(genreCount, 1));
    for (let k = 0; k < rank; k++) {
      let sum = 0;
      for (let g = 0; g < GENRE_COUNT; g++) if (items.genres[i * GENRE_COUNT + g]) sum += genreVectors[g * rank + k];
      signal[i * rank + k] = (sum * scale + 0.7 * items.year[i] * yearDirection[k]) / norm;
    }
  }
  return signal;
}

/** Factors correlated `featureShare` with the feature signal, entries of standard deviation √componentSd. */
function drawFactors(count: number, signal: Float64Array, rng: Rng): Float64Array {
  const { rank, componentSd, featureShare } = SYNTHETIC_MODEL;
  const own = Math.sqrt(1 - featureShare ** 2);
  const factors = new Float64Array(count * rank);
  for (let k = 0; k < count * rank; k++)
    factors[k] = Math.sqrt(componentSd[k % rank]) * (featureShare * signal[k] + own * gaussian(rng));
  return factors;
}

/** Distinct (user, item) pairs, grouped by user: how many per user, and which items, both long-tailed. */
function drawPairs(
  shape: SyntheticShape,
  popularity: Float64Array,
  rng: Rng,
): { users: Int32Array; items: Int32Array } {
  const counts = ratingsPerUser(shape, rng);
  const weights = Array.from(popularity, (z) => Math.exp(SYNTHETIC_MODEL.popularitySpread * z));
  const table = cumulative(weights);
  const users = new Int32Array(shape.ratings);
  const items = new Int32Array(shape.ratings);
  const takenBy = new Int32Array(shape.items).fill(-1);
  const start = new Int32Array(shape.users + 1);
  let row = 0;
  for (let u = 0; u < shape.users; u++) {
    start[u] = row;
    const want = counts[u];
    let have = 0;
    // Weighted draws without replacement by rejection; a heavy user who has taken most of the popular
    // items would reject too often, so after a while the rest are filled uniformly from what is left.
    for (let tries = 0; have < want && tries < 20 * want + 100; tries++) {
      const i = pick(table, rng);
      if (takenBy[i] === u) continue;
      takenBy[i] = u;
      users[row] = u;
      items[row++] = i;
      have++;
    }
    if (have < want) {
      const left: number[] = [];
      for (let i = 0; i < shape.items; i++) if (takenBy[i] !== u) left.push(i);
      const rest = shuffleInPlace(Int32Array.from(left), rng);
      for (let k = 0; have < want; k++, have++) {
        takenBy[rest[k]] = u;
        users[row] = u;
        items[row++] = rest[k];
      }
    }
  }
  start[shape.users] = row;
  rateEveryItem(users, items, start, shape.items, rng);
  return { users, items };
}

/** At least `minRatingsPerUser` each (fewer only if the ratings cannot go round), the rest by log-normal activity. */
function ratingsPerUser(shape: SyntheticShape, rng: Rng): Int32Array {
  const { minRatingsPerUser, activitySpread, maxUserShare } = SYNTHETIC_MODEL;
  const cap = Math.max(1, Math.floor(maxUserShare * shape.items));
  const floor = Math.min(minRatingsPerUser, Math.floor(shape.ratings / shape.users), cap);
  const activity = Array.from({ length: shape.users }, () => Math.exp(activitySpread * gaussian(rng)));
  const total = activity.reduce((a, b) => a + b, 0);
  const extra = shape.ratings - floor * shape.users;
  const counts = new Int32Array(shape.users);
  let assigned = 0;
  for (let u = 0; u < shape.users; u++) {
    counts[u] = Math.min(cap, floor + Math.floor((extra * activity[u]) / total));
    assigned += counts[u];
  }
  // What rounding and the cap left over goes to random users with room (checkShape made sure there is room).
  while (assigned < shape.ratings) {
    const u = Math.floor(rng() * shape.users);
    if (counts[u] < cap) {
      counts[u]++;
      assigned++;
    }
  }
  return counts;
}

/** Gives each unrated item one rating, taken over from a row whose item has several, by a user who lacks it. */
function rateEveryItem(users: Int32Array, items: Int32Array, start: Int32Array, itemCount: number, rng: Rng): void {
  if (users.length < itemCount) return;
  const ratedTimes = new Int32Array(itemCount);
  for (const i of items) ratedTimes[i]++;
  for (let missing = 0; missing < itemCount; missing++) {
    if (ratedTimes[missing] > 0) continue;
    for (let tries = 0; tries < 10_000; tries++) {
      const row = Math.floor(rng() * users.length);
      if (ratedTimes[items[row]] < 2) continue;
      const u = users[row];
      let has = false;
      for (let r = start[u]; r < start[u + 1] && !has; r++) has = items[r] === missing;
      if (has) continue;
      ratedTimes[items[row]]--;
      items[row] = missing;
      ratedTimes[missing]++;
      break;
    }
  }
}

function cumulative(weights: ArrayLike<number>): Float64Array {
  const table = new Float64Array(weights.length);
  let sum = 0;
  for (let k = 0; k < weights.length; k++) table[k] = sum += weights[k];
  return table;
}

/** An index drawn with probability proportional to its weight (binary search of the cumulative table). */
function pick(table: Float64Array, rng: Rng): number {
  const target = rng() * table[table.length - 1];
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (table[mid] > target) high = mid;
    else low = mid + 1;
  }
  return low;
}

function gaussians(count: number, rng: Rng): Float64Array {
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) out[k] = gaussian(rng);
  return out;
}

function permutation(n: number, rng: Rng): Int32Array {
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  return shuffleInPlace(order, rng);
}

/**
 * A zip-code region per user, as MovieLens records it, drawn from a stream of its own (the ratings
 * do not change) and unrelated to the ratings: the feature presets read it, and it carries no signal,
 * as a real user's zip region carries little.
 */
/**
 * Titles of one to three words from a small vocabulary, as unrelated to the ratings as the zip
 * regions: the feature presets read their words, and a small vocabulary keeps the column small at 20M.
 */
function titles(items: number, seed: number): string[] {
  const rng = makeRng(`synthetic:${seed}:titles`);
  const word = () => `w${1 + Math.floor(rng() * SYNTHETIC_TITLE_WORDS)}`;
  return Array.from({ length: items }, () => Array.from({ length: 1 + Math.floor(rng() * 3) }, word).join(' '));
}
const SYNTHETIC_TITLE_WORDS = 16;

function zipRegions(users: number, seed: number) {
  const rng = makeRng(`synthetic:${seed}:zip`);
  const regions = Array.from({ length: users }, () => ZIP_REGIONS[Math.floor(rng() * 10)]);
  return buildColumn('zipRegion', regions, {
    side: 'user',
    kind: 'categorical',
    categories: [...ZIP_REGIONS],
    fallback: 'other',
  });
}
