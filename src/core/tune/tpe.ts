/**
 * Tree-structured Parzen Estimator (Bergstra et al., 2011), as hyperopt and Optuna's independent
 * sampler do it: split the finished trials into the best quarter and the rest, fit a Parzen density
 * to each per parameter (log scale for log ranges), draw candidates from the good density and keep
 * the one with the highest ratio good/bad. Failed and pruned trials count among the bad.
 */
import { Rng, gaussian } from '../util/random';
import { ParamDef, Params, ParamValue, SearchSpace } from './space';
import { TrialRecord, TuneMetrics } from './types';
import { measureOf } from './measure';

const GAMMA = 0.25;
const CANDIDATES = 24;

/** Lower is better: the search's objective of a trial's mean validation figures (RMSE unless told). */
export type Objective = (m: TuneMetrics) => number;
const RMSE: Objective = measureOf('rmse').objective;

export function splitGoodBad<T extends TrialRecord<TuneMetrics>>(
  finished: T[],
  objective: Objective = RMSE,
): { good: T[]; bad: T[] } {
  const score = (t: T) => (t.status === 'complete' && t.val ? objective(t.val) : Infinity);
  const sorted = [...finished].sort((a, b) => score(a) - score(b) || a.number - b.number);
  const nGood = Math.max(1, Math.ceil(GAMMA * sorted.filter((t) => score(t) < Infinity).length));
  return { good: sorted.slice(0, nGood), bad: sorted.slice(nGood) };
}

interface Parzen {
  mus: number[];
  sigmas: number[];
}

/** Gaussians at the observations plus one broad prior, with hyperopt's neighbour-distance bandwidths. */
export function parzen(points: number[], lo: number, hi: number): Parzen {
  const span = hi - lo || 1;
  const mus = [...points, (lo + hi) / 2].sort((a, b) => a - b);
  const minSigma = span / Math.min(100, 1 + mus.length);
  const sigmas = mus.map((m, i) => {
    const left = i > 0 ? m - mus[i - 1] : m - lo;
    const right = i < mus.length - 1 ? mus[i + 1] - m : hi - m;
    return Math.min(span, Math.max(minSigma, left, right));
  });
  // The prior keeps its full width, so no region is ever ruled out.
  const prior = mus.indexOf((lo + hi) / 2);
  sigmas[prior] = span;
  return { mus, sigmas };
}

export function logDensity(p: Parzen, x: number): number {
  let sum = 0;
  for (let k = 0; k < p.mus.length; k++) {
    const z = (x - p.mus[k]) / p.sigmas[k];
    sum += Math.exp(-0.5 * z * z) / p.sigmas[k];
  }
  return Math.log(sum / p.mus.length + 1e-300);
}

function sampleParzen(p: Parzen, lo: number, hi: number, rng: Rng): number {
  const k = Math.floor(rng() * p.mus.length);
  for (let tries = 0; tries < 20; tries++) {
    const x = p.mus[k] + p.sigmas[k] * gaussian(rng);
    if (x >= lo && x <= hi) return x;
  }
  return Math.min(hi, Math.max(lo, p.mus[k]));
}

function suggestNumeric(
  def: Extract<ParamDef, { kind: 'int' | 'log' | 'uniform' }>,
  good: number[],
  bad: number[],
  rng: Rng,
): number {
  const log = def.kind === 'log';
  const to = (v: number) => (log ? Math.log(v) : v);
  const from = (v: number) => (log ? Math.exp(v) : def.kind === 'int' ? Math.round(v) : v);
  // Integers get half a step of room at each end so the end values are as likely as the rest.
  const lo = to(def.min) - (def.kind === 'int' ? 0.5 : 0);
  const hi = to(def.max) + (def.kind === 'int' ? 0.5 : 0);
  const l = parzen(good.map(to), lo, hi);
  const g = parzen(bad.map(to), lo, hi);
  let best = { x: from(sampleParzen(l, lo, hi, rng)), ratio: -Infinity };
  for (let c = 0; c < CANDIDATES; c++) {
    const x = sampleParzen(l, lo, hi, rng);
    const value = Math.min(def.max, Math.max(def.min, from(x)));
    const at = to(value);
    const ratio = logDensity(l, at) - logDensity(g, at);
    if (ratio > best.ratio) best = { x: value, ratio };
  }
  return best.x;
}

function suggestChoice(values: ParamValue[], good: ParamValue[], bad: ParamValue[], rng: Rng): ParamValue {
  const index = (v: ParamValue) => values.findIndex((w) => JSON.stringify(w) === JSON.stringify(v));
  const weights = (seen: ParamValue[]) => {
    const w = values.map(() => 1);
    for (const v of seen) if (index(v) >= 0) w[index(v)] += 1;
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / total);
  };
  const l = weights(good);
  const g = weights(bad);
  let best = { k: 0, ratio: -Infinity };
  for (let c = 0; c < CANDIDATES; c++) {
    let u = rng();
    let k = 0;
    while (k < l.length - 1 && u >= l[k]) u -= l[k++];
    const ratio = Math.log(l[k]) - Math.log(g[k]);
    if (ratio > best.ratio) best = { k, ratio };
  }
  return values[best.k];
}

export function tpeSuggest(
  space: SearchSpace,
  finished: TrialRecord<TuneMetrics>[],
  rng: Rng,
  objective: Objective = RMSE,
): Params {
  const { good, bad } = splitGoodBad(finished, objective);
  const params: Params = {};
  for (const def of space) {
    const seen = (ts: TrialRecord<TuneMetrics>[]) => ts.map((t) => t.params[def.name]).filter((v) => v !== undefined);
    if (def.kind === 'choice') params[def.name] = suggestChoice(def.values, seen(good), seen(bad), rng);
    else params[def.name] = suggestNumeric(def, seen(good) as number[], seen(bad) as number[], rng);
  }
  return params;
}
