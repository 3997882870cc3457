/**
 * A text classifier in a real VS Code (code-server) with the packaged extension: NCF: Train NCF
 * model on a text-embedding spec, the labelled sentences picked through the data picker and the open
 * dialog as a user picks them, the dashboard's accuracy and AUC charts and its result beside the
 * majority class, a sentence typed into "Try a sentence" and scored, then the run reopened from the
 * Runs view with its accuracy. The sentences are generated here (kind words for liked, unkind ones
 * for the others), so the label is learnable in a few epochs. Screenshots go to test-output/.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { presetDocument } from '../../src/core/presets';
import { smallReviews, tsv } from '../unit/classification/helpers';
import {
  acceptInput,
  chooseInOpenDialog,
  findFrame,
  pickQuickItem,
  runCommandTo,
  screenshot,
  useWorkbench,
  waitFor,
} from './harness';

const SPEC_FILE = 'e2e-text';
const SPEC_NAME = 'E2E text';
const DATA_FILE = 'reviews.tsv';
/** Enough for the output to cross 0.5 on the liked side (the AUC is near 1 after 3 epochs, the accuracy later); each epoch is a few batches. */
const EPOCHS = 20;
const { texts, labels } = smallReviews(120);

const textOf = (frame: Frame, selector: string) => frame.$eval(selector, (el) => el.textContent ?? '');
/** The cells of the row of `#final-metrics` whose first cell is `label`. */
const metricsRow = (frame: Frame, label: string) =>
  frame.$$eval(
    '#final-metrics tbody tr',
    (rows, wanted) =>
      rows.map((r) => Array.from(r.children).map((c) => c.textContent ?? '')).find((cells) => cells[0] === wanted),
    label,
  );

describe('NCF Studio in code-server: a text classifier', function () {
  const workbench = useWorkbench('text', {
    settings: { 'ncf.backend': 'wasm' },
    files: {
      [`${SPEC_FILE}.ncf.json`]: JSON.stringify(
        {
          ...presetDocument('text-embedding'),
          name: SPEC_NAME,
          training: { ...presetDocument('text-embedding').training, epochs: EPOCHS, earlyStopping: null },
        },
        null,
        2,
      ),
      [DATA_FILE]: tsv(texts, labels),
    },
  });
  const runsDir = () => join(workbench.workspace, '.ncf', 'runs');
  /** The run's saved figures, once its metrics.json holds the result (the final save swaps the folder whole). */
  const savedResult = (run: string) =>
    waitFor(`the result of ${run} on disk`, () => {
      try {
        const metrics = JSON.parse(readFileSync(join(runsDir(), run, 'metrics.json'), 'utf8'));
        return metrics.test ? metrics : undefined;
      } catch {
        return undefined;
      }
    });
  /** Scores `sentence` in the dashboard's "Try a sentence"; resolves to the probability it shows. */
  const score = async (dashboard: Frame, sentence: string): Promise<number> => {
    await dashboard.fill('#text-input', sentence);
    await dashboard.press('#text-input', 'Enter');
    const shown = await dashboard.waitForSelector(`#text-probability:has-text("${sentence}")`);
    const probability = Number(await shown.$eval('strong', (el) => el.textContent ?? ''));
    assert.ok(probability >= 0 && probability <= 1, `a probability: ${probability}`);
    return probability;
  };
  let run = '';

  it('trains on a labelled text file picked in the data picker, and shows accuracy and AUC beside the majority class', async function () {
    const page = workbench.page;
    await runCommandTo(page, 'NCF: Train NCF model', 'Train NCF model: architecture');
    await pickQuickItem(page, 'Train NCF model: architecture', `${SPEC_FILE}.ncf.json`, SPEC_FILE);
    await pickQuickItem(page, 'Train text classifier: data', 'Labelled text file…', 'Labelled text');
    await chooseInOpenDialog(page, join(workbench.workspace, DATA_FILE));
    await pickQuickItem(page, 'Train NCF model: split', 'Random 80/20', 'random');
    await acceptInput(page, 'Train NCF model: epochs');

    const dashboard = await findFrame(page, '#classification-metrics #final-metrics');
    await dashboard.waitForSelector('#status:text-is("finished")');
    run = await textOf(dashboard, '[data-fact="run"]');
    assert.match(run, /^E2E-text-\d{8}-\d{6}$/);
    assert.ok(!(await textOf(dashboard, '[data-fact="data"]')).startsWith('built-in'), 'trained on the picked file');
    const metrics = await savedResult(run);
    assert.equal(metrics.task, 'classification');
    assert.equal(metrics.dataSource, `text:${join(workbench.workspace, DATA_FILE)}`);
    assert.equal(metrics.split, 'random:0.2');
    assert.equal(metrics.history.length, EPOCHS);
    for (const file of ['model.json', 'weights.bin', 'vocabulary.json', 'spec.ncf.json'])
      assert.ok(existsSync(join(runsDir(), run, file)), `${file} written`);

    assert.equal(
      await textOf(dashboard, '#classification-metrics h2'),
      `Result: test accuracy ${metrics.test.accuracy.toFixed(4)}, AUC ${metrics.test.auc.toFixed(4)}`,
    );
    const test = await metricsRow(dashboard, 'test');
    const majority = await metricsRow(dashboard, 'baseline: majority class');
    assert.equal(test?.[1], metrics.test.accuracy.toFixed(4), 'the test accuracy saved');
    assert.equal(majority?.[1], metrics.baselines.majority.accuracy.toFixed(4), 'beside the majority class');
    // The kind words decide the label: a few epochs learn them past the majority class.
    assert.ok(metrics.test.auc > metrics.baselines.majority.auc, `test AUC ${metrics.test.auc}`);
    assert.ok(
      metrics.test.accuracy > metrics.baselines.majority.accuracy,
      `test accuracy ${metrics.test.accuracy} above the majority class's ${metrics.baselines.majority.accuracy}`,
    );
    assert.equal(await dashboard.$$eval('#classification-epochs #epochs tbody tr', (rows) => rows.length), EPOCHS);
    for (const chart of ['#chart-accuracy', '#chart-auc', '#chart-loss'])
      assert.ok(await dashboard.isVisible(`${chart} canvas`), `${chart} is drawn`);
    assert.ok(!(await dashboard.isVisible('#chart-rmse')), 'no RMSE chart for a classifier');
    assert.ok(!(await dashboard.isVisible('#recommend')), 'no users to recommend for');
    const confusion = await dashboard.$$eval('#confusion tbody tr td', (cells) =>
      cells.map((c) => Number(c.textContent)),
    );
    assert.equal(
      confusion.reduce((a, b) => a + b, 0),
      Math.round(texts.length * 0.2),
      'the confusion matrix counts every test sentence',
    );
    await screenshot(page, 'text-dashboard');
  });

  it('scores a sentence typed into "Try a sentence"', async function () {
    assert.ok(run, 'the run trained above');
    const dashboard = await findFrame(workbench.page, '#try-text:not([hidden]) #text-input');
    const liked = await score(dashboard, 'the food was great and lovely');
    assert.equal(await textOf(dashboard, '#text-label'), liked >= 0.5 ? '1' : '0', 'the label follows the probability');
    assert.ok(
      (await dashboard.$$('#text-words tr[data-word="great"]')).length === 1,
      'the words that push the score are listed',
    );
    const disliked = await score(dashboard, 'the food was awful and rude');
    assert.ok(liked > disliked, `kind words score higher (${liked}) than unkind ones (${disliked})`);
    await screenshot(workbench.page, 'text-try-sentence');
  });

  it('lists the run with its accuracy in the Runs view, and reopens its dashboard from there', async function () {
    assert.ok(run, 'the run trained above');
    const page = workbench.page;
    const metrics = await savedResult(run);
    const accuracy = metrics.test.accuracy.toFixed(4);
    await page.locator('.activitybar .action-item a[aria-label^="NCF Studio"]').click();
    const row = page.locator('.pane:has(.pane-header[aria-label^="Runs"]) .monaco-list-row[aria-level="2"]', {
      hasText: `accuracy ${accuracy}`,
    });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', new RegExp(`AUC ${metrics.test.auc.toFixed(4)}`));
    await screenshot(page, 'text-runs-view');

    await page.keyboard.press('Control+K');
    await page.keyboard.press('W'); // close all editors: the dashboard goes
    await waitFor('the dashboard to close', async () =>
      (await page.locator('.tabs-container .tab', { hasText: 'Training dashboard' }).count()) === 0 ? true : undefined,
    );
    await row.click();
    const reopened = await findFrame(page, `[data-fact="run"]:text-is("${run}")`);
    await reopened.waitForSelector('#classification-metrics #final-metrics');
    assert.equal((await metricsRow(reopened, 'test'))?.[1], accuracy, 'the reopened run lists its test accuracy');
    assert.equal(await textOf(reopened, '#status'), 'finished');
  });
});
