/** A few DOM helpers: the pages are small enough to build by hand. */

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === undefined) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children)
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const fixed = (x: number | undefined | null, digits = 4) =>
  x === undefined || x === null || !Number.isFinite(x) ? '–' : x.toFixed(digits);
export const count = (x: number | undefined) => (x === undefined ? '–' : Math.round(x).toLocaleString('en-US'));

/** Calls `fn` at most once per animation frame, however many updates arrive. */
export function perFrame(fn: () => void): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      fn();
    });
  };
}

interface EpochRow {
  epoch: number;
  loss: number;
  examplesPerSec: number;
  seconds: number;
}

/**
 * The Epochs table of a run into `section` (emptied while there is no epoch): each epoch's number and
 * loss, the task's `figures` under `heads`, then its speed and time.
 */
export function renderEpochTable<E extends EpochRow>(
  section: HTMLElement,
  history: E[],
  heads: string[],
  figures: (e: E) => (number | undefined | null)[],
): void {
  if (!history.length) return void section.replaceChildren();
  section.replaceChildren(
    h('h2', {}, 'Epochs'),
    h(
      'table',
      { id: 'epochs' },
      h('thead', {}, h('tr', {}, ...['epoch', 'loss', ...heads, 'examples/s', 'seconds'].map((t) => h('th', {}, t)))),
      h(
        'tbody',
        {},
        ...history.map((e) =>
          h(
            'tr',
            { 'data-epoch': String(e.epoch) },
            h('td', {}, e.epoch),
            ...[e.loss, ...figures(e)].map((x) => h('td', {}, fixed(x))),
            h('td', {}, count(e.examplesPerSec)),
            h('td', {}, fixed(e.seconds, 1)),
          ),
        ),
      ),
    ),
  );
}
