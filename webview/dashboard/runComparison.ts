/**
 * The history's comparison of two or more runs: their RMSE curves on one chart (validation solid,
 * training dashed, one colour per run, labelled by spec name and run) and their settings and
 * results side by side, with the rows where they differ marked.
 */
import type { RunCurves } from '../../src/protocol/dashboard';
import { ChartData, LineChart, palette } from './charts';
import { fixed, h } from './dom';
import { settingsText } from './settingsText';

export function comparisonColors(): string[] {
  const c = palette();
  return [c.blue, c.orange, c.green, c.red, c.purple, c.yellow];
}

/** Draws `curves` into `box` and returns the chart (the caller destroys the previous one). */
export function compareChart(box: HTMLElement, curves: RunCurves[]): LineChart {
  const colors = comparisonColors();
  const chart = new LineChart(
    box,
    'epoch',
    curves.flatMap((run, i) => [
      { label: `${run.label} validation`, color: colors[i % colors.length], points: true },
      { label: `${run.label} train`, color: colors[i % colors.length], dash: [4, 4] },
    ]),
  );
  // The runs may have trained different numbers of epochs: one x axis, gaps where a run has none.
  const epochs = Math.max(...curves.map((r) => r.history.length));
  const xs = Array.from({ length: epochs }, (_, i) => i + 1);
  const data: ChartData = [
    xs,
    ...curves.flatMap((run) => [
      xs.map((x) => run.history[x - 1]?.val?.rmse ?? null),
      xs.map((x) => run.history[x - 1]?.train.rmse ?? null),
    ]),
  ];
  chart.setData(data);
  return chart;
}

/** One column per run: what it is, how it scored, and how it was set up. */
export function compareTable(curves: RunCurves[]): HTMLTableElement {
  const colors = comparisonColors();
  const rows: [string, string[]][] = [
    ['spec', curves.map((r) => r.specName)],
    ['data', curves.map((r) => r.dataName)],
    ['test RMSE', curves.map((r) => fixed(r.test?.rmse))],
    ['test MAE', curves.map((r) => fixed(r.test?.mae))],
    ['best epoch', curves.map((r) => (r.bestEpoch === undefined ? '–' : String(r.bestEpoch)))],
    ['epochs run', curves.map((r) => String(r.history.length))],
  ];
  const settings = curves.map((r) => settingsText(r.settings));
  for (const name of Object.keys(settings[0] ?? {}) as (keyof (typeof settings)[0])[])
    rows.push([name, settings.map((s) => s[name])]);
  return h(
    'table',
    { id: 'compare-settings' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, ''),
        ...curves.map((r, i) =>
          h('th', { scope: 'col', 'data-run': r.id }, swatch(colors[i % colors.length]), r.label),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map(([name, values]) =>
        h(
          'tr',
          { 'data-setting': name, class: new Set(values).size > 1 ? 'differs' : undefined },
          h('th', { scope: 'row' }, name),
          ...values.map((v) => h('td', {}, v)),
        ),
      ),
    ),
  );
}

/** Set through the CSSOM: the page's CSP forbids inline style attributes. */
function swatch(color: string): HTMLElement {
  const el = h('span', { class: 'swatch' });
  el.style.background = color;
  return el;
}
