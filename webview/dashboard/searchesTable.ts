/**
 * The searches in the training history: each hyperparameter search of the workspace with its
 * progress, the best validation RMSE, and — once it ended — the test RMSE of the chosen and the
 * default configuration, measured once.
 */
import type { SearchSummary } from '../../src/protocol/tuneView';
import { fixed, h } from './dom';

export function searchesSection(searches: SearchSummary[]): HTMLElement[] {
  if (!searches.length) return [];
  const row = (s: SearchSummary) =>
    h(
      'tr',
      { 'data-search': s.id },
      h('td', {}, s.specName),
      h('td', {}, s.dataName),
      h('td', {}, s.split),
      h('td', {}, new Date(s.date).toLocaleString()),
      h('td', {}, s.strategy),
      h('td', {}, `${s.trialsDone}/${s.trialsPlanned}${s.pruned ? ` (${s.pruned} pruned)` : ''}`),
      h('td', {}, fixed(s.bestVal)),
      h('td', {}, fixed(s.bestTest?.rmse)),
      h('td', {}, fixed(s.defaultTest?.rmse)),
      h('td', {}, s.finished ? 'finished' : 'stopped or running'),
      h('td', { class: 'id' }, s.id),
    );
  const head = [
    'spec',
    'data',
    'folds',
    'date',
    'strategy',
    'trials',
    'best val RMSE',
    'chosen test RMSE',
    'default test RMSE',
    'status',
    'search',
  ];
  return [
    h('h2', {}, 'Hyperparameter searches'),
    h(
      'table',
      { id: 'searches' },
      h('thead', {}, h('tr', {}, ...head.map((t) => h('th', {}, t)))),
      h('tbody', {}, ...searches.map(row)),
    ),
  ];
}
