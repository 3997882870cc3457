/**
 * The training dashboard: the run's header, live charts (loss per batch; RMSE and MAE per epoch
 * with the two baselines as reference lines, and the noise floor of generated data on the RMSE
 * chart), the epochs so far, and the final metrics.
 * Its state is the run snapshot, saved with setState so a hidden and re-shown panel comes back as it was.
 */
import type { EpochEvent, Metrics } from '../../src/core/engine/events';
import type { HostToDashboard, RunSnapshot } from '../../src/protocol/dashboard';
import { applyMessage } from '../../src/protocol/runSnapshot';
import { ChartData, LineChart, SeriesSpec, gaps, palette } from './charts';
import { count, fixed, h, perFrame, renderEpochTable } from './dom';
import { ClassificationPanel } from './classificationView';
import { RankingPanel } from './rankingView';
import { onHostMessage, vscodeApi } from './vscode';

interface SavedState {
  view: 'dashboard';
  run?: RunSnapshot;
}

const STATUS_TEXT: Record<RunSnapshot['status'], string> = {
  starting: 'starting',
  training: 'training',
  finished: 'finished',
  cancelled: 'stopped',
  failed: 'failed',
};
const SAVE_EVERY_MS = 1000;

export function startDashboard(root: HTMLElement): void {
  const api = vscodeApi<SavedState>();
  const saved = api.getState();
  let run: RunSnapshot | undefined = saved?.run && { ...saved.run, losses: saved.run.losses.map((x) => x ?? NaN) };

  const header = h('header', { class: 'run-header' });
  const lossBox = h('div', { class: 'chart', id: 'chart-loss' });
  const rmseBox = h('div', { class: 'chart', id: 'chart-rmse' });
  const maeBox = h('div', { class: 'chart', id: 'chart-mae' });
  const epochs = h('section', { class: 'epochs' });
  const metrics = h('section', { class: 'metrics' });
  const empty = h(
    'p',
    { class: 'empty', id: 'empty' },
    'No training yet. Run "NCF: Train NCF model" from the command palette.',
  );
  // Built on the first ranking or classification run only, so a rating dashboard holds nothing of them.
  let ranking: RankingPanel | undefined;
  let classification: ClassificationPanel | undefined;
  const lossCaption = h('figcaption', {}, 'Loss per batch (training MSE + L2)');
  const ratingFigures = [
    h('figure', {}, h('figcaption', {}, 'RMSE per epoch'), rmseBox),
    h('figure', {}, h('figcaption', {}, 'MAE per epoch'), maeBox),
  ];
  const chartsSection = h('section', { class: 'charts' }, h('figure', {}, lossCaption, lossBox), ...ratingFigures);
  // The result first: what a finished run is for. The charts and the epochs follow.
  root.append(header, empty, metrics, chartsSection, epochs);

  const c = palette();
  const baselineSeries = [
    { label: 'baseline: global mean (test)', color: c.red, dash: [6, 4] },
    { label: 'baseline: μ + bᵤ + bᵢ (test)', color: c.purple, dash: [2, 3] },
  ];
  const lossChart = new LineChart(lossBox, 'epoch', [{ label: 'loss', color: c.blue }]);
  // Train dashed, validation solid, as in the history's comparison; the legend draws its markers alike.
  const rmseSeries = [
    { label: 'train RMSE', color: c.blue, dash: [5, 4], points: true },
    { label: 'validation RMSE', color: c.orange, points: true },
    ...baselineSeries,
  ];
  // Generated data knows the best RMSE any model can reach: the chart draws it once the run says so.
  const rmseChart = new NoiseFloorChart(rmseBox, rmseSeries, {
    label: 'noise floor (best possible)',
    color: c.green,
    dash: [1, 3],
  });
  const maeChart = new LineChart(maeBox, 'epoch', [
    { label: 'train MAE', color: c.blue, dash: [5, 4], points: true },
    { label: 'validation MAE', color: c.orange, points: true },
    ...baselineSeries,
  ]);

  let lastSave = 0;
  const save = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastSave < SAVE_EVERY_MS) return;
    lastSave = now;
    api.setState({ view: 'dashboard', run });
  };

  const renderHeader = makeHeader(header, (m) => api.postMessage(m));
  const render = perFrame(() => {
    empty.hidden = run !== undefined;
    header.hidden = run === undefined; // no Stop that looks ready to act on nothing
    root.classList.toggle('has-run', run !== undefined);
    if (!run) return;
    renderHeader(run);
    for (const figure of ratingFigures) figure.hidden = run.ranking !== undefined || run.classification !== undefined;
    lossCaption.textContent = `Loss per ${lossPerBatch(run) ? 'batch' : 'epoch'} (training ${lossName(run)})`;
    // A ranking run shows its own charts, epochs and result beside the rating ones' places.
    if (run.ranking && !ranking) {
      ranking = new RankingPanel();
      metrics.after(ranking.metrics);
      chartsSection.after(ranking.charts);
      epochs.after(ranking.epochs);
    }
    if (ranking) for (const part of [ranking.charts, ranking.metrics, ranking.epochs]) part.hidden = !run.ranking;
    if (run.ranking) ranking?.render(run.ranking);
    if (run.classification && !classification) {
      classification = new ClassificationPanel((m) => api.postMessage(m));
      metrics.after(classification.metrics, classification.tryText);
      chartsSection.after(classification.charts);
      epochs.after(classification.epochs);
    }
    if (classification)
      for (const part of [classification.charts, classification.metrics, classification.epochs])
        part.hidden = !run.classification;
    if (classification && !run.classification) classification.tryText.hidden = true;
    if (run.classification)
      classification?.render(run.classification, {
        runId: run.runId,
        finished: run.status === 'finished' && run.runDir !== undefined,
      });
    renderCharts(run, lossChart, rmseChart, maeChart);
    renderEpochs(epochs, run.history);
    renderMetrics(metrics, run);
  });

  onHostMessage((message: HostToDashboard) => {
    if (message.type === 'textScore') {
      if (message.runId === run?.runId) classification?.showScore(message.text, message.score);
      return;
    }
    if (message.type === 'snapshot') run = message.run;
    else if (run) run = applyMessage(run, message);
    else return;
    render();
    save(message.type !== 'batches');
  });

  render();
  api.postMessage({ type: 'ready', view: 'dashboard', runId: run?.runId });
}

/** The header keeps its buttons across renders, so a click is never lost to a re-render. */
function makeHeader(
  header: HTMLElement,
  post: (m: { type: 'stop' | 'revealRun' | 'recommend'; runId: string }) => void,
): (run: RunSnapshot) => void {
  let current: RunSnapshot | undefined;
  const title = h('h1', {});
  const status = h('span', { class: 'status', id: 'status' });
  const facts = h('div', { class: 'facts' });
  const error = h('p', { class: 'error', id: 'error' });
  const stop = h('button', { id: 'stop', title: 'Stop after the current batch and save what was trained' }, 'Stop');
  stop.addEventListener('click', () => current && post({ type: 'stop', runId: current.runId }));
  const reveal = h('button', { id: 'reveal', class: 'secondary' }, 'Reveal run folder');
  reveal.addEventListener('click', () => current && post({ type: 'revealRun', runId: current.runId }));
  const recommend = h(
    'button',
    { id: 'recommend', class: 'secondary', title: "Ask the trained model for a user's top items" },
    'Recommend for a user…',
  );
  recommend.addEventListener('click', () => current && post({ type: 'recommend', runId: current.runId }));
  header.append(
    h('div', { class: 'title' }, title, status),
    facts,
    error,
    h('div', { class: 'actions' }, stop, reveal, recommend),
  );
  return (run) => {
    current = run;
    const history = run.ranking?.history ?? run.classification?.history ?? run.history;
    const last = history[history.length - 1];
    const speed =
      (run.ranking?.result ?? run.classification?.result ?? run.result)?.examplesPerSec ?? last?.examplesPerSec;
    title.textContent = run.specName;
    status.textContent = STATUS_TEXT[run.status];
    status.className = `status status-${run.status}`;
    facts.replaceChildren(
      fact('data', run.dataName),
      fact('backend', run.backend ? `${run.backend}${run.engine ? `, engine ${run.engine}` : ''}` : '…'),
      fact('examples/s', speed === undefined ? '…' : count(speed)),
      fact('epoch', `${history.length} of ${run.epochs ?? '?'}`),
      fact('parameters', count(run.params)),
      fact('run', run.runId),
    );
    error.textContent = run.error ?? '';
    error.hidden = !run.error;
    stop.disabled = !(run.status === 'training' || run.status === 'starting');
    reveal.disabled = !run.runDir;
    // A text classifier has no users to recommend for: it offers its sentence box instead.
    recommend.hidden = !(run.status === 'finished' && run.runDir) || run.classification !== undefined;
  };
}

function fact(label: string, value: string): HTMLElement {
  return h(
    'span',
    { class: 'fact' },
    h('span', { class: 'label' }, label),
    ' ',
    h('span', { class: 'value', 'data-fact': label }, value),
  );
}

/** The RMSE chart, with one more reference line when the data has a known noise floor. */
class NoiseFloorChart {
  private chart: LineChart | undefined;
  private withFloor = false;

  constructor(
    private readonly box: HTMLElement,
    private readonly series: SeriesSpec[],
    private readonly floor: SeriesSpec,
  ) {}

  setData(data: ChartData, noiseFloor: number | undefined): void {
    const withFloor = noiseFloor !== undefined;
    if (!this.chart || withFloor !== this.withFloor) {
      this.chart?.destroy();
      this.withFloor = withFloor;
      this.chart = new LineChart(this.box, 'epoch', withFloor ? [...this.series, this.floor] : this.series);
    }
    this.chart.setData(withFloor ? [data[0], ...data.slice(1), data[0].map(() => noiseFloor)] : data);
  }
}

/**
 * A run reopened from its folder has no per-batch losses (they are not saved): its loss chart
 * draws the epochs' losses instead of staying empty under its caption.
 */
const lossPerBatch = (run: RunSnapshot) => run.losses.length > 0 || !epochLosses(run).length;

/** The epochs' losses, whatever the task. */
const epochLosses = (run: RunSnapshot): { epoch: number; loss: number }[] =>
  run.classification?.history ?? run.ranking?.history ?? run.history;

function lossName(run: RunSnapshot): string {
  if (run.ranking) return 'binary cross-entropy';
  if (run.classification) return run.classification.classes.length > 2 ? 'cross-entropy' : 'binary cross-entropy';
  return 'MSE + L2';
}

function renderCharts(run: RunSnapshot, loss: LineChart, rmse: NoiseFloorChart, mae: LineChart): void {
  const perEpoch = run.batchesPerEpoch ?? 1;
  if (run.losses.length) loss.setData([run.losses.map((_, i) => (i + 1) / perEpoch), gaps(run.losses)]);
  else if (epochLosses(run).length) {
    const epochs = epochLosses(run);
    loss.setData([epochs.map((e) => e.epoch), epochs.map((e) => e.loss)]);
  }
  if (!run.history.length) return;
  const xs = run.history.map((e) => e.epoch);
  const line = (m: Metrics | undefined, key: keyof Metrics) => xs.map(() => (m ? m[key] : null));
  const of = (key: keyof Metrics): ChartData => [
    xs,
    run.history.map((e) => e.train[key]),
    run.history.map((e) => e.val?.[key] ?? null),
    line(run.baselines?.globalMean, key),
    line(run.baselines?.userItemBias, key),
  ];
  rmse.setData(of('rmse'), run.baselines?.noiseFloorRmse);
  mae.setData(of('mae'));
}

function renderEpochs(section: HTMLElement, history: EpochEvent[]): void {
  renderEpochTable(section, history, ['train RMSE', 'train MAE', 'val RMSE', 'val MAE'], (e) => [
    e.train.rmse,
    e.train.mae,
    e.val?.rmse,
    e.val?.mae,
  ]);
}

function renderMetrics(section: HTMLElement, run: RunSnapshot): void {
  const r = run.result;
  if (!r) return void section.replaceChildren();
  const row = (label: string, m: Metrics | null | undefined) =>
    h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, fixed(m?.rmse)), h('td', {}, fixed(m?.mae)));
  const summary = r.cancelled
    ? `Stopped by the user after ${r.epochs} epoch(s).`
    : r.stoppedEarly
      ? `Stopped early after ${r.epochs} epochs; the weights of epoch ${r.bestEpoch} were kept.`
      : `Trained ${r.epochs} epochs; best validation epoch ${r.bestEpoch}.`;
  section.replaceChildren(
    h('h2', {}, `Result: test RMSE ${fixed(r.test.rmse)}, MAE ${fixed(r.test.mae)}`),
    h(
      'p',
      {},
      `${summary} ${fixed(r.seconds, 1)} s on ${r.backend}, ${count(r.examplesPerSec)} examples/s, ${count(r.params)} parameters, split ${r.split}.`,
    ),
    h(
      'table',
      { id: 'final-metrics' },
      h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'RMSE'), h('th', {}, 'MAE'))),
      h(
        'tbody',
        {},
        row('train', r.train),
        row('validation', r.val),
        row('test', r.test),
        row('baseline: global mean', r.baselines.globalMean),
        row('baseline: μ + bᵤ + bᵢ', r.baselines.userItemBias),
        r.baselines.noiseFloorRmse !== undefined &&
          row('noise floor of the generated data (best possible)', { rmse: r.baselines.noiseFloorRmse, mae: NaN }),
      ),
    ),
  );
}
