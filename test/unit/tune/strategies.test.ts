import { strict as assert } from 'node:assert';
import { makeRng } from '../../../src/core/util/random';
import { pruneTable, shouldPrune, PRUNE_STARTUP_TRIALS, PRUNE_WARMUP_EPOCHS } from '../../../src/core/tune/pruner';
import { SearchSpace, Params } from '../../../src/core/tune/space';
import { gridSize, makeStrategy, randomParams } from '../../../src/core/tune/strategies';
import { TrialRecord } from '../../../src/core/tune/types';

const space: SearchSpace = [
  { name: 'p.dim', paths: ['p.dim'], kind: 'choice', values: [8, 16, 32] },
  { name: 'training.learningRate', paths: ['training.learningRate'], kind: 'log', min: 1e-4, max: 1e-1 },
];

const record = (number: number, params: Params, rmse: number, curve: number[] = []): TrialRecord => ({
  event: 'trial',
  number,
  params,
  seed: 42,
  status: 'complete',
  folds: [
    {
      fold: 'f',
      seed: 42,
      params: 0,
      epochs: curve.map((v, i) => ({ epoch: i + 1, train: { rmse: v, mae: v }, val: { rmse: v, mae: v } })),
      bestEpoch: 1,
      train: { rmse, mae: rmse },
      val: { rmse, mae: rmse },
      seconds: 0,
    },
  ],
  val: { rmse, mae: rmse },
  valStd: { rmse: 0, mae: 0 },
  train: { rmse, mae: rmse },
  seconds: 0,
});

/** A made-up validation RMSE with its minimum at p.dim 16, learning rate 1e-2. */
const objective = (p: Params) =>
  Math.abs(Math.log10(p['training.learningRate'] as number) + 2) + (p['p.dim'] === 16 ? 0 : 0.5);

function runStrategy(name: 'random' | 'tpe', seed: number, trials: number): TrialRecord[] {
  const strategy = makeStrategy(name, space, seed, trials, null);
  const done: TrialRecord[] = [];
  for (let n = 0; n < trials; n++) {
    const params = strategy.suggest(n, done)!;
    done.push(record(n, params, objective(params)));
  }
  return done;
}

describe('tune: strategies and pruning', () => {
  it('grid enumerates every combination once (ranges as 5 points) and then stops', () => {
    const strategy = makeStrategy('grid', space, 0, 100, null);
    assert.equal(gridSize(space), 15);
    const points = Array.from({ length: 16 }, (_, n) => strategy.suggest(n, []));
    assert.equal(points[15], null);
    assert.equal(new Set(points.slice(0, 15).map((p) => JSON.stringify(p))).size, 15);
    assert.deepEqual(points[0], { 'p.dim': 8, 'training.learningRate': 1e-4 });
    assert.deepEqual(points[14], { 'p.dim': 32, 'training.learningRate': 0.1 });
  });

  it('random is seeded: the same seed gives the same trials, another seed others; values stay in range', () => {
    const a = runStrategy('random', 7, 10).map((t) => t.params);
    assert.deepEqual(
      runStrategy('random', 7, 10).map((t) => t.params),
      a,
    );
    assert.notDeepEqual(
      runStrategy('random', 8, 10).map((t) => t.params),
      a,
    );
    for (let k = 0; k < 200; k++) {
      const p = randomParams(space, makeRng(k));
      assert.ok([8, 16, 32].includes(p['p.dim'] as number));
      const lr = p['training.learningRate'] as number;
      assert.ok(lr >= 1e-4 && lr <= 1e-1);
    }
  });

  it('the spec itself is trial 0 when it lies in the space', () => {
    const start = { 'p.dim': 32, 'training.learningRate': 0.001 };
    assert.deepEqual(makeStrategy('tpe', space, 1, 20, start).suggest(0, []), start);
    assert.deepEqual(makeStrategy('random', space, 1, 20, start).suggest(0, []), start);
  });

  it('TPE finds better configurations than random search with the same budget (median over 10 seeds)', () => {
    const best = (ts: TrialRecord[]) => Math.min(...ts.map((t) => t.val!.rmse));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const seeds = Array.from({ length: 10 }, (_, k) => k);
    const tpe = median(seeds.map((s) => best(runStrategy('tpe', s, 30))));
    const random = median(seeds.map((s) => best(runStrategy('random', s, 30))));
    assert.ok(tpe < random, `TPE ${tpe} vs random ${random}`);
    // And it concentrates its later trials near the optimum.
    const late = runStrategy('tpe', 3, 40).slice(-10);
    assert.ok(late.filter((t) => t.params['p.dim'] === 16).length >= 6, JSON.stringify(late.map((t) => t.params)));
  });

  it('median pruning: nothing before the start-up trials and warm-up epochs, then worse than the median stops', () => {
    // Start-up trials whose curves run one epoch past the warm-up; each a little worse than the one before.
    const last = PRUNE_WARMUP_EPOCHS + 1;
    const curves = Array.from({ length: PRUNE_STARTUP_TRIALS }, (_, n) =>
      Array.from({ length: last }, (_, e) => 1 + 0.1 * n - 0.01 * e),
    );
    const finished = curves.map((c, n) => record(n, {}, c[c.length - 1], c));
    assert.equal(pruneTable(finished.slice(0, PRUNE_STARTUP_TRIALS - 1)), null);
    const table = pruneTable(finished);
    assert.ok(table);
    const atLast = curves.map((c) => c[last - 1]).sort((a, b) => a - b);
    const median =
      atLast.length % 2 ? atLast[atLast.length >> 1] : (atLast[atLast.length / 2 - 1] + atLast[atLast.length / 2]) / 2;
    assert.ok(Math.abs(table[0][last - 1] - median) < 1e-12);
    assert.equal(shouldPrune(table, 0, PRUNE_WARMUP_EPOCHS - 1, 5), false, 'warm-up');
    assert.equal(shouldPrune(table, 0, last, median + 0.001), true);
    assert.equal(shouldPrune(table, 0, last, median - 0.001), false);
    assert.equal(shouldPrune(table, 0, last + 1, 5), false, 'no earlier trial reached that epoch');
  });
});
