/**
 * What the dashboard shows of a text classifier in place of RMSE and MAE: accuracy and AUC per
 * epoch (training dashed, validation solid, the majority class once known), the epochs, the final
 * figures beside the majority class with the confusion matrix, and on a finished run a box to type a
 * sentence into: its score, and the words that push the score most either way.
 */
import type { ClassMetrics } from '../../src/core/classification/events';
import type { ClassificationSnapshot, TextScore } from '../../src/protocol/dashboard';
import { LineChart, palette } from './charts';
import { count, fixed, h, renderEpochTable } from './dom';

/** How many words the score explains: the strongest either way. */
const WORDS_SHOWN = 8;

type Key = 'accuracy' | 'auc';

export class ClassificationPanel {
  readonly charts: HTMLElement;
  readonly epochs = h('section', { class: 'epochs', id: 'classification-epochs' });
  readonly metrics = h('section', { class: 'metrics', id: 'classification-metrics' });
  /** "Type a sentence, see the score": shown once the run is saved. */
  readonly tryText: HTMLElement;
  private readonly accuracyBox = h('div', { class: 'chart', id: 'chart-accuracy' });
  private readonly aucBox = h('div', { class: 'chart', id: 'chart-auc' });
  private readonly input = h('input', {
    id: 'text-input',
    type: 'text',
    placeholder: 'The food was amazing',
    'aria-label': 'a sentence to score',
  });
  private readonly scoreButton = h('button', { id: 'text-score' }, 'Score');
  private readonly answer = h('div', { id: 'text-answer', 'aria-live': 'polite' });
  private accuracy: LineChart | undefined;
  private auc: LineChart | undefined;
  private runId: string | undefined;

  constructor(post: (message: { type: 'scoreText'; runId: string; text: string }) => void) {
    this.charts = h(
      'section',
      { class: 'charts', id: 'classification-charts' },
      h('figure', {}, h('figcaption', {}, 'Accuracy per epoch'), this.accuracyBox),
      h('figure', {}, h('figcaption', {}, 'AUC per epoch'), this.aucBox),
    );
    const form = h('form', { class: 'text-form' }, this.input, this.scoreButton);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (!text || !this.runId) return;
      this.answer.replaceChildren(h('p', { class: 'empty' }, 'scoring…'));
      post({ type: 'scoreText', runId: this.runId, text });
    });
    this.tryText = h(
      'section',
      { class: 'try-text', id: 'try-text' },
      h('h2', {}, 'Try a sentence'),
      form,
      this.answer,
    );
  }

  render(c: ClassificationSnapshot, run: { runId: string; finished: boolean }): void {
    if (run.runId !== this.runId) this.answer.replaceChildren();
    this.runId = run.runId;
    this.tryText.hidden = !run.finished;
    const colours = palette();
    const series = (label: string) => [
      { label: `train ${label}`, color: colours.blue, dash: [5, 4], points: true },
      { label: `validation ${label}`, color: colours.orange, points: true },
      { label: `baseline: majority class (test)`, color: colours.red, dash: [6, 4] },
    ];
    this.accuracy ??= new LineChart(this.accuracyBox, 'epoch', series('accuracy'));
    this.auc ??= new LineChart(this.aucBox, 'epoch', series('AUC'));
    const history = c.history;
    if (history.length) {
      const xs = history.map((e) => e.epoch);
      const majority = c.result?.baselinesMean?.majority ?? c.result?.baselines.majority;
      const of = (key: Key): [number[], ...(number | null)[][]] => [
        xs,
        history.map((e) => e.train[key]),
        history.map((e) => e.val?.[key] ?? null),
        xs.map(() => majority?.[key] ?? null),
      ];
      this.accuracy.setData(of('accuracy'));
      this.auc.setData(of('auc'));
    }
    this.renderEpochs(c);
    this.renderMetrics(c);
  }

  /** The host's answer to a sentence typed here. */
  showScore(text: string, score: TextScore): void {
    if (!score.ok) return void this.answer.replaceChildren(h('p', { class: 'error' }, score.message));
    const p = score.prediction;
    const scored = score.classes.length === 2 ? score.classes[1] : p.label;
    const strongest = [...p.words]
      .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
      .slice(0, WORDS_SHOWN)
      .filter((w) => w.effect !== 0);
    this.answer.replaceChildren(
      h(
        'p',
        { id: 'text-probability' },
        h('strong', {}, fixed(p.probability)),
        ` P(${scored}) of “${text}” → `,
        h('span', { id: 'text-label' }, p.label),
      ),
      h(
        'p',
        { class: 'empty', id: 'text-classes' },
        score.classes.map((c, k) => `P(${c}) ${fixed(p.probabilities[k])}`).join(', '),
      ),
      strongest.length
        ? h(
            'table',
            { id: 'text-words' },
            h('thead', {}, h('tr', {}, h('th', {}, 'word'), h('th', {}, `pushes P(${scored}) by`))),
            h(
              'tbody',
              {},
              ...strongest.map((w) =>
                h(
                  'tr',
                  { class: w.effect > 0 ? 'up' : 'down', 'data-word': w.word },
                  h('td', {}, w.known ? w.word : `${w.word} (unknown)`),
                  h('td', {}, `${w.effect > 0 ? '+' : '−'}${fixed(Math.abs(w.effect), 3)}`),
                ),
              ),
            ),
          )
        : h('p', { class: 'empty' }, 'No word moves the score: the sentence is all unknown words or empty.'),
      h(
        'p',
        { class: 'empty' },
        "A word's push is the score with the sentence as typed minus the score with that word left out.",
      ),
    );
  }

  private renderEpochs({ history }: ClassificationSnapshot): void {
    const heads = ['train accuracy', 'train AUC', 'val accuracy', 'val AUC', 'val loss'];
    renderEpochTable(this.epochs, history, heads, (e) => [
      e.train.accuracy,
      e.train.auc,
      e.val?.accuracy,
      e.val?.auc,
      e.val?.loss,
    ]);
  }

  private renderMetrics({ result: r, classes }: ClassificationSnapshot): void {
    if (!r) return void this.metrics.replaceChildren();
    const keys = ['accuracy', 'auc', 'precision', 'recall', 'f1', 'loss'] as const;
    const row = (label: string, m: ClassMetrics | null | undefined, std?: ClassMetrics) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, label),
        ...keys.map((k) => h('td', {}, std ? `${fixed(m?.[k])} ± ${fixed(std[k])}` : fixed(m?.[k]))),
      );
    const summary = r.cancelled
      ? `Stopped by the user after ${r.epochs} epoch(s).`
      : r.stoppedEarly
        ? `Stopped early after ${r.epochs} epochs; the weights of epoch ${r.bestEpoch} were kept.`
        : `Trained ${r.epochs} epochs; best validation epoch ${r.bestEpoch}.`;
    const folds = r.folds?.length;
    const positive = classes.length === 2 ? `'${classes[1]}' is the positive class` : `${classes.length} classes`;
    this.metrics.replaceChildren(
      h(
        'h2',
        {},
        `Result: test accuracy ${fixed(r.test.accuracy)}, AUC ${fixed(r.test.auc)}${folds ? ` (mean of ${folds} folds)` : ''}`,
      ),
      h(
        'p',
        {},
        `${summary} ${positive}; vocabulary ${count(r.vocabulary.size)} tokens, sequences of ${r.vocabulary.length}. ${fixed(r.seconds, 1)} s on ${r.backend}, ${count(r.examplesPerSec)} examples/s, ${count(r.params)} parameters, split ${r.split}.`,
      ),
      h(
        'table',
        { id: 'final-metrics' },
        h(
          'thead',
          {},
          h('tr', {}, ...['', 'accuracy', 'AUC', 'precision', 'recall', 'F1', 'log loss'].map((t) => h('th', {}, t))),
        ),
        h(
          'tbody',
          {},
          ...(r.mean
            ? [
                row(`test (mean ± std of ${folds} folds)`, r.mean, r.std),
                row('baseline: majority class (mean)', r.baselinesMean?.majority),
              ]
            : [
                row('train', r.train),
                row('validation', r.val),
                row('test', r.test),
                row('baseline: majority class', r.baselines.majority),
              ]),
        ),
      ),
      h('h2', {}, `Confusion matrix${folds ? ' (every fold’s test rows)' : ''}`),
      h(
        'table',
        { id: 'confusion' },
        h('thead', {}, h('tr', {}, h('th', {}, 'true \\ predicted'), ...classes.map((c) => h('th', {}, c)))),
        h(
          'tbody',
          {},
          ...r.test.confusion.map((cells, k) =>
            h('tr', {}, h('th', { scope: 'row' }, classes[k]), ...cells.map((n) => h('td', {}, n))),
          ),
        ),
      ),
    );
  }
}
