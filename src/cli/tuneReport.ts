/** What `ncf tune` and `ncf compare` show a person on a terminal: a progress bar over trials, then tables. */
import { SingleBar, Presets } from 'cli-progress';
import Table from 'cli-table3';
import { Metrics } from '../core/engine/events';
import { CompareOutcome } from '../core/tune/compare';
import { SearchOutcome } from '../core/tune/search';
import { Params, ParamValue } from '../core/tune/space';
import { TrialRecord } from '../core/tune/types';

const f4 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(4));
const pm = (m: Metrics | null | undefined, sd: Metrics | null | undefined, key: keyof Metrics = 'rmse') =>
  m ? `${f4(m[key])}${sd ? ` ± ${f4(sd[key])}` : ''}` : '—';

export const formatValue = (v: ParamValue) =>
  Array.isArray(v) ? v.join('-') : typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v);
export const formatParams = (p: Params) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join(' ');

/** Trials done of the total, how many pruned, the best validation RMSE so far and the ETA. */
export class TrialProgress {
  private readonly bar: SingleBar | null;
  constructor(total: number, done: number, tty: boolean) {
    this.bar = tty
      ? new SingleBar(
          {
            format: 'trials |{bar}| {value}/{total} | pruned {pruned} | best val RMSE {best} | ETA {eta_formatted}',
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

  update(trials: TrialRecord[]): void {
    const complete = trials.filter((t) => t.status === 'complete' && t.val).map((t) => t.val!.rmse);
    const best = complete.length ? f4(Math.min(...complete)) : '…';
    const pruned = trials.filter((t) => t.status === 'pruned').length;
    if (this.bar) this.bar.update(trials.length, { pruned, best });
    else {
      const last = trials[trials.length - 1];
      process.stderr.write(
        `trial ${last.number}: ${last.status}${last.val ? ` val RMSE ${f4(last.val.rmse)}` : ''}${last.note ? ` (${last.note})` : ''} — ${trials.length} done, best ${best}\n`,
      );
    }
  }

  stop(): void {
    this.bar?.stop();
  }
}

export function trialsTable(trials: TrialRecord[]): string {
  const table = new Table({
    head: ['rank', 'trial', 'parameters', 'val RMSE (mean ± sd)', 'train RMSE', 'status', 'seconds'],
    style: { head: [], border: [] },
  });
  const order = { complete: 0, pruned: 1, failed: 2 };
  const sorted = [...trials].sort(
    (a, b) => order[a.status] - order[b.status] || (a.val?.rmse ?? Infinity) - (b.val?.rmse ?? Infinity),
  );
  sorted.forEach((t, i) =>
    table.push([
      t.status === 'complete' ? String(i + 1) : '',
      `#${t.number}`,
      formatParams(t.params),
      pm(t.val, t.valStd),
      f4(t.train?.rmse),
      t.status === 'failed' ? `failed: ${t.note ?? ''}` : t.status,
      t.seconds.toFixed(1),
    ]),
  );
  return table.toString();
}

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
  return `${r.trials} trials (${r.pruned} pruned), ${r.strategy}, ${r.seconds.toFixed(0)} s; chosen on validation RMSE only, test measured once:\n${table.toString()}`;
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
