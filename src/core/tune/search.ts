/**
 * A cross-validated search: trials (every configuration on every fold, validation part only) run in
 * parallel workers and are recorded as they finish; the best by mean validation RMSE is chosen; then
 * the chosen and the default configuration are trained once more on each fold and measured on its
 * test part — the only time a test row is read.
 */
import { Metrics } from '../engine/events';
import { summarise } from '../job/runJob';
import { Spec } from '../spec/schema';
import { PoolOptions, TrialPool } from './pool';
import { pruneTable } from './pruner';
import { applyParams, defaultParams, Params } from './space';
import { appendTrial, createSearchFolder } from './store';
import { makeStrategy } from './strategies';
import { TrialJob, TrialOutcome } from './trial';
import { FoldRecord, TrialRecord, TuneResult, TuneSettings } from './types';

export interface SearchOptions extends PoolOptions {
  settings: TuneSettings;
  baseSpec: Spec;
  outDir: string;
  /** A resumed search continues in its folder after the trials it already finished. */
  resuming?: boolean;
  resumed?: TrialRecord[];
  onTrial?: (record: TrialRecord, finished: TrialRecord[]) => void;
  onEpoch?: (number: number, fold: number, epoch: number, val: number | null) => void;
  onFinal?: () => void;
}

export interface FinalEvaluation {
  folds: FoldRecord[];
  train: Metrics;
  val: Metrics;
  test: Metrics;
  testStd: Metrics;
  baselines: { globalMean: Metrics; userItemBias: Metrics };
}

export interface SearchOutcome {
  trials: TrialRecord[];
  cancelled: boolean;
  /** Absent when the search was cancelled or no trial completed. */
  result?: TuneResult;
  best?: { record: TrialRecord; spec: Spec; final: FinalEvaluation };
  default?: FinalEvaluation;
}

const meanOf = (ms: (Metrics | null | undefined)[]) => summarise(ms.filter((m): m is Metrics => Boolean(m)));

export function toRecord(number: number, params: Params, seed: number, outcome: TrialOutcome): TrialRecord {
  const vals = outcome.folds.map((f) => f.val).filter((m): m is Metrics => Boolean(m));
  const val = vals.length ? summarise(vals) : null;
  return {
    event: 'trial',
    number,
    params,
    seed,
    status: outcome.status === 'cancelled' ? 'failed' : outcome.status,
    folds: outcome.folds,
    val: val?.mean ?? null,
    valStd: val?.std ?? null,
    train: outcome.folds.length ? meanOf(outcome.folds.map((f) => f.train)).mean : null,
    seconds: outcome.seconds,
    ...(outcome.note ? { note: outcome.note } : {}),
  };
}

/** The completed trial with the lowest mean validation RMSE (the earlier on a tie). */
export function bestTrial(trials: TrialRecord[]): TrialRecord | undefined {
  return trials
    .filter((t) => t.status === 'complete' && t.val)
    .sort((a, b) => a.val!.rmse - b.val!.rmse || a.number - b.number)[0];
}

function finalOf(folds: FoldRecord[]): FinalEvaluation {
  const test = meanOf(folds.map((f) => f.test));
  return {
    folds,
    train: meanOf(folds.map((f) => f.train)).mean,
    val: meanOf(folds.map((f) => f.val)).mean,
    test: test.mean,
    testStd: test.std,
    baselines: {
      globalMean: meanOf(folds.map((f) => f.baselines?.globalMean)).mean,
      userItemBias: meanOf(folds.map((f) => f.baselines?.userItemBias)).mean,
    },
  };
}

/** Trains each spec on every fold, one job per fold, and measures the test parts. */
export async function evaluateOnFolds(
  pool: TrialPool,
  specs: Spec[],
  firstId: number,
  signal?: AbortSignal,
): Promise<(FinalEvaluation | null)[]> {
  const folds = pool.folds.map((_, f) => f);
  const runs = specs.map((spec, s) =>
    Promise.all(
      folds.map((f) => pool.run({ id: firstId + s * folds.length + f, spec, folds: [f], withTest: true, prune: null })),
    ),
  );
  const outcomes = await Promise.all(runs);
  return outcomes.map((per) => {
    if (signal?.aborted || per.some((o) => o.status !== 'complete')) {
      const failed = per.find((o) => o.status === 'failed');
      if (failed) throw new Error(failed.note ?? 'a final evaluation failed');
      return null;
    }
    return finalOf(per.flatMap((o) => o.folds));
  });
}

export async function runSearch(options: SearchOptions): Promise<SearchOutcome> {
  const { settings, baseSpec, signal } = options;
  const started = performance.now();
  const trials = [...(options.resumed ?? [])];
  const start = defaultParams(baseSpec, settings.space);
  const strategy = makeStrategy(settings.strategy, settings.space, settings.seed, settings.trials, start);
  const pool = await TrialPool.start(
    Math.max(1, options.jobs),
    {
      data: settings.data,
      features: settings.features,
      split: settings.split,
      splitSeed: baseSpec.training.seed,
      backend: options.backend ?? 'auto',
      engine: options.engine ?? 'fast',
      cwd: options.cwd ?? process.cwd(),
    },
    options.workerScript,
  );
  const onAbort = () => pool.cancel();
  signal?.addEventListener('abort', onAbort);
  try {
    // The folder is made once the data has loaded, so a bad data source leaves nothing behind.
    if (!options.resuming) createSearchFolder(options.outDir, settings);
    options.onReady?.({ folds: pool.folds, dataName: pool.dataName, jobs: pool.size });
    const allFolds = pool.folds.map((_, f) => f);
    let next = trials.length ? Math.max(...trials.map((t) => t.number)) + 1 : 0;
    let exhausted = false;
    const running = new Set<Promise<void>>();
    while (!signal?.aborted) {
      while (
        !exhausted &&
        !signal?.aborted &&
        running.size < pool.size &&
        trials.length + running.size < settings.trials
      ) {
        const params = strategy.suggest(next, trials);
        if (!params) {
          exhausted = true;
          break;
        }
        const number = next++;
        const job: TrialJob = {
          id: number,
          spec: applyParams(baseSpec, params),
          folds: allFolds,
          withTest: false,
          prune: settings.prune ? pruneTable(trials) : null,
        };
        const task: Promise<void> = pool
          .run(job, (fold, epoch, val) => options.onEpoch?.(number, fold, epoch, val))
          .then((outcome) => {
            if (outcome.status === 'cancelled') return;
            const record = toRecord(number, params, baseSpec.training.seed, outcome);
            trials.push(record);
            appendTrial(options.outDir, record);
            options.onTrial?.(record, trials);
          })
          .finally(() => running.delete(task));
        running.add(task);
      }
      if (running.size === 0) break;
      await Promise.race(running);
    }
    await Promise.all(running);
    if (signal?.aborted) return { trials, cancelled: true };

    const best = bestTrial(trials);
    if (!best) {
      const failed = trials.find((t) => t.status === 'failed');
      throw new Error(`no trial completed${failed?.note ? `: ${failed.note}` : ''}`);
    }
    options.onFinal?.();
    const bestSpec = applyParams(baseSpec, best.params);
    const same = start !== null && JSON.stringify(best.params) === JSON.stringify(start);
    const [bestFinal, defaultFinal] = await evaluateOnFolds(
      pool,
      same ? [bestSpec] : [bestSpec, baseSpec],
      1_000_000,
      signal,
    );
    if (!bestFinal || signal?.aborted) return { trials, cancelled: true };
    const def = same ? bestFinal : defaultFinal!;
    const result: TuneResult = {
      event: 'tune-result',
      strategy: settings.strategy,
      trials: trials.length,
      pruned: trials.filter((t) => t.status === 'pruned').length,
      best: { params: best.params, val: best.val!, train: best.train!, test: bestFinal.test },
      default: { val: def.val, test: def.test },
      seconds: (performance.now() - started) / 1000,
    };
    return { trials, cancelled: false, result, best: { record: best, spec: bestSpec, final: bestFinal }, default: def };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    pool.close();
  }
}
