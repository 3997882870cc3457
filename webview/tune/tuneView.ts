/**
 * The Tune page: the form (fields of the spec with prefilled ranges, strategy, trials, data), then
 * the search live — a sortable table of trials, validation RMSE per trial with the best so far, one
 * small chart per searched parameter — and, at the end, the chosen configuration with Apply best.
 */
import type { FormField, HostToTunePage, TuneForm } from '../../src/protocol/tuneView';
import type { ParamDef, ParamValue } from '../../src/core/tune/space';
import type { TrialRecord, TuneResult } from '../../src/core/tune/types';
import { LineChart, gaps, palette } from '../dashboard/charts';
import { fixed, h, perFrame } from '../dashboard/dom';
import { onHostMessage, toHost } from './host';
import { ScatterChart } from './scatter';

const show = (v: ParamValue | undefined) =>
  v === undefined
    ? '–'
    : Array.isArray(v)
      ? v.join('-')
      : typeof v === 'number'
        ? String(Number(v.toPrecision(3)))
        : String(v);

type SortKey = 'number' | 'val' | 'train' | 'seconds' | 'status' | `param:${string}`;

export function startTune(root: HTMLElement): void {
  let space: ParamDef[] = [];
  let trials: TrialRecord[] = [];
  let result: TuneResult | null = null;
  let sort: { key: SortKey; ascending: boolean } = { key: 'val', ascending: true };
  let trialsChart: LineChart | null = null;
  const paramCharts = new Map<string, ScatterChart>();

  const formSection = h('section', { id: 'form' });
  const runSection = h('section', { id: 'run', hidden: true });
  const status = h('div', { id: 'status', class: 'status' });
  const cancel = h('button', { id: 'cancel', class: 'secondary' }, 'Cancel');
  const chartsBox = h('div', { class: 'charts' });
  const trialsChartBox = h(
    'div',
    { class: 'chart', id: 'trials-chart' },
    h('h3', {}, 'validation RMSE per trial, and the best so far'),
  );
  const table = h('table', { class: 'data', id: 'trials-table' });
  const summary = h('div', { id: 'summary', class: 'summary' });
  cancel.addEventListener('click', () => toHost({ type: 'cancel' }));
  chartsBox.append(trialsChartBox);
  runSection.append(h('h2', {}, 'Trials'), status, cancel, summary, chartsBox, table);
  root.append(formSection, runSection);

  function renderForm(f: TuneForm): void {
    const rows = f.fields.map((field: FormField, i) => {
      const box = h('input', { type: 'checkbox', id: `field-${i}`, checked: field.search });
      const values = h('input', {
        type: 'text',
        id: `values-${i}`,
        value: field.values,
        'aria-label': `values of ${field.name}`,
      });
      box.addEventListener('change', () => (field.search = box.checked));
      values.addEventListener('input', () => (field.values = values.value));
      return h(
        'tr',
        {},
        h('td', {}, box),
        h('td', {}, h('label', { for: `field-${i}` }, field.name)),
        h('td', {}, values),
      );
    });
    const input = (id: string, label: string, value: string | number, set: (v: string) => void, type = 'text') => {
      const el = h('input', { id, type, value: String(value) });
      el.addEventListener('input', () => set(el.value));
      return h('label', {}, label, el);
    };
    const strategy = h(
      'select',
      { id: 'strategy' },
      ...['tpe', 'random', 'grid'].map((s) => h('option', { value: s, selected: s === f.strategy }, s)),
    );
    strategy.addEventListener('change', () => (f.strategy = strategy.value as TuneForm['strategy']));
    const start = h('button', { id: 'start' }, 'Start search');
    start.addEventListener('click', () => {
      start.disabled = true;
      toHost({ type: 'start', form: f });
    });
    formSection.replaceChildren(
      h('h2', {}, `Tune ${f.specName}`),
      h(
        'p',
        {},
        'Fields to search and their values: a list (16,32,64), int:8..64, log:1e-4..1e-2 or uniform:0..0.5. Selection uses validation RMSE only; the test RMSE of the choice is measured once, at the end, of the model refit on the whole training fold.',
      ),
      h(
        'table',
        { class: 'form-table' },
        h('tr', {}, h('th', {}, 'search'), h('th', {}, 'field'), h('th', {}, 'values')),
        ...rows,
      ),
      h(
        'div',
        { class: 'settings' },
        h('label', {}, 'strategy', strategy),
        input('trials', 'trials', f.trials, (v) => (f.trials = Math.max(1, Math.round(Number(v)) || 1)), 'number'),
        input('jobs', 'parallel jobs', f.jobs, (v) => (f.jobs = Math.max(1, Math.round(Number(v)) || 1)), 'number'),
        input('data', 'data', f.data, (v) => (f.data = v)),
        input('split', 'folds', f.split, (v) => (f.split = v)),
      ),
      start,
    );
  }

  const value = (t: TrialRecord, key: SortKey): number | string => {
    if (key === 'val') return t.status === 'complete' && t.val ? t.val.rmse : Infinity;
    if (key === 'train') return t.train?.rmse ?? Infinity;
    if (key === 'number' || key === 'seconds' || key === 'status') return t[key];
    const v = t.params[key.slice('param:'.length)];
    return Array.isArray(v) ? v.reduce((a, b) => a + b, 0) : (v as number | string);
  };

  function renderTable(): void {
    const best = [...trials]
      .filter((t) => t.status === 'complete' && t.val)
      .sort((a, b) => a.val!.rmse - b.val!.rmse)[0];
    const sorted = [...trials].sort((a, b) => {
      const x = value(a, sort.key);
      const y = value(b, sort.key);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return (sort.ascending ? c : -c) || a.number - b.number;
    });
    const th = (key: SortKey, label: string) => {
      const cell = h(
        'th',
        { 'data-sort': key, 'aria-sort': sort.key === key ? (sort.ascending ? 'ascending' : 'descending') : undefined },
        label + (sort.key === key ? (sort.ascending ? ' ▲' : ' ▼') : ''),
      );
      cell.addEventListener('click', () => {
        sort = { key, ascending: sort.key === key ? !sort.ascending : true };
        renderTable();
      });
      return cell;
    };
    table.replaceChildren(
      h(
        'tr',
        {},
        th('number', 'trial'),
        ...space.map((p) => th(`param:${p.name}`, p.name)),
        th('val', 'val RMSE (mean ± sd)'),
        th('train', 'train RMSE'),
        th('status', 'status'),
        th('seconds', 'seconds'),
      ),
      ...sorted.map((t) =>
        h(
          'tr',
          { class: t === best ? 'best' : t.status, 'data-trial': String(t.number) },
          h('td', {}, `#${t.number}`),
          ...space.map((p) => h('td', {}, show(t.params[p.name]))),
          h('td', {}, t.val ? `${fixed(t.val.rmse)} ± ${fixed(t.valStd?.rmse)}` : '–'),
          h('td', {}, fixed(t.train?.rmse)),
          h('td', {}, t.status === 'failed' ? `failed: ${t.note ?? ''}` : t.status),
          h('td', {}, t.seconds.toFixed(1)),
        ),
      ),
    );
  }

  function renderCharts(): void {
    const ordered = [...trials].sort((a, b) => a.number - b.number);
    let best = Infinity;
    const vals = ordered.map((t) => (t.status === 'complete' && t.val ? t.val.rmse : null));
    const bestSoFar = vals.map((v) =>
      v === null ? (Number.isFinite(best) ? best : null) : (best = Math.min(best, v)),
    );
    trialsChart ??= new LineChart(trialsChartBox, 'trial', [
      { label: 'val RMSE', color: palette().blue, points: true },
      { label: 'best so far', color: palette().green },
    ]);
    trialsChart.setData([ordered.map((t) => t.number), gaps(vals), gaps(bestSoFar)]);
    for (const def of space) {
      let chart = paramCharts.get(def.name);
      if (!chart) {
        const box = h('div', { class: 'chart', 'data-param': def.name }, h('h3', {}, `${def.name} against val RMSE`));
        chartsBox.append(box);
        chart = new ScatterChart(
          box,
          def.name,
          def.kind === 'log',
          def.kind === 'choice' ? def.values.map(show) : undefined,
        );
        paramCharts.set(def.name, chart);
      }
      const x = (v: ParamValue) =>
        def.kind === 'choice' ? def.values.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) : (v as number);
      chart.setPoints(
        ordered
          .filter((t) => t.status === 'complete' && t.val)
          .map((t) => ({ x: x(t.params[def.name]), y: t.val!.rmse })),
      );
    }
  }

  const redraw = perFrame(() => {
    renderTable();
    renderCharts();
  });

  function renderResult(r: TuneResult, canApply: boolean): void {
    const apply = h('button', { id: 'apply', disabled: !canApply }, 'Apply best');
    apply.addEventListener('click', () => toHost({ type: 'applyBest' }));
    summary.replaceChildren(
      h(
        'div',
        {},
        `Chosen (${r.trials} trials, ${r.pruned} pruned, ${r.strategy}): ${Object.entries(r.best.params)
          .map(([k, v]) => `${k}=${show(v)}`)
          .join(', ')}`,
      ),
      h(
        'table',
        { class: 'data', id: 'result-table' },
        h(
          'tr',
          {},
          h('th', {}, ''),
          h('th', {}, 'val RMSE'),
          h('th', {}, 'test RMSE (measured once)'),
          h('th', {}, 'test MAE'),
        ),
        h(
          'tr',
          {},
          h('td', {}, 'chosen'),
          h('td', {}, fixed(r.best.val.rmse)),
          h('td', {}, fixed(r.best.test.rmse)),
          h('td', {}, fixed(r.best.test.mae)),
        ),
        h(
          'tr',
          {},
          h('td', {}, 'default'),
          h('td', {}, fixed(r.default.val.rmse)),
          h('td', {}, fixed(r.default.test.rmse)),
          h('td', {}, fixed(r.default.test.mae)),
        ),
      ),
      h('p', {}, apply, h('span', { id: 'applied' })),
    );
  }

  onHostMessage((m: HostToTunePage) => {
    if (m.type === 'form') renderForm(m.form);
    else if (m.type === 'started') {
      space = m.space;
      runSection.hidden = false;
      status.textContent = `searching ${m.trials} trials on ${m.folds.length} folds (${m.folds.join(', ')}); trials are saved in ${m.outDir}`;
      redraw();
    } else if (m.type === 'trial') {
      trials = [...trials.filter((t) => t.number !== m.trial.number), m.trial];
      redraw();
    } else if (m.type === 'status') {
      status.textContent = m.text;
      cancel.disabled = !m.running;
      if (!m.running && !result)
        (document.getElementById('start') as HTMLButtonElement | null)?.removeAttribute('disabled');
    } else if (m.type === 'result') renderResult((result = m.result), m.canApply);
    else if (m.type === 'applied') document.getElementById('applied')!.textContent = ` ${m.text}`;
  });
  toHost({ type: 'ready' });
}
