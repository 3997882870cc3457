/**
 * "Recommend for a user": pick a user (searchable by id, with their profile), see their own
 * highest-rated items beside the model's top-N for them, change N, and ask for one item's score.
 */
import type { RatedItem, ScoredItem } from '../../src/core/predict/recommend';
import type { HostToRecommend, RecommendToHost, RunInfo } from '../../src/protocol/recommend';
import { channel } from '../common/channel';
import { count, h } from '../dashboard/dom';
import './recommend.css';

interface State {
  user?: string;
  k: number;
}

const api = channel<RecommendToHost, HostToRecommend, State>();
const state: State = api.getState() ?? { k: 10 };
let run: RunInfo | undefined;
let users = new Map<string, RunInfo['users'][number]>();

const title = h('h1', {}, 'Recommend for a user');
const facts = h('div', { class: 'facts' });
const notice = h('p', { class: 'notice', id: 'notice' });
const userInput = h('input', {
  id: 'user',
  list: 'user-list',
  placeholder: 'user id',
  'aria-label': 'user id',
  autocomplete: 'off',
  spellcheck: 'false',
});
const userList = h('datalist', { id: 'user-list' });
const kInput = h('input', {
  id: 'k',
  type: 'number',
  min: '1',
  max: '200',
  value: String(state.k),
  'aria-label': 'how many items',
});
const profile = h('span', { id: 'profile', class: 'profile' });
const error = h('p', { class: 'error', id: 'error', role: 'alert' });
const topTitle = h('h2', {}, 'Top items');
const topTable = h('div', { id: 'top' });
const timing = h('p', { class: 'timing', id: 'timing' });
const likedTable = h('div', { id: 'liked' });
const itemInput = h('input', {
  id: 'item',
  list: 'item-list',
  placeholder: 'item id',
  'aria-label': 'item id',
  autocomplete: 'off',
  spellcheck: 'false',
});
const itemList = h('datalist', { id: 'item-list' });
const prediction = h('span', { id: 'prediction', class: 'prediction' });

document
  .getElementById('app')!
  .append(
    h('header', { class: 'run-header' }, h('div', { class: 'title' }, title), facts, notice),
    h(
      'section',
      { class: 'controls' },
      h('label', {}, 'User ', userInput),
      userList,
      h('label', {}, 'Top ', kInput),
      profile,
    ),
    error,
    h(
      'div',
      { class: 'columns' },
      h('section', {}, topTitle, topTable, timing),
      h('section', {}, h('h2', {}, 'Their highest-rated items'), likedTable),
    ),
    h(
      'section',
      { class: 'one-item' },
      h('h2', {}, 'Predicted score of one item'),
      h('label', {}, 'Item ', itemInput),
      itemList,
      prediction,
    ),
  );

const scoreName = () => (run?.task === 'ranking' ? 'score' : 'predicted');
const genres = (g?: string[]) => (g ?? []).join(', ');

function table(
  id: string,
  head: string[],
  rows: (string | number)[][],
  attrs: (k: number) => Record<string, string>,
): HTMLTableElement {
  return h(
    'table',
    { id },
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', {}, t)))),
    h('tbody', {}, ...rows.map((cells, k) => h('tr', attrs(k), ...cells.map((c) => h('td', {}, c))))),
  );
}

function ask(): void {
  const user = userInput.value.trim();
  const k = Number(kInput.value);
  if (!user || !Number.isInteger(k) || k < 1) return;
  state.user = user;
  state.k = Math.min(k, 200);
  api.setState(state);
  const entry = users.get(user);
  profile.textContent = entry?.profile ?? '';
  error.textContent = '';
  api.postMessage({ type: 'recommend', user, k: state.k });
}

function askItem(): void {
  const user = userInput.value.trim();
  const item = itemInput.value.trim();
  if (user && item) api.postMessage({ type: 'predict', user, item });
}

function showRun(info: RunInfo, user?: string): void {
  run = info;
  users = new Map(info.users.map((u) => [u.id, u]));
  title.textContent = `Recommend for a user: ${info.specName}`;
  facts.replaceChildren(
    ...[
      ['run', info.runName],
      ['data', info.dataName],
      ['users', count(info.users.length)],
      ['items', count(info.items.length)],
    ].map(([label, value]) =>
      h(
        'span',
        { class: 'fact', 'data-fact': label },
        h('span', { class: 'label' }, `${label} `),
        h('span', { class: 'value' }, value),
      ),
    ),
  );
  notice.textContent = info.notice ?? '';
  userList.replaceChildren(...info.users.map((u) => h('option', { value: u.id }, u.profile ?? '')));
  itemList.replaceChildren(...info.items.map((i) => h('option', { value: i.id }, i.title ?? '')));
  userInput.value = user ?? state.user ?? info.users[0]?.id ?? '';
  ask();
}

function showTop(
  user: string,
  k: number,
  items: ScoredItem[],
  liked: RatedItem[],
  seenFiltered: boolean,
  millis: number,
): void {
  topTitle.textContent = `Top ${k} for user ${user}${seenFiltered ? ' (not yet rated)' : ''}`;
  // Data without titles (the synthetic set, a plain CSV) gets no empty title column.
  const titled = run?.items.some((i) => i.title !== undefined) ?? false;
  const label = (x: ScoredItem | RatedItem) => (titled ? [x.title ?? '', genres(x.genres)] : [genres(x.genres)]);
  const labelHead = titled ? ['title', 'genres'] : ['genres'];
  topTable.replaceChildren(
    table(
      'top-items',
      ['#', 'item', ...labelHead, scoreName()],
      items.map((x, n) => [n + 1, x.item, ...label(x), x.score.toFixed(3)]),
      (n) => ({ 'data-item': items[n].item, tabindex: '0' }),
    ),
  );
  likedTable.replaceChildren(
    liked.length
      ? table(
          'liked-items',
          ['item', ...labelHead, 'rating'],
          liked.map((x) => [x.item, ...label(x), x.rating]),
          (n) => ({ 'data-item': liked[n].item, tabindex: '0' }),
        )
      : h('p', { class: 'empty' }, "The run's data is not at hand: no ratings to show."),
  );
  timing.textContent = `answered in ${millis < 1 ? '<1' : Math.round(millis)} ms over ${count(run?.items.length)} items`;
}

userInput.addEventListener('change', ask);
kInput.addEventListener('change', ask);
itemInput.addEventListener('change', askItem);
// A click on a row of either table asks for that item's score.
for (const box of [topTable, likedTable]) {
  box.addEventListener('click', (event) => {
    const row = (event.target as HTMLElement).closest('tr[data-item]');
    if (!row) return;
    itemInput.value = row.getAttribute('data-item')!;
    askItem();
  });
}

api.onMessage((m) => {
  switch (m.type) {
    case 'run':
      return showRun(m.run, m.user);
    case 'recommendations':
      return showTop(m.user, m.k, m.items, m.liked, m.seenFiltered, m.millis);
    case 'prediction':
      prediction.textContent = `user ${m.user}, item ${m.item.item}${m.item.title ? ` (${m.item.title})` : ''}: ${scoreName()} ${m.item.score.toFixed(3)}`;
      prediction.dataset.score = String(m.item.score);
      return;
    case 'error':
      error.textContent = m.message;
      return;
  }
});
api.postMessage({ type: 'ready' });
