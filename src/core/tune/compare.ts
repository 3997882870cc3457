/**
 * Models side by side: every model on the same folds with the same seed, train / validation / test
 * RMSE and MAE over the folds, and for each pair a paired t-test over the folds on test RMSE — is
 * the difference larger than the fold-to-fold noise?
 */
import ttest from 'ttest';
import { Metrics } from '../engine/events';
import { summarise } from '../job/runJob';
import { Spec } from '../spec/schema';
import { PoolOptions, TrialPool } from './pool';
import { evaluateOnFolds } from './search';

export interface CompareRequest extends PoolOptions {
  models: { name: string; spec: Spec }[];
  data: string;
  split: string;
  /** The seed every model gets (the first model's own by default). */
  seed?: number;
}

export interface ModelSummary {
  event: 'model';
  name: string;
  params: number;
  train: Metrics;
  trainStd: Metrics;
  val: Metrics;
  valStd: Metrics;
  test: Metrics;
  testStd: Metrics;
  /** Test RMSE of each fold, in fold order (what the paired test pairs). */
  foldTest: number[];
  epochs: number;
  seconds: number;
}

export interface PairTest {
  a: string;
  b: string;
  /** Mean over folds of a's test RMSE minus b's. */
  meanDiff: number;
  /** Two-sided p-value of the paired t-test; null with a single fold. */
  p: number | null;
  significant: boolean;
}

export interface CompareOutcome {
  event: 'compare-result';
  data: string;
  split: string;
  seed: number;
  folds: string[];
  models: ModelSummary[];
  pairs: PairTest[];
  baselines: { globalMean: Metrics; userItemBias: Metrics };
  seconds: number;
}

export const SIGNIFICANCE = 0.05;

export function pairedTest(a: number[], b: number[]): { meanDiff: number; p: number | null } {
  const diffs = a.map((x, i) => x - b[i]);
  const meanDiff = diffs.reduce((s, d) => s + d, 0) / diffs.length;
  if (diffs.length < 2) return { meanDiff, p: null };
  // Identical results on every fold: no evidence of a difference (the t statistic is 0/0).
  if (diffs.every((d) => d === diffs[0])) return { meanDiff, p: diffs[0] === 0 ? 1 : 0 };
  return { meanDiff, p: ttest(diffs, { mu: 0 }).pValue() };
}

export async function runCompare(request: CompareRequest): Promise<CompareOutcome | null> {
  const started = performance.now();
  const seed = request.seed ?? request.models[0].spec.training.seed;
  const specs = request.models.map((m) => ({ ...m.spec, training: { ...m.spec.training, seed } }));
  const pool = await TrialPool.start(
    Math.max(1, request.jobs),
    {
      data: request.data,
      split: request.split,
      splitSeed: seed,
      backend: request.backend ?? 'auto',
      engine: request.engine ?? 'fast',
      cwd: request.cwd ?? process.cwd(),
    },
    request.workerScript,
  );
  const onAbort = () => pool.cancel();
  request.signal?.addEventListener('abort', onAbort);
  try {
    request.onReady?.({ folds: pool.folds, dataName: pool.dataName, jobs: pool.size });
    const finals = await evaluateOnFolds(pool, specs, 0, request.signal);
    if (finals.some((f) => !f)) return null;
    const models: ModelSummary[] = finals.map((f, i) => {
      const { folds } = f!;
      const stat = (pick: (x: (typeof folds)[number]) => Metrics | null | undefined) =>
        summarise(folds.map(pick).filter((m): m is Metrics => Boolean(m)));
      const [train, val, test] = [stat((x) => x.train), stat((x) => x.val), stat((x) => x.test)];
      return {
        event: 'model',
        name: request.models[i].name,
        params: folds[0].params,
        train: train.mean,
        trainStd: train.std,
        val: val.mean,
        valStd: val.std,
        test: test.mean,
        testStd: test.std,
        foldTest: folds.map((x) => x.test!.rmse),
        epochs: folds.reduce((s, x) => s + x.epochs.length, 0) / folds.length,
        seconds: folds.reduce((s, x) => s + x.seconds, 0),
      };
    });
    const pairs: PairTest[] = [];
    for (let i = 0; i < models.length; i++) {
      for (let j = i + 1; j < models.length; j++) {
        const { meanDiff, p } = pairedTest(models[i].foldTest, models[j].foldTest);
        pairs.push({ a: models[i].name, b: models[j].name, meanDiff, p, significant: p !== null && p < SIGNIFICANCE });
      }
    }
    return {
      event: 'compare-result',
      data: request.data,
      split: request.split,
      seed,
      folds: pool.folds,
      models,
      pairs,
      baselines: finals[0]!.baselines,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    request.signal?.removeEventListener('abort', onAbort);
    pool.close();
  }
}
