/**
 * A cross-validated search: trials (every configuration on every fold, validation part only) run in
 * parallel workers and are recorded as they finish; the best by mean validation RMSE (a text
 * classifier's: accuracy, AUC or log loss) is chosen; then
 * the chosen and the default configuration are trained once more on each fold and measured on its
 * test part — the only time a test row is read.
 */
import { Metrics } from '../engine/events';
import { Spec } from '../spec/schema';
import { measureOf, TuneMeasure } from './measure';
import { PoolOptions, TrialPool } from './pool';
import { pruneTable } from './pruner';
import { applyParams, defaultParams, Params } from './space';
import { appendTrial, createSearchFolder } from './store';
import { makeStrategy } from './strategies';
import { TrialJob, TrialOutcome } from './trial';
import { BaselinesOf, FoldRecord, TrialRecord, TuneMetrics, TuneResult, TuneSettings } from './types';

export interface SearchOptions<M extends TuneMetrics = Metrics> extends PoolOptions {
  settings: TuneSettings;
  baseSpec: Spec;
  outDir: string;
  /** A resumed search continues in its folder after the trials it already finished. */
  resuming?: boolean;
  resumed?: TrialRecord<M>[];
  onTrial?: (record: TrialRecord<M>, finished: TrialRecord<M>[]) => void;
  onEpoch?: (number: number, fold: number, epoch: number, val: number | null) => void;
  onFinal?: () => void;
}

export interface FinalEvaluation<M extends TuneMetrics = Metrics> {
  folds: FoldRecord<M>[];
  train: M;
  val: M;
  test: M;
  testStd: M;
  baselines: BaselinesOf<M>;
}

export interface SearchOutcome<M extends TuneMetrics = Metrics> {
  trials: TrialRecord<M>[];
  cancelled: boolean;
  /** Absent when the search was cancelled or no trial completed. */
  result?: TuneResult<M>;
  best?: { record: TrialRecord<M>; spec: Spec; final: FinalEvaluation<M> };
  default?: FinalEvaluation<M>;
}

const present = <M>(ms: (M | null | undefined)[]) => ms.filter((m): m is M => Boolean(m));

export function toRecord<M extends TuneMetrics = Metrics>(
  number: number,
  params: Params,
  seed: number,
  outcome: TrialOutcome<M>,
  measure: TuneMeasure<M> = measureOf(undefined) as unknown as TuneMeasure<M>,
): TrialRecord<M> {
  const meanOf = (ms: (M | null | undefined)[]) => measure.summarise(present(ms));
  const vals = present(outcome.folds.map((f) => f.val));
  const val = vals.length ? measure.summarise(vals) : null;
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

/** The completed trial with the best mean validation figure (lowest RMSE by default; the earlier on a tie). */
export function bestTrial<M extends TuneMetrics = Metrics>(
  trials: TrialRecord<M>[],
  measure: TuneMeasure<M> = measureOf(undefined) as unknown as TuneMeasure<M>,
): TrialRecord<M> | undefined {
  return trials
    .filter((t) => t.status === 'complete' && t.val)
    .sort((a, b) => measure.objective(a.val!) - measure.objective(b.val!) || a.number - b.number)[0];
}

function finalOf<M extends TuneMetrics>(folds: FoldRecord<M>[], measure: TuneMeasure<M>): FinalEvaluation<M> {
  const meanOf = (ms: (M | null | undefined)[]) => measure.summarise(present(ms));
  const test = meanOf(folds.map((f) => f.test));
  return {
    folds,
    train: meanOf(folds.map((f) => f.train)).mean,
    val: meanOf(folds.map((f) => f.val)).mean,
    test: test.mean,
    testStd: test.std,
    baselines: meanBaselines(folds.map((f) => f.baselines).filter((b) => b !== undefined)),
  };
}

/** Each baseline's mean over the folds, whatever the task's baselines are. */
function meanBaselines<M extends TuneMetrics>(per: BaselinesOf<M>[]): BaselinesOf<M> {
  const out: Record<string, TuneMetrics> = {};
  for (const name of Object.keys(per[0] ?? {})) {
    const values = per.map((b) => (b as Record<string, TuneMetrics>)[name]);
    out[name] = measureOf('rmse' in values[0] ? 'rmse' : 'loss').summarise(values).mean;
  }
  return out as BaselinesOf<M>;
}

/**
 * The spec a fold's test model trains with when refitting: no validation part and no early stopping, for
 * the epochs early stopping chose on that fold's validation part.
 */
export function refitSpec(spec: Spec, bestEpoch: number): Spec {
  return {
    ...spec,
    training: { ...spec.training, validation: 0, earlyStopping: null, epochs: Math.max(1, bestEpoch) },
  };
}

/**
 * Trains each spec on every fold, one job per fold, and measures the test parts. With `refit`, a fold is
 * first trained with its validation part (test rows removed) for its validation figures and best epoch,
 * then trained again on the whole training fold for that many epochs, and only that model meets the test rows.
 */
export async function evaluateOnFolds<M extends TuneMetrics = Metrics>(
  pool: TrialPool,
  specs: Spec[],
  firstId: number,
  signal?: AbortSignal,
  measure: TuneMeasure<M> = measureOf(undefined) as unknown as TuneMeasure<M>,
  refit = false,
): Promise<(FinalEvaluation<M> | null)[]> {
  const folds = pool.folds.map((_, f) => f);
  const jobs = specs.length * folds.length;
  const evaluateFold = async (spec: Spec, id: number, f: number): Promise<TrialOutcome<M>> => {
    if (!refit) return pool.run<M>({ id, spec, folds: [f], withTest: true, prune: null });
    const chosen = await pool.run<M>({ id, spec, folds: [f], withTest: false, prune: null });
    if (chosen.status !== 'complete') return chosen;
    const fold = chosen.folds[0];
    const refitted = await pool.run<M>({
      id: id + jobs,
      spec: refitSpec(spec, fold.bestEpoch),
      folds: [f],
      withTest: true,
      prune: null,
    });
    if (refitted.status !== 'complete') return refitted;
    const tested = refitted.folds[0];
    return {
      ...chosen,
      folds: [
        {
          ...fold,
          test: tested.test,
          baselines: tested.baselines,
          refitEpochs: tested.epochs.length,
          seconds: fold.seconds + tested.seconds,
        },
      ],
      seconds: chosen.seconds + refitted.seconds,
    };
  };
  const runs = specs.map((spec, s) =>
    Promise.all(folds.map((f) => evaluateFold(spec, firstId + s * folds.length + f, f))),
  );
  const outcomes = await Promise.all(runs);
  return outcomes.map((per) => {
    if (signal?.aborted || per.some((o) => o.status !== 'complete')) {
      const failed = per.find((o) => o.status === 'failed');
      if (failed) throw new Error(failed.note ?? 'a final evaluation failed');
      return null;
    }
    return finalOf(
      per.flatMap((o) => o.folds),
      measure,
    );
  });
}

export async function runSearch<M extends TuneMetrics = Metrics>(options: SearchOptions<M>): Promise<SearchOutcome<M>> {
  const { settings, baseSpec, signal } = options;
  const searchMeasure = measureOf(settings.metric);
  const measure = searchMeasure as unknown as TuneMeasure<M>;
  const started = performance.now();
  const trials = [...(options.resumed ?? [])];
  const start = defaultParams(baseSpec, settings.space);
  const strategy = makeStrategy(
    settings.strategy,
    settings.space,
    settings.seed,
    settings.trials,
    start,
    searchMeasure,
  );
  const pool = await TrialPool.start(
    Math.max(1, options.jobs),
    {
      data: settings.data,
      features: settings.features,
      split: settings.split,
      splitSeed: baseSpec.training.seed,
      backend: options.backend ?? 'auto',
      engine: options.engine ?? 'fast',
      ...(settings.metric ? { metric: settings.metric } : {}),
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
          prune: settings.prune ? pruneTable(trials, searchMeasure) : null,
        };
        const task: Promise<void> = pool
          .run<M>(job, (fold, epoch, val) => options.onEpoch?.(number, fold, epoch, val))
          .then((outcome) => {
            if (outcome.status === 'cancelled') return;
            const record = toRecord(number, params, baseSpec.training.seed, outcome, measure);
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

    const best = bestTrial(trials, measure);
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
      measure,
      settings.refit === true,
    );
    if (!bestFinal || signal?.aborted) return { trials, cancelled: true };
    const def = same ? bestFinal : defaultFinal!;
    const result: TuneResult<M> = {
      event: 'tune-result',
      strategy: settings.strategy,
      ...(settings.metric && settings.metric !== 'rmse' ? { metric: settings.metric } : {}),
      trials: trials.length,
      pruned: trials.filter((t) => t.status === 'pruned').length,
      best: { params: best.params, val: best.val!, train: best.train!, test: bestFinal.test },
      default: { val: def.val, test: def.test },
      ...(settings.refit ? { refit: true } : {}),
      seconds: (performance.now() - started) / 1000,
    };
    return { trials, cancelled: false, result, best: { record: best, spec: bestSpec, final: bestFinal }, default: def };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    pool.close();
  }
}
