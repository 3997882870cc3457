/**
 * The training history: every saved run with its test RMSE/MAE (a ranking run's HR and NDCG, a text
 * classifier's accuracy and AUC), key settings, date and data; tick
 * two or more to compare their curves (validation RMSE solid, training RMSE dashed, per epoch) and
 * their settings side by side.
 */
import { MAX_COMPARED_RUNS, type HostToDashboard, type RunCurves, type RunSummary } from '../../src/protocol/dashboard';
import type { LineChart } from './charts';
import { fixed, h } from './dom';
import { searchesSection } from './searchesTable';
import { compareChart, compareTable } from './runComparison';
import { settingsText, TABLE_SETTINGS } from './settingsText';
import { onHostMessage, vscodeApi } from './vscode';

interface SavedState {
  view: 'history';
  selected: string[];
  compared?: RunCurves[];
}

export function startHistory(root: HTMLElement): void {
  const api = vscodeApi<SavedState>();
  const state: SavedState = api.getState() ?? { view: 'history', selected: [] };
  // A comparison saved by an older version has no settings to show: it is dropped, not half drawn.
  if (state.compared?.some((c) => !c.settings)) state.compared = undefined;
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
  const sideBySide = h('div', { class: 'side-by-side' });
  const comparison = h(
    'section',
    { class: 'comparison' },
    chartTitle,
    chartBox,
    h('h2', {}, 'Settings and results side by side'),
    sideBySide,
  );
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
    const n = state.selected.length;
    compare.disabled = n < 2;
    compare.textContent = n >= 2 ? `Compare the ${n} selected runs` : 'Select two or more runs to compare';
    compare.title = `Up to ${MAX_COMPARED_RUNS} runs at once`;
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
        state.selected = box.checked
          ? [...state.selected, r.id].slice(-MAX_COMPARED_RUNS)
          : state.selected.filter((id) => id !== r.id);
        // A few at most: ticking one more unticks the oldest, without rebuilding the table under the pointer.
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
        ...figureCells(r),
        ...TABLE_SETTINGS.map((name) => h('td', { 'data-setting': name }, settingsText(r.settings)[name])),
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
            ...['', 'spec', 'data', 'date', 'test RMSE', 'test MAE', ...TABLE_SETTINGS, 'epochs', 'backend', 'run'].map(
              (t) => h('th', {}, t),
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
    chart?.destroy();
    chart = compareChart(chartBox, curves);
    sideBySide.replaceChildren(compareTable(curves));
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

/** The two test figures of a run's row, in its task's terms (the columns are headed by the rating ones). */
function figureCells(r: RunSummary): HTMLElement[] {
  if (r.ranking)
    return [
      h('td', {}, `HR@${r.ranking.k} ${fixed(r.ranking.hr)}`),
      h('td', {}, `NDCG@${r.ranking.k} ${fixed(r.ranking.ndcg)}`),
    ];
  if (r.classification)
    return [
      h('td', { 'data-figure': 'accuracy' }, `accuracy ${fixed(r.classification.accuracy)}`),
      h('td', { 'data-figure': 'auc' }, `AUC ${fixed(r.classification.auc)}`),
    ];
  return [h('td', {}, fixed(r.test?.rmse)), h('td', {}, fixed(r.test?.mae))];
}
