/**
 * How the next configuration is picked: grid (every combination in order), seeded random, or
 * TPE. Each suggestion depends only on the seed, the trial number and the finished trials, so a
 * resumed search continues as the original would have.
 */
import { makeRng, Rng } from '../util/random';
import { ParamDef, Params, ParamValue, SearchSpace } from './space';
import { StrategyName, TrialRecord, TuneMetrics } from './types';
import { Objective, tpeSuggest } from './tpe';

export interface Strategy {
  /** The parameters of trial `number`, or null when the strategy has nothing left to try (a finished grid). */
  suggest(number: number, finished: TrialRecord<TuneMetrics>[]): Params | null;
}

/** A range as grid points: integers up to 5 evenly spaced, log and uniform ranges 5 points. */
function gridValues(def: ParamDef): ParamValue[] {
  if (def.kind === 'choice') return def.values;
  const n = 5;
  if (def.kind === 'int') {
    const span = def.max - def.min;
    return [
      ...new Set(
        Array.from({ length: Math.min(n, span + 1) }, (_, k) =>
          Math.round(def.min + (span * k) / Math.max(1, Math.min(n, span + 1) - 1)),
        ),
      ),
    ];
  }
  return Array.from({ length: n }, (_, k) => {
    const t = k / (n - 1);
    const x =
      def.kind === 'log'
        ? Math.exp(Math.log(def.min) + t * (Math.log(def.max) - Math.log(def.min)))
        : def.min + t * (def.max - def.min);
    return Number(x.toPrecision(3));
  });
}

export function gridSize(space: SearchSpace): number {
  return space.reduce((n, def) => n * gridValues(def).length, 1);
}

function gridPoint(space: SearchSpace, index: number): Params | null {
  if (index >= gridSize(space)) return null;
  const params: Params = {};
  let rest = index;
  // The last parameter varies fastest, as in nested loops written in the space's order.
  for (let k = space.length - 1; k >= 0; k--) {
    const values = gridValues(space[k]);
    params[space[k].name] = values[rest % values.length];
    rest = Math.floor(rest / values.length);
  }
  return Object.fromEntries(space.map((d) => [d.name, params[d.name]]));
}

export function sampleParam(def: ParamDef, rng: Rng): ParamValue {
  switch (def.kind) {
    case 'choice':
      return def.values[Math.floor(rng() * def.values.length)];
    case 'int':
      return def.min + Math.floor(rng() * (def.max - def.min + 1));
    case 'log':
      return Math.exp(Math.log(def.min) + rng() * (Math.log(def.max) - Math.log(def.min)));
    case 'uniform':
      return def.min + rng() * (def.max - def.min);
  }
}

export function randomParams(space: SearchSpace, rng: Rng): Params {
  return Object.fromEntries(space.map((def) => [def.name, sampleParam(def, rng)]));
}

/** Trial 0 is the spec as it is (when it lies inside the space), so a search never ends worse than the start. */
export function makeStrategy(
  name: StrategyName,
  space: SearchSpace,
  seed: number,
  trials: number,
  start: Params | null,
  measure?: { objective: Objective },
): Strategy {
  const rngFor = (number: number) => makeRng(`${seed}:trial:${number}`);
  const first = (number: number) => (number === 0 && start ? start : null);
  switch (name) {
    case 'grid':
      return { suggest: (number) => gridPoint(space, number) };
    case 'random':
      return { suggest: (number) => first(number) ?? randomParams(space, rngFor(number)) };
    case 'tpe': {
      // Random start-up trials, as Optuna and hyperopt do before the model has anything to learn from.
      const startup = Math.max(4, Math.min(10, Math.round(trials / 3)));
      return {
        suggest: (number, finished) =>
          first(number) ??
          (finished.length < startup
            ? randomParams(space, rngFor(number))
            : tpeSuggest(space, finished, rngFor(number), measure?.objective)),
      };
    }
  }
}
