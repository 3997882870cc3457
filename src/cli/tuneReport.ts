/** What `ncf tune` and `ncf compare` show a person on a terminal: a progress bar over trials, then tables. */
import { SingleBar, Presets } from 'cli-progress';
import Table from 'cli-table3';
import { ClassMetrics } from '../core/classification/metrics';
import { Metrics } from '../core/engine/events';
import { CompareOutcome } from '../core/tune/compare';
import { RATING_MEASURE, TuneMeasure } from '../core/tune/measure';
import { SearchOutcome } from '../core/tune/search';
import { Params, ParamValue } from '../core/tune/space';
import { TrialRecord, TuneMetrics } from '../core/tune/types';

const f4 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(4));
const pm = (m: Metrics | null | undefined, sd: Metrics | null | undefined, key: keyof Metrics = 'rmse') =>
  m ? `${f4(m[key])}${sd ? ` ± ${f4(sd[key])}` : ''}` : '—';

/** A figure of a search's measure, ± its sd across folds. */
const pmOf = <M extends TuneMetrics>(m: M | null | undefined, sd: M | null | undefined, value: (m: M) => number) =>
  m ? `${f4(value(m))}${sd ? ` ± ${f4(value(sd))}` : ''}` : '—';
const RATING = RATING_MEASURE as unknown as TuneMeasure<TuneMetrics>;

export const formatValue = (v: ParamValue) =>
  Array.isArray(v) ? v.join('-') : typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v);
export const formatParams = (p: Params) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join(' ');

/** Trials done of the total, how many pruned, the best validation figure so far (RMSE, accuracy…) and the ETA. */
export class TrialProgress {
  private readonly bar: SingleBar | null;
  constructor(
    total: number,
    done: number,
    tty: boolean,
    private readonly measure: TuneMeasure<TuneMetrics> = RATING,
  ) {
    this.bar = tty
      ? new SingleBar(
          {
            format: `trials |{bar}| {value}/{total} | pruned {pruned} | best val ${measure.label} {best} | ETA {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: true,
            stream: process.stderr,
            etaBuffer: 4,
          },
          Presets.shades_classic,
        )
      : null;
    this.bar?.start(total, done, { pruned: 0, best: '…' });
  }

  update(trials: TrialRecord<TuneMetrics>[]): void {
    const { measure } = this;
    const complete = trials.filter((t) => t.status === 'complete' && t.val).map((t) => t.val!);
    const best = complete.length
      ? f4(measure.value(complete.reduce((a, b) => (measure.objective(b) < measure.objective(a) ? b : a))))
      : '…';
    const pruned = trials.filter((t) => t.status === 'pruned').length;
    if (this.bar) this.bar.update(trials.length, { pruned, best });
    else {
      const last = trials[trials.length - 1];
      process.stderr.write(
        `trial ${last.number}: ${last.status}${last.val ? ` val ${measure.label} ${f4(measure.value(last.val))}` : ''}${last.note ? ` (${last.note})` : ''} — ${trials.length} done, best ${best}\n`,
      );
    }
  }

  stop(): void {
    this.bar?.stop();
  }
}

export function trialsTable<M extends TuneMetrics>(
  trials: TrialRecord<M>[],
  measure: TuneMeasure<M> = RATING as TuneMeasure<M>,
): string {
  const { label } = measure;
  const table = new Table({
    head: ['rank', 'trial', 'parameters', `val ${label} (mean ± sd)`, `train ${label}`, 'status', 'seconds'],
    style: { head: [], border: [] },
  });
  const order = { complete: 0, pruned: 1, failed: 2 };
  const score = (m: M | null) => (m ? measure.objective(m) : Infinity);
  const sorted = [...trials].sort((a, b) => order[a.status] - order[b.status] || score(a.val) - score(b.val));
  sorted.forEach((t, i) =>
    table.push([
      t.status === 'complete' ? String(i + 1) : '',
      `#${t.number}`,
      formatParams(t.params),
      pmOf(t.val, t.valStd, measure.value),
      f4(t.train ? measure.value(t.train) : undefined),
      t.status === 'failed' ? `failed: ${t.note ?? ''}` : t.status,
      t.seconds.toFixed(1),
    ]),
  );
  return table.toString();
}

/** A text classifier's search: the chosen and the default configuration's figures beside the majority class. */
export function classificationTuneSummary(
  outcome: SearchOutcome<ClassMetrics>,
  folds: number,
  measure: TuneMeasure<ClassMetrics>,
): string {
  if (!outcome.best || !outcome.default || !outcome.result) return '';
  const { best } = outcome;
  const { label, value } = measure;
  const table = new Table({
    head: [
      '',
      'parameters',
      `train ${label}`,
      `val ${label}`,
      `test accuracy (mean of ${folds})`,
      'test AUC',
      'test log loss',
    ],
    style: { head: [], border: [] },
  });
  const row = (
    name: string,
    what: string,
    final: typeof best.final | undefined,
    test: ClassMetrics,
    sd?: ClassMetrics,
  ) =>
    table.push([
      name,
      what,
      final ? f4(value(final.train)) : '',
      final ? f4(value(final.val)) : '',
      pmOf(test, sd, (m) => m.accuracy),
      pmOf(test, sd, (m) => m.auc),
      pmOf(test, sd, (m) => m.loss),
    ]);
  row(
    'chosen',
    `#${best.record.number} ${formatParams(best.record.params)}`,
    best.final,
    best.final.test,
    best.final.testStd,
  );
  row('default', 'the spec as it is', outcome.default, outcome.default.test, outcome.default.testStd);
  const majority = (best.final.baselines as { majority: ClassMetrics }).majority;
  row('baseline: majority class', '', undefined, majority);
  const r = outcome.result;
  return `${r.trials} trials (${r.pruned} pruned), ${r.strategy}, ${r.seconds.toFixed(0)} s; chosen on validation ${label} only, ${testProtocol(r)}:\n${table.toString()}`;
}

const testProtocol = (r: { refit?: boolean }) =>
  r.refit
    ? 'test measured once, each model refit on its whole training fold for the epochs its validation part chose'
    : 'test measured once';

export function tuneSummary(outcome: SearchOutcome, folds: number): string {
  if (!outcome.best || !outcome.default || !outcome.result) return '';
  const { best } = outcome;
  const table = new Table({
    head: ['', 'parameters', 'train RMSE', 'val RMSE', `test RMSE (mean of ${folds})`, 'test MAE'],
    style: { head: [], border: [] },
  });
  table.push([
    'chosen',
    `#${best.record.number} ${formatParams(best.record.params)}`,
    f4(best.final.train.rmse),
    f4(best.final.val.rmse),
    pm(best.final.test, best.final.testStd),
    f4(best.final.test.mae),
  ]);
  table.push([
    'default',
    'the spec as it is',
    f4(outcome.default.train.rmse),
    f4(outcome.default.val.rmse),
    pm(outcome.default.test, outcome.default.testStd),
    f4(outcome.default.test.mae),
  ]);
  table.push([
    'baseline: μ + bᵤ + bᵢ',
    '',
    '',
    '',
    f4(best.final.baselines.userItemBias.rmse),
    f4(best.final.baselines.userItemBias.mae),
  ]);
  const r = outcome.result;
  return `${r.trials} trials (${r.pruned} pruned), ${r.strategy}, ${r.seconds.toFixed(0)} s; chosen on validation RMSE only, ${testProtocol(r)}:\n${table.toString()}`;
}

export function compareTable(outcome: CompareOutcome): string {
  const table = new Table({
    head: [
      'model',
      'parameters',
      'train RMSE',
      'train MAE',
      'val RMSE',
      'val MAE',
      'test RMSE',
      'test MAE',
      'epochs',
      'seconds',
    ],
    style: { head: [], border: [] },
  });
  for (const m of outcome.models) {
    table.push([
      m.name,
      m.params.toLocaleString('en-US'),
      pm(m.train, m.trainStd),
      pm(m.train, m.trainStd, 'mae'),
      pm(m.val, m.valStd),
      pm(m.val, m.valStd, 'mae'),
      pm(m.test, m.testStd),
      pm(m.test, m.testStd, 'mae'),
      m.epochs.toFixed(1),
      m.seconds.toFixed(1),
    ]);
  }
  const baseline = (label: string, b: Metrics) => [label, '', '', '', '', '', f4(b.rmse), f4(b.mae), '', ''];
  table.push(baseline('baseline: global mean', outcome.baselines.globalMean));
  table.push(baseline('baseline: μ + bᵤ + bᵢ', outcome.baselines.userItemBias));
  const pairs = outcome.pairs.map((p) =>
    p.p === null
      ? `${p.a} vs ${p.b}: test RMSE differs by ${p.meanDiff.toFixed(4)} (one fold: no paired test)`
      : `${p.a} vs ${p.b}: test RMSE differs by ${p.meanDiff >= 0 ? '+' : ''}${p.meanDiff.toFixed(4)} (paired t over ${outcome.folds.length} folds, p = ${p.p.toPrecision(2)}): ${p.significant ? 'larger than the fold-to-fold noise' : 'within the fold-to-fold noise'}`,
  );
  return `${table.toString()}\n${pairs.join('\n')}`;
}
