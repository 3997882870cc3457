/**
 * The Compare page: a grouped bar chart of train, validation and test RMSE per model with the two
 * baselines as horizontal lines — the bias–variance picture — then the table and the paired tests.
 */
import type { CompareOutcome } from '../../src/core/tune/compare';
import type { HostToTunePage } from '../../src/protocol/tuneView';
import { palette } from '../dashboard/charts';
import { fixed, h } from '../dashboard/dom';
import { onHostMessage, toHost } from './host';

const SVG = 'http://www.w3.org/2000/svg';
function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The bar chart, drawn as SVG: three bars per model, the baselines across the whole width. */
export function barChart(outcome: CompareOutcome): SVGSVGElement {
  const p = palette();
  const kinds = [
    { key: 'train', label: 'train', color: p.blue },
    { key: 'val', label: 'validation', color: p.orange },
    { key: 'test', label: 'test', color: p.green },
  ] as const;
  const lines = [
    { label: 'global mean', value: outcome.baselines.globalMean.rmse, color: p.red },
    { label: 'μ + bᵤ + bᵢ', value: outcome.baselines.userItemBias.rmse, color: p.purple },
  ];
  const width = Math.max(480, 140 * outcome.models.length + 160);
  const height = 300;
  const [left, top, bottom] = [56, 24, 40];
  const values = outcome.models.flatMap((m) => kinds.map((k) => m[k.key].rmse)).concat(lines.map((l) => l.value));
  // Bars start from a floor below the smallest value, so differences of a few thousandths show.
  const lo = Math.max(0, Math.floor((Math.min(...values) - 0.05) * 20) / 20);
  const hi = Math.ceil((Math.max(...values) + 0.02) * 20) / 20;
  const y = (v: number) => top + ((hi - v) / (hi - lo)) * (height - top - bottom);
  const svg = s('svg', {
    width,
    height,
    class: 'bars',
    role: 'img',
    'aria-label': 'train, validation and test RMSE per model, with the baselines',
  });
  for (let k = 0; k <= 4; k++) {
    const v = lo + ((hi - lo) * k) / 4;
    svg.append(
      s('line', { x1: left, x2: width - 150, y1: y(v), y2: y(v), stroke: p.grid }),
      s('text', { x: 4, y: y(v) + 4 }, v.toFixed(3)),
    );
  }
  const group = (width - 150 - left) / outcome.models.length;
  outcome.models.forEach((m, i) => {
    const x0 = left + i * group + group * 0.15;
    const bar = (group * 0.7) / kinds.length;
    kinds.forEach((k, j) => {
      const v = m[k.key].rmse;
      svg.append(
        s(
          'rect',
          {
            x: x0 + j * bar,
            y: y(v),
            width: bar - 2,
            height: y(lo) - y(v),
            fill: k.color,
            'data-model': m.name,
            'data-kind': k.key,
          },
          undefined,
        ),
      );
    });
    svg.append(s('text', { x: x0, y: height - bottom + 16 }, m.name));
  });
  for (const l of lines) {
    svg.append(
      s('line', {
        x1: left,
        x2: width - 150,
        y1: y(l.value),
        y2: y(l.value),
        stroke: l.color,
        'stroke-dasharray': '6 3',
        'stroke-width': 2,
        'data-baseline': l.label,
      }),
    );
  }
  [
    ...kinds.map((k) => ({ label: `${k.label} RMSE`, color: k.color })),
    ...lines.map((l) => ({ label: `baseline: ${l.label}`, color: l.color })),
  ].forEach((item, i) => {
    svg.append(
      s('rect', { x: width - 140, y: top + i * 18, width: 10, height: 10, fill: item.color }),
      s('text', { x: width - 124, y: top + i * 18 + 9 }, item.label),
    );
  });
  return svg;
}

export function startCompare(root: HTMLElement): void {
  root.append(h('p', { class: 'status', id: 'status' }, 'training every model on the same folds with the same seed…'));
  onHostMessage((m: HostToTunePage) => {
    if (m.type !== 'compare') return;
    const o = m.outcome;
    type M = { rmse: number; mae: number };
    const pm = (x: M, sd: M, key: keyof M) => `${fixed(x[key])} ± ${fixed(sd[key])}`;
    const baseline = (label: string, b: M) =>
      h(
        'tr',
        {},
        h('td', {}, label),
        ...Array.from({ length: 5 }, () => h('td', {})),
        h('td', {}, fixed(b.rmse)),
        h('td', {}, fixed(b.mae)),
        h('td', {}),
        h('td', {}),
      );
    const heads = ['model', 'parameters', 'train RMSE', 'train MAE', 'val RMSE', 'val MAE', 'test RMSE', 'test MAE'];
    root.replaceChildren(
      h('h2', {}, `Compare on ${o.data} (${o.split}: ${o.folds.join(', ')}), seed ${o.seed}`),
      h('div', { id: 'bars' }, barChart(o)),
      h(
        'table',
        { class: 'data', id: 'compare-table' },
        h('tr', {}, ...[...heads, 'epochs', 'seconds'].map((t) => h('th', {}, t))),
        ...o.models.map((x) =>
          h(
            'tr',
            { 'data-model': x.name },
            h('td', {}, x.name),
            h('td', {}, x.params.toLocaleString('en-US')),
            h('td', {}, pm(x.train, x.trainStd, 'rmse')),
            h('td', {}, pm(x.train, x.trainStd, 'mae')),
            h('td', {}, pm(x.val, x.valStd, 'rmse')),
            h('td', {}, pm(x.val, x.valStd, 'mae')),
            h('td', {}, pm(x.test, x.testStd, 'rmse')),
            h('td', {}, pm(x.test, x.testStd, 'mae')),
            h('td', {}, x.epochs.toFixed(1)),
            h('td', {}, x.seconds.toFixed(1)),
          ),
        ),
        baseline('baseline: global mean', o.baselines.globalMean),
        baseline('baseline: μ + bᵤ + bᵢ', o.baselines.userItemBias),
      ),
      h(
        'ul',
        { id: 'pairs' },
        ...o.pairs.map((p) =>
          h(
            'li',
            { class: p.significant ? 'significant' : '' },
            `${p.a} − ${p.b}: ${p.meanDiff >= 0 ? '+' : ''}${p.meanDiff.toFixed(4)} test RMSE; ${p.p === null ? 'one fold, no paired test' : `paired t-test over ${o.folds.length} folds p = ${p.p.toPrecision(2)}: ${p.significant ? 'larger than the fold-to-fold noise' : 'within the fold-to-fold noise'}`}`,
          ),
        ),
      ),
    );
  });
  toHost({ type: 'ready' });
}
