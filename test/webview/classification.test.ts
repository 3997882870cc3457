/**
 * A text classifier on the dashboard and in the history, in headless Chromium: a run trained for
 * real (`ncf train --data text:FILE --out`, the text-embedding preset on generated reviews) and read
 * back from its folder as the sidebar reopens it. Accuracy and AUC per epoch in place of RMSE and MAE,
 * the result beside the majority class with the confusion matrix, the engine's reason for falling
 * back, and "Try a sentence" answered by the host's real scorer.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { listRuns, readRunSnapshot } from '../../src/extension/history/runs';
import { TextScorer } from '../../src/extension/training/textScorer';
import { parseDashboardMessage, type RunSnapshot } from '../../src/protocol/dashboard';
import { smallReviews, tsv } from '../unit/classification/helpers';
import { openDashboardPage, postToPage } from './dashboardPage';
import { launchOrSkip, ROOT, screenshot } from './standIn';

describe('webview: a text classifier on the dashboard and in the history', function () {
  let browser: Browser;
  let runs: string;
  let run: RunSnapshot;

  before(async function () {
    browser = await launchOrSkip(this, 'dashboard.js');
    runs = mkdtempSync(join(tmpdir(), 'ncf-text-dashboard-'));
    const data = join(runs, 'reviews.tsv');
    const { texts, labels } = smallReviews(160);
    writeFileSync(data, tsv(texts, labels));
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'dist/cli.js'),
        'train',
        '--preset',
        'text-embedding',
        '--data',
        `text:${data}`,
        '--epochs',
        '4',
        '--out',
        join(runs, 'text-run'),
      ],
      { stdio: 'pipe' },
    );
    const snapshot = await readRunSnapshot(runs, 'text-run');
    assert.ok(snapshot?.classification?.result, 'the run folder reads back as a finished classifier');
    run = snapshot;
  });
  after(async () => {
    await browser?.close();
    if (runs) rmSync(runs, { recursive: true, force: true });
  });

  it('draws accuracy and AUC per epoch, the result beside the majority class, and says why the fast engine was not used', async () => {
    const { page, problems } = await openDashboardPage(browser, 'dashboard');
    await page.waitForFunction(() => document.querySelector('#app') !== null);
    await postToPage(page, { type: 'snapshot', run });
    await page.waitForSelector('#chart-accuracy canvas');
    await page.waitForSelector('#chart-auc canvas');
    await page.locator('#chart-loss canvas').waitFor();
    const r = run.classification!.result!;

    assert.equal(
      await page.locator('#classification-metrics h2').first().textContent(),
      `Result: test accuracy ${r.test.accuracy.toFixed(4)}, AUC ${r.test.auc.toFixed(4)}`,
    );
    const rows = await page.$$eval('#final-metrics tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.children).map((c) => c.textContent ?? '')),
    );
    assert.deepEqual(
      rows.map((cells) => cells[0]),
      ['train', 'validation', 'test', 'baseline: majority class'],
    );
    assert.equal(rows[3][1], r.baselines.majority.accuracy.toFixed(4), 'the majority class accuracy');
    const confusion = await page.$$eval('#confusion tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((c) => Number(c.textContent))),
    );
    assert.deepEqual(confusion, r.test.confusion);
    // The rating charts and the rating tables stay out of a classifier's dashboard.
    assert.equal(await page.locator('#chart-rmse').isVisible(), false);
    assert.equal(await page.locator('#chart-mae').isVisible(), false);
    assert.equal(await page.locator('#recommend').isVisible(), false, 'no users to recommend for');
    assert.equal(
      await page
        .locator('figure', { has: page.locator('#chart-loss') })
        .locator('figcaption')
        .textContent(),
      'Loss per epoch (training binary cross-entropy)',
    );
    const legend = await page.locator('#chart-accuracy .u-legend .u-series').allTextContents();
    assert.ok(
      legend.some((t) => t.includes('majority class')),
      `the majority class on the chart (${legend.join(' | ')})`,
    );
    assert.equal(await page.locator('#classification-epochs tbody tr').count(), run.classification!.history.length);
    assert.match((await page.locator('[data-fact="backend"]').textContent()) ?? '', /engine layers \(.*fast engine/);
    assert.deepEqual(problems, []);
    await screenshot(page, '40-dashboard-text-classifier');
    await page.close();
  });

  it('scores a typed sentence and names the words that push the score most either way', async () => {
    const { page, problems, waitForPosted } = await openDashboardPage(browser, 'dashboard');
    await page.waitForFunction(() => document.querySelector('#app') !== null);
    await postToPage(page, { type: 'snapshot', run });
    const input = page.locator('#text-input');
    await input.waitFor();
    const sentence = 'the food was awful but the service was amazing';
    await input.fill(sentence);
    await input.press('Enter');
    // The page asks the host; the host's real scorer answers from the run folder.
    const request = parseDashboardMessage(await waitForPosted('scoreText'));
    assert.ok(request?.type === 'scoreText', 'a scoreText request the host accepts');
    assert.equal(request.text, sentence);
    assert.equal(request.runId, run.runId);
    const scorer = new TextScorer();
    const score = await scorer.score(run.runDir!, request.text);
    scorer.dispose();
    assert.ok(score.ok);
    await postToPage(page, { type: 'textScore', runId: run.runId, text: sentence, score });
    await page.waitForSelector('#text-words');

    assert.match(
      (await page.locator('#text-probability').textContent()) ?? '',
      new RegExp(`^${score.prediction.probability.toFixed(4)} P\\(1\\)`),
    );
    const words = await page.$$eval('#text-words tbody tr', (trs) =>
      trs.map((tr) => ({ word: tr.getAttribute('data-word'), up: tr.classList.contains('up') })),
    );
    const byWord = new Map(words.map((w) => [w.word, w.up]));
    // The generated reviews teach "amazing" as liked and "awful" as not.
    assert.equal(byWord.get('amazing'), true, JSON.stringify(words));
    assert.equal(byWord.get('awful'), false, JSON.stringify(words));
    const strongest = [...score.prediction.words].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))[0];
    assert.equal(words[0].word, strongest.word, 'the strongest word first');
    assert.deepEqual(problems, []);
    await screenshot(page, '41-dashboard-text-try-a-sentence');
    await page.close();
  });

  it('lists the classifier in the history with its test accuracy and AUC', async () => {
    const summaries = await listRuns(runs);
    const { page, problems } = await openDashboardPage(browser, 'history');
    await page.waitForFunction(() => document.querySelector('#refresh') !== null);
    await postToPage(page, { type: 'history', runs: summaries, folder: 'runs' });
    await page.waitForSelector('#runs tbody tr');
    const r = run.classification!.result!;
    const cell = (figure: string) => page.locator(`#runs tr[data-run="text-run"] td[data-figure="${figure}"]`);
    assert.equal(await cell('accuracy').textContent(), `accuracy ${r.test.accuracy.toFixed(4)}`);
    assert.equal(await cell('auc').textContent(), `AUC ${r.test.auc.toFixed(4)}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
