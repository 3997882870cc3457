/**
 * What the dashboard shows of a ranking run in place of RMSE and MAE: validation HR@K and NDCG@K
 * per epoch with ItemPop (on the test items) as a reference line, the epochs, and the final table of
 * both protocols beside ItemPop and random.
 */
import type { RankingMetrics } from '../../src/core/ranking/events';
import type { RankingSnapshot } from '../../src/protocol/dashboard';
import { LineChart, palette } from './charts';
import { count, fixed, h, renderEpochTable } from './dom';

export class RankingPanel {
  /** The charts; the caller places it where the rating charts would be. */
  readonly charts: HTMLElement;
  readonly epochs = h('section', { class: 'epochs', id: 'ranking-epochs' });
  readonly metrics = h('section', { class: 'metrics', id: 'ranking-metrics' });
  private readonly hrBox = h('div', { class: 'chart', id: 'chart-hr' });
  private readonly ndcgBox = h('div', { class: 'chart', id: 'chart-ndcg' });
  private readonly hrCaption = h('figcaption', {}, 'HR@K per epoch');
  private readonly ndcgCaption = h('figcaption', {}, 'NDCG@K per epoch');
  private hr: LineChart | undefined;
  private ndcg: LineChart | undefined;

  constructor() {
    this.charts = h(
      'section',
      { class: 'charts', id: 'ranking-charts' },
      h('figure', {}, this.hrCaption, this.hrBox),
      h('figure', {}, this.ndcgCaption, this.ndcgBox),
    );
  }

  render(ranking: RankingSnapshot): void {
    const k = ranking.k;
    this.hrCaption.textContent = `HR@${k} per epoch (validation item against 99 sampled negatives)`;
    this.ndcgCaption.textContent = `NDCG@${k} per epoch`;
    const c = palette();
    const series = (label: string) => [
      { label: `validation ${label}`, color: c.orange, points: true },
      { label: `ItemPop ${label} (test)`, color: c.red, dash: [6, 4] },
    ];
    this.hr ??= new LineChart(this.hrBox, 'epoch', series(`HR@${k}`));
    this.ndcg ??= new LineChart(this.ndcgBox, 'epoch', series(`NDCG@${k}`));
    const history = ranking.history;
    if (history.length) {
      const xs = history.map((e) => e.epoch);
      const itemPop = ranking.baselines?.itemPop;
      this.hr.setData([xs, history.map((e) => e.val?.hr ?? null), xs.map(() => itemPop?.hr ?? null)]);
      this.ndcg.setData([xs, history.map((e) => e.val?.ndcg ?? null), xs.map(() => itemPop?.ndcg ?? null)]);
    }
    this.renderEpochs(ranking);
    this.renderMetrics(ranking);
  }

  private renderEpochs({ k, history }: RankingSnapshot): void {
    renderEpochTable(this.epochs, history, [`val HR@${k}`, `val NDCG@${k}`], (e) => [e.val?.hr, e.val?.ndcg]);
  }

  private renderMetrics({ k, result: r }: RankingSnapshot): void {
    if (!r) return void this.metrics.replaceChildren();
    const row = (label: string, m: RankingMetrics) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, label),
        ...[m.hr, m.ndcg, m.full.hr, m.full.ndcg, m.full.mrr].map((x) => h('td', {}, fixed(x))),
      );
    const summary = r.cancelled
      ? `Stopped by the user after ${r.epochs} epoch(s).`
      : r.stoppedEarly
        ? `Stopped early after ${r.epochs} epochs; the weights of epoch ${r.bestEpoch} were kept.`
        : `Trained ${r.epochs} epochs; best validation epoch ${r.bestEpoch}.`;
    const head = ['', `HR@${k}`, `NDCG@${k}`, `full HR@${k}`, `full NDCG@${k}`, 'full MRR'];
    this.metrics.replaceChildren(
      h('h2', {}, `Result: test HR@${k} ${fixed(r.test.hr)}, NDCG@${k} ${fixed(r.test.ndcg)}`),
      h(
        'p',
        {},
        `${summary} ${r.users.evaluated} users, each test item against ${r.evalNegatives} sampled negatives and, in the full ranking, against every item the user has not interacted with. ${fixed(r.seconds, 1)} s on ${r.backend}, ${count(r.examplesPerSec)} examples/s, ${count(r.params)} parameters.`,
      ),
      h(
        'table',
        { id: 'final-metrics' },
        h('thead', {}, h('tr', {}, ...head.map((t) => h('th', {}, t)))),
        h(
          'tbody',
          {},
          row('test', r.test),
          row('baseline: ItemPop', r.baselines.itemPop),
          row('baseline: random', r.baselines.random),
        ),
      ),
    );
  }
}
