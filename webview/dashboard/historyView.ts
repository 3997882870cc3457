/**
 * The training history: every saved run with its test RMSE/MAE, date and data; tick two to
 * compare their curves (validation RMSE solid, training RMSE dashed, per epoch).
 */
import type { HostToDashboard, RunCurves, RunSummary } from '../../src/protocol/dashboard';
import { ChartData, LineChart, palette } from './charts';
import { fixed, h } from './dom';
import { searchesSection } from './searchesTable';
import { onHostMessage, vscodeApi } from './vscode';

interface SavedState {
  view: 'history';
  selected: string[];
  compared?: RunCurves[];
}

export function startHistory(root: HTMLElement): void {
  const api = vscodeApi<SavedState>();
  const state: SavedState = api.getState() ?? { view: 'history', selected: [] };
  let runs: RunSummary[] = [];
  let folder = '';
  const save = () => api.setState(state);

  const refresh = h('button', { id: 'refresh', class: 'secondary' }, 'Refresh');
  refresh.addEventListener('click', () => api.postMessage({ type: 'refreshHistory' }));
  const compare = h('button', { id: 'compare' }, 'Compare');
  compare.addEventListener('click', () => api.postMessage({ type: 'compare', runIds: state.selected }));
  const recommend = h('button', { id: 'recommend', class: 'secondary' }, 'Recommend for a user…');
  recommend.addEventListener(
    'click',
    () => state.selected.length === 1 && api.postMessage({ type: 'recommend', runId: state.selected[0] }),
  );
  const where = h('p', { class: 'folder' });
  const table = h('section', { class: 'runs' });
  const searches = h('section', { class: 'searches' });
  const chartTitle = h('h2', {});
  const chartBox = h('div', { class: 'chart', id: 'chart-compare' });
  const comparison = h('section', { class: 'comparison' }, chartTitle, chartBox);
  root.append(
    h(
      'header',
      { class: 'run-header' },
      h('div', { class: 'title' }, h('h1', {}, 'Training history')),
      where,
      h('div', { class: 'actions' }, compare, recommend, refresh),
    ),
    table,
    comparison,
    searches,
  );
  let chart: LineChart | undefined;

  const renderCompareButton = () => {
    compare.disabled = state.selected.length !== 2;
    compare.textContent = state.selected.length === 2 ? 'Compare the two selected runs' : 'Select two runs to compare';
    recommend.disabled = state.selected.length !== 1;
    recommend.title =
      state.selected.length === 1
        ? `Ask ${state.selected[0]} for a user's top items`
        : 'Select one run to ask for recommendations';
  };
  const boxes = new Map<string, HTMLInputElement>();

  const renderTable = () => {
    where.textContent = `Runs in ${folder}`;
    renderCompareButton();
    boxes.clear();
    if (!runs.length)
      return void table.replaceChildren(
        h('p', { class: 'empty' }, 'No saved runs yet. Train a model with "NCF: Train NCF model".'),
      );
    const row = (r: RunSummary) => {
      const box = h('input', {
        type: 'checkbox',
        'aria-label': `select ${r.id}`,
        checked: state.selected.includes(r.id),
      });
      boxes.set(r.id, box);
      box.addEventListener('change', () => {
        state.selected = box.checked ? [...state.selected, r.id].slice(-2) : state.selected.filter((id) => id !== r.id);
        // Two at most: ticking a third unticks the oldest, without rebuilding the table under the pointer.
        for (const [id, other] of boxes) other.checked = state.selected.includes(id);
        save();
        renderCompareButton();
      });
      return h(
        'tr',
        { 'data-run': r.id },
        h('td', {}, box),
        h('td', {}, r.specName),
        h('td', {}, r.dataName),
        h('td', {}, new Date(r.date).toLocaleString()),
        ...(r.ranking
          ? [
              h('td', {}, `HR@${r.ranking.k} ${fixed(r.ranking.hr)}`),
              h('td', {}, `NDCG@${r.ranking.k} ${fixed(r.ranking.ndcg)}`),
            ]
          : [h('td', {}, fixed(r.test?.rmse)), h('td', {}, fixed(r.test?.mae))]),
        h('td', {}, r.epochs ?? '–'),
        h('td', {}, r.cancelled ? 'stopped' : (r.backend ?? '')),
        h('td', { class: 'id' }, r.id),
      );
    };
    table.replaceChildren(
      h(
        'table',
        { id: 'runs' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['', 'spec', 'data', 'date', 'test RMSE', 'test MAE', 'epochs', 'backend', 'run'].map((t) =>
              h('th', {}, t),
            ),
          ),
        ),
        h('tbody', {}, ...runs.map(row)),
      ),
    );
  };

  const renderComparison = () => {
    const curves = state.compared ?? [];
    comparison.hidden = curves.length === 0;
    if (!curves.length) return;
    chartTitle.textContent = `RMSE per epoch: ${curves.map((c) => c.label).join(' vs ')}`;
    const c = palette();
    const colors = [c.blue, c.orange];
    chart?.destroy();
    chart = new LineChart(
      chartBox,
      'epoch',
      curves.flatMap((run, i) => [
        { label: `${run.id} validation`, color: colors[i], points: true },
        { label: `${run.id} train`, color: colors[i], dash: [4, 4] },
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
  };

  onHostMessage((message: HostToDashboard) => {
    if (message.type === 'history') {
      runs = message.runs;
      folder = message.folder;
      state.selected = state.selected.filter((id) => runs.some((r) => r.id === id));
      save();
      renderTable();
      searches.replaceChildren(...searchesSection(message.searches ?? []));
    } else if (message.type === 'compare') {
      state.compared = message.runs;
      save();
      renderComparison();
    }
  });

  renderTable();
  renderComparison();
  api.postMessage({ type: 'ready', view: 'history' });
}
