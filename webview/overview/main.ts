/**
 * "Dataset overview": the rating histogram, ratings per user and per item on log scales (the long
 * tail), mean rating per genre, and a table of the numbers.
 */
import 'uplot/dist/uPlot.min.css';
import uPlot from 'uplot';
import type { DatasetOverview, GroupMean, LongTail } from '../../src/core/data/describe';
import type { HostToOverview, OverviewToHost } from '../../src/protocol/overview';
import { channel } from '../common/channel';
import { palette } from '../dashboard/charts';
import { count, h } from '../dashboard/dom';
import { barChart, longTailChart } from './charts';
import './overview.css';

const api = channel<OverviewToHost, HostToOverview, undefined>();
const title = h('h1', {}, 'Dataset overview');
const status = h('p', { class: 'status-line', id: 'status' });
const another = h('button', { id: 'pick', class: 'secondary' }, 'Another dataset…');
another.addEventListener('click', () => api.postMessage({ type: 'pickData' }));
const facts = h('div', { class: 'facts', id: 'facts' });
const charts = h('div', { class: 'charts', id: 'charts' });
const numbers = h('section', { id: 'numbers' });
document
  .getElementById('app')!
  .append(
    h(
      'header',
      { class: 'run-header' },
      h('div', { class: 'title' }, title),
      status,
      facts,
      h('div', { class: 'actions' }, another),
    ),
    charts,
    numbers,
  );
let plots: uPlot[] = [];

const fixed = (x: number, digits = 2) => (Number.isInteger(x) ? count(x) : x.toFixed(digits));
const percent = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 3 : 1)} %`;

function figure(id: string, caption: string): HTMLElement {
  const box = h('div', { class: 'chart', id });
  charts.append(h('figure', {}, h('figcaption', {}, caption), box));
  return box;
}

function table(id: string, head: string[], rows: (string | number)[][]): HTMLTableElement {
  return h(
    'table',
    { id },
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', {}, t)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
  );
}

const groupRows = (groups: GroupMean[]) =>
  groups.map((g) => [g.group, count(g.members), count(g.ratings), g.mean.toFixed(3)]);

function show(label: string, o: DatasetOverview, tail: LongTail): void {
  for (const p of plots) p.destroy();
  plots = [];
  charts.replaceChildren();
  title.textContent = `Dataset overview: ${o.name}`;
  status.textContent = label === o.name ? '' : label;
  facts.replaceChildren(
    ...[
      ['users', count(o.users)],
      ['items', count(o.items)],
      ['ratings', count(o.ratings)],
      ['density', percent(o.density)],
      ['mean rating', o.meanRating.toFixed(3)],
    ].map(([name, value]) =>
      h(
        'span',
        { class: 'fact', 'data-fact': name },
        h('span', { class: 'label' }, `${name} `),
        h('span', { class: 'value' }, value),
      ),
    ),
  );
  const c = palette();
  const histogram = Object.entries(o.histogram).sort(([a], [b]) => parseFloat(a) - parseFloat(b));
  plots.push(
    barChart(
      figure('chart-histogram', 'Ratings by value'),
      histogram.map(([v]) => v),
      histogram.map(([, n]) => n),
      { xLabel: 'rating', yLabel: 'ratings', color: c.blue },
    ),
  );
  plots.push(
    longTailChart(figure('chart-per-user', 'Ratings per user, most active first (log–log)'), tail.perUser, {
      xLabel: 'user rank',
      yLabel: 'ratings',
      color: c.green,
    }),
  );
  plots.push(
    longTailChart(
      figure(
        'chart-per-item',
        `Ratings per item, most rated first (log–log): the top 10 % hold ${percent(o.perItem.top10Share)}`,
      ),
      tail.perItem,
      { xLabel: 'item rank', yLabel: 'ratings', color: c.orange },
    ),
  );
  if (o.byGenre?.length) {
    plots.push(
      barChart(
        figure('chart-genres', 'Mean rating per genre'),
        o.byGenre.map((g) => g.group),
        o.byGenre.map((g) => g.mean),
        { xLabel: 'genre', yLabel: 'mean rating', color: c.purple, yRange: o.ratingRange },
      ),
    );
  }
  const parts: HTMLElement[] = [
    h('h2', {}, 'The numbers'),
    table(
      'spread',
      ['ratings', 'min', 'median', 'mean', 'max'],
      [
        ['per user', fixed(o.perUser.min), fixed(o.perUser.median), fixed(o.perUser.mean), fixed(o.perUser.max)],
        ['per item', fixed(o.perItem.min), fixed(o.perItem.median), fixed(o.perItem.mean), fixed(o.perItem.max)],
      ],
    ),
    table(
      'histogram',
      ['rating', 'ratings', 'share'],
      histogram.map(([v, n]) => [v, count(n), percent(n / o.ratings)]),
    ),
  ];
  if (o.byGenre?.length)
    parts.push(table('genres', ['genre', 'items', 'ratings', 'mean rating'], groupRows(o.byGenre)));
  if (o.byGender?.length)
    parts.push(table('genders', ['gender', 'users', 'ratings', 'mean rating'], groupRows(o.byGender)));
  numbers.replaceChildren(...parts);
}

api.onMessage((m) => {
  if (m.type === 'loading') {
    status.textContent = `loading ${m.label}…`;
  } else if (m.type === 'error') {
    status.textContent = '';
    numbers.replaceChildren(h('p', { class: 'error', role: 'alert' }, `${m.label}: ${m.message}`));
  } else show(m.label, m.overview, m.tail);
});
api.postMessage({ type: 'ready' });
