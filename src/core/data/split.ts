/**
 * Train/test splits as row indices: seeded, so that a run can be repeated exactly, and always disjoint and
 * complete (every row in exactly one side). Indices come back sorted; the engine shuffles batches itself.
 */
import { makeRng, shuffleInPlace } from '../util/random';
import { Dataset, DataError, Split } from './types';

export const SPLIT_FORMS = [
  'random:F (hold out a fraction F, e.g. random:0.2)',
  'fold:NAME (an official fold, e.g. fold:u1; several: fold:u1,u2)',
  'kfold:K (K-fold cross-validation, e.g. kfold:5)',
  'cold-users:F (cold start: every rating of a fraction F of the users goes to test)',
  'cold-items:F (every rating of a fraction F of the items goes to test)',
];

export function makeSplits(dataset: Dataset, spec: string, seed: number): Split[] {
  const text = spec.trim();
  const colon = text.indexOf(':');
  const kind = colon === -1 ? text : text.slice(0, colon);
  const argument = colon === -1 ? '' : text.slice(colon + 1).trim();
  const rows = dataset.ratings.length;
  switch (kind) {
    case 'random':
      return [randomSplit(rows, parseFraction(argument, text), seed, text)];
    case 'kfold':
      return kFold(rows, parseFoldCount(argument, text, rows), seed, text);
    case 'fold':
      return officialFolds(dataset, argument, text);
    case 'cold-users':
    case 'cold-items':
      return [coldSplit(dataset, kind === 'cold-users' ? 'user' : 'item', parseFraction(argument, text), seed, text)];
    default:
      throw new DataError(`unknown split '${spec}': use ${SPLIT_FORMS.join('; ')}`);
  }
}

/** A validation set carved out of the training rows only, so the test rows stay unseen until the end. */
export function carveValidation(
  trainRows: Int32Array,
  fraction: number,
  seed: number,
): { train: Int32Array; val: Int32Array } {
  if (!(fraction >= 0 && fraction < 1))
    throw new DataError(`the validation fraction must be at least 0 and below 1, not ${fraction}`);
  const shuffled = shuffleInPlace(Int32Array.from(trainRows), makeRng(`${seed}:validation`));
  const size = Math.round(fraction * shuffled.length);
  return { train: shuffled.slice(size).sort(), val: shuffled.slice(0, size).sort() };
}

function parseFraction(argument: string, spec: string): number {
  const fraction = Number(argument);
  if (argument === '' || !(fraction > 0 && fraction < 1))
    throw new DataError(`bad split '${spec}': the test fraction must be a number between 0 and 1, e.g. random:0.2`);
  return fraction;
}

function parseFoldCount(argument: string, spec: string, rows: number): number {
  const k = Number(argument);
  if (argument === '' || !Number.isInteger(k) || k < 2)
    throw new DataError(`bad split '${spec}': K must be a whole number of at least 2, e.g. kfold:5`);
  if (k > rows)
    throw new DataError(`bad split '${spec}': ${k} folds need at least ${k} ratings, the dataset has ${rows}`);
  return k;
}

function shuffledRows(rows: number, seed: number, purpose: string): Int32Array {
  const order = new Int32Array(rows);
  for (let k = 0; k < rows; k++) order[k] = k;
  return shuffleInPlace(order, makeRng(`${seed}:${purpose}`));
}

function randomSplit(rows: number, fraction: number, seed: number, name: string): Split {
  const size = Math.round(fraction * rows);
  if (size === 0 || size === rows)
    throw new DataError(
      `bad split '${name}': with ${rows} ratings it leaves ${size === 0 ? 'no test' : 'no training'} rows`,
    );
  const order = shuffledRows(rows, seed, 'random-split');
  return { name, test: order.slice(0, size).sort(), train: order.slice(size).sort() };
}

/** Fold f tests the f-th of K near-equal slices of one seeded shuffle, so each row is tested exactly once. */
function kFold(rows: number, k: number, seed: number, spec: string): Split[] {
  const order = shuffledRows(rows, seed, 'kfold');
  const splits: Split[] = [];
  for (let f = 0; f < k; f++) {
    const from = Math.floor((f * rows) / k);
    const to = Math.floor(((f + 1) * rows) / k);
    const train = new Int32Array(rows - (to - from));
    train.set(order.subarray(0, from));
    train.set(order.subarray(to), from);
    splits.push({ name: `${spec}#${f + 1}`, test: order.slice(from, to).sort(), train: train.sort() });
  }
  return splits;
}

function officialFolds(dataset: Dataset, argument: string, spec: string): Split[] {
  const available = Object.keys(dataset.folds ?? {});
  if (available.length === 0)
    throw new DataError(
      `${dataset.name} has no predefined folds (they come with MovieLens 100K): use random:F or kfold:K`,
    );
  const names = argument.split(',').map((n) => n.trim());
  const twice = names.find((name, k) => names.indexOf(name) !== k);
  // The same fold twice would count its test rows twice in the mean ± std.
  if (twice !== undefined) throw new DataError(`bad split '${spec}': fold '${twice}' is named twice`);
  return names.map((name) => {
    if (!available.includes(name))
      throw new DataError(`bad split '${spec}': ${dataset.name} has no fold '${name}'; it has ${available.join(', ')}`);
    const fold = dataset.folds![name];
    return { name, train: fold.train, test: fold.test };
  });
}

/** Splits of rows that are not ratings (labelled texts): random:F or kfold:K, seeded like the rating splits. */
export function makeRowSplits(rows: number, spec: string, seed: number): Split[] {
  const text = spec.trim();
  const colon = text.indexOf(':');
  const kind = colon === -1 ? text : text.slice(0, colon);
  const argument = colon === -1 ? '' : text.slice(colon + 1).trim();
  if (kind === 'random') return [randomSplit(rows, parseFraction(argument, text), seed, text)];
  if (kind === 'kfold') return kFold(rows, parseFoldCount(argument, text, rows), seed, text);
  throw new DataError(`split '${spec}' does not apply to labelled text: use random:F or kfold:K`);
}

/** Cold start: a seeded fraction of the users (items) has all its ratings in test, so the model never sees them. */
function coldSplit(dataset: Dataset, side: 'user' | 'item', fraction: number, seed: number, name: string): Split {
  const count = side === 'user' ? dataset.userIds.length : dataset.itemIds.length;
  const size = Math.round(fraction * count);
  if (size === 0 || size === count)
    throw new DataError(
      `bad split '${name}': with ${count} ${side}s it leaves ${size === 0 ? 'none' : 'all'} of them cold`,
    );
  const cold = new Uint8Array(count);
  for (const k of shuffledRows(count, seed, `cold-${side}s`).subarray(0, size)) cold[k] = 1;
  const owner = side === 'user' ? dataset.users : dataset.items;
  const test: number[] = [];
  const train: number[] = [];
  owner.forEach((id, row) => (cold[id] ? test : train).push(row));
  return { name, train: Int32Array.from(train), test: Int32Array.from(test) };
}
