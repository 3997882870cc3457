/**
 * The training dashboard in headless Chromium, on a run trained for real (`ncf train --out`, MF
 * with biases on the built-in synthetic data) and read back from its folder as the sidebar reopens
 * it: the result on top, the charts across the width (loss full width, RMSE and MAE side by side),
 * the legend in the theme's font size with the lines' styles, and no Stop button without a run.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { readRunSnapshot } from '../../src/extension/history/runs';
import type { RunSnapshot } from '../../src/protocol/dashboard';
import { openDashboardPage } from './dashboardPage';
import { smallInteractions } from '../helpers/interactions';
import { launchOrSkip, ROOT, screenshot } from './standIn';

const openDashboard = (browser: Browser) => openDashboardPage(browser, 'dashboard');

describe('webview: the training dashboard in Chromium', function () {
  let browser: Browser;
  let runs: string;
  let run: RunSnapshot;

  before(async function () {
    browser = await launchOrSkip(this, 'dashboard.js');
    runs = mkdtempSync(join(tmpdir(), 'ncf-dashboard-'));
    // A real training, as the CLI and the extension's worker do it.
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'dist/cli.js'),
        'train',
        '--preset',
        'mf-bias',
        '--data',
        'synthetic',
        '--epochs',
        '6',
        '--out',
        join(runs, 'mf-bias-run'),
      ],
      { stdio: 'pipe' },
    );
    const snapshot = await readRunSnapshot(runs, 'mf-bias-run');
    assert.ok(snapshot?.result, 'the run folder reads back as a finished run');
    run = snapshot;
  });
  after(async () => {
    await browser?.close();
    if (runs) rmSync(runs, { recursive: true, force: true });
  });

  it('shows no Stop button before there is a run', async () => {
    const { page, problems } = await openDashboard(browser);
    await page.waitForSelector('#empty');
    assert.equal(await page.locator('#stop').isVisible(), false);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("puts the result on top, the charts across the width, the legend in the theme's size and line styles", async () => {
    const { page, posted, problems } = await openDashboard(browser);
    await page.waitForFunction(() => document.querySelector('#app') !== null);
    assert.ok(posted.some((m) => (m as { type?: string }).type === 'ready'));
    await page.evaluate(
      (r) => window.postMessage({ type: 'snapshot', run: r }, '*'),
      run as unknown as Record<string, unknown>,
    );
    await page.waitForSelector('#final-metrics');
    await page.waitForSelector('#chart-rmse canvas');

    const heading = (await page.locator('.metrics h2').textContent()) ?? '';
    assert.equal(
      heading,
      `Result: test RMSE ${run.result!.test.rmse.toFixed(4)}, MAE ${run.result!.test.mae.toFixed(4)}`,
    );
    assert.match(
      (await page.locator('.metrics p').textContent()) ?? '',
      run.result!.stoppedEarly
        ? new RegExp(`weights of epoch ${run.result!.bestEpoch} were kept`)
        : /best validation epoch \d+/,
    );
    const box = async (sel: string) => (await page.locator(sel).boundingBox())!;
    const [result, loss, rmse, mae, app] = await Promise.all(
      ['.metrics', '#chart-loss', '#chart-rmse', '#chart-mae', '#app'].map(box),
    );
    assert.ok(result.y < loss.y, 'the result is above the charts');
    assert.ok(loss.width > app.width * 0.95, 'the loss chart spans the width');
    assert.ok(Math.abs(rmse.y - mae.y) < 2 && rmse.x < mae.x, 'RMSE and MAE side by side');
    assert.ok(rmse.width + mae.width > app.width * 0.9, 'the two columns fill the panel');

    const legendSize = await page
      .locator('#chart-rmse .u-legend')
      .evaluate((e) => [getComputedStyle(e).fontSize, getComputedStyle(document.body).fontSize]);
    assert.equal(legendSize[0], legendSize[1], 'the legend in the theme font size');
    const markers = await page
      .locator('#chart-rmse .u-legend .u-marker')
      .evaluateAll((els) => els.slice(0, 2).map((e) => getComputedStyle(e).borderStyle.split(' ')[0]));
    assert.deepEqual(markers, ['dashed', 'solid'], 'train dashed, validation solid, in the legend as on the chart');
    assert.deepEqual(problems, []);
    await screenshot(page, '30-dashboard-result-on-top');
    await page.close();
  });

  it("draws a reopened run's loss per epoch, as its per-batch losses are not saved", async () => {
    assert.deepEqual(run.losses, [], 'a run read back from its folder has no per-batch losses');
    const { page, problems } = await openDashboard(browser);
    await page.waitForFunction(() => document.querySelector('#app') !== null);
    await page.evaluate(
      (x) => window.postMessage({ type: 'snapshot', run: x }, '*'),
      run as unknown as Record<string, unknown>,
    );
    const figure = page.locator('figure', { has: page.locator('#chart-loss') });
    // The chart is made on its first data: before, a reopened run showed the caption over nothing.
    await figure.locator('canvas').waitFor();
    assert.equal(await figure.locator('figcaption').textContent(), 'Loss per epoch (training MSE + L2)');
    await screenshot(page, '32-dashboard-reopened-loss-per-epoch');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("draws the generated data's noise floor on the RMSE chart, and only for data that has one", async () => {
    const floor = run.baselines?.noiseFloorRmse;
    assert.ok(floor !== undefined && floor > 0.5 && floor < 1.2, `the synthetic run saved its noise floor (${floor})`);
    const { page, problems } = await openDashboard(browser);
    await page.waitForFunction(() => document.querySelector('#app') !== null);
    const show = (r: RunSnapshot) =>
      page.evaluate(
        (x) => window.postMessage({ type: 'snapshot', run: x }, '*'),
        r as unknown as Record<string, unknown>,
      );
    const legend = () => page.locator('#chart-rmse .u-legend .u-series').allTextContents();
    await show(run);
    await page.waitForSelector('#chart-rmse .u-legend');
    assert.ok(
      (await legend()).some((t) => t.includes('noise floor')),
      'the RMSE legend names the noise floor',
    );
    assert.equal(
      (await page.locator('#chart-mae .u-legend .u-series').allTextContents()).some((t) => t.includes('noise floor')),
      false,
      'the MAE chart has no RMSE floor',
    );
    const floorRow = page.locator('#final-metrics tr', { hasText: 'noise floor' });
    assert.equal(await floorRow.locator('td').first().textContent(), floor.toFixed(4));
    await screenshot(page, '31-dashboard-noise-floor');

    // The same run on data without a known floor (MovieLens): no such line, no such row.
    const { noiseFloorRmse: _floor, ...baselines } = run.baselines!;
    await show({ ...run, runId: 'ml', baselines, result: { ...run.result!, baselines } });
    await page.waitForFunction(() => !document.querySelector('#final-metrics')?.textContent?.includes('noise floor'));
    assert.equal(
      (await legend()).some((t) => t.includes('noise floor')),
      false,
    );
    assert.equal(await page.locator('#chart-rmse canvas').count(), 1, 'one chart, rebuilt without the line');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows a ranking run with HR@K and NDCG@K charts (ItemPop as a line) and its result in place of RMSE', async () => {
    const data = join(runs, 'small.csv');
    writeFileSync(data, smallInteractions());
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'dist/cli.js'),
        'train',
        '--task',
        'ranking',
        '--preset',
        'gmf',
        '--data',
        `csv:${data}`,
        '--epochs',
        '3',
        '--out',
        join(runs, 'gmf-ranking-run'),
      ],
      { stdio: 'pipe' },
    );
    const ranked = await readRunSnapshot(runs, 'gmf-ranking-run');
    const result = ranked?.ranking?.result;
    assert.ok(result, 'the ranking run folder reads back as a finished ranking run');
    const { page, problems } = await openDashboard(browser);
    await page.waitForFunction(() => document.querySelector('#app') !== null);
    await page.evaluate(
      (r) => window.postMessage({ type: 'snapshot', run: r }, '*'),
      ranked as unknown as Record<string, unknown>,
    );
    await page.waitForSelector('#chart-hr canvas');
    await page.waitForSelector('#chart-ndcg canvas');
    assert.equal(
      await page.locator('#ranking-metrics h2').textContent(),
      `Result: test HR@10 ${result.test.hr.toFixed(4)}, NDCG@10 ${result.test.ndcg.toFixed(4)}`,
    );
    const rows = await page.locator('#ranking-metrics tbody th').allTextContents();
    assert.deepEqual(rows, ['test', 'baseline: ItemPop', 'baseline: random']);
    assert.equal(await page.locator('#chart-rmse').isVisible(), false, 'no RMSE chart for a ranking run');
    assert.equal(
      await page
        .locator('figure', { has: page.locator('#chart-loss') })
        .locator('figcaption')
        .textContent(),
      // A reopened run's per-batch losses are not saved: its loss is drawn per epoch.
      'Loss per epoch (training binary cross-entropy)',
    );
    const legend = await page.locator('#chart-hr .u-legend').textContent();
    assert.match(legend ?? '', /validation HR@10[\s\S]*ItemPop HR@10/);
    assert.equal(await page.locator('#ranking-epochs tbody tr').count(), result.epochs);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
