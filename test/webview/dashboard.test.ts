/**
 * The training dashboard in headless Chromium, on a run trained for real (`ncf train --out`, MF
 * with biases on the built-in synthetic data) and read back from its folder as the sidebar reopens
 * it: the result on top, the charts across the width (loss full width, RMSE and MAE side by side),
 * the legend in the theme's font size with the lines' styles, and no Stop button without a run.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readRunSnapshot } from '../../src/extension/history/runs';
import { webviewHtml } from '../../src/extension/webviewHtml';
import type { RunSnapshot } from '../../src/protocol/dashboard';
import { smallInteractions } from '../helpers/interactions';
import { launchOrSkip, ROOT, screenshot } from './standIn';
import { THEMES } from './theme';

const ORIGIN = 'https://dashboard.test';
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

async function openDashboard(browser: Browser): Promise<{ page: Page; posted: unknown[]; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const posted: unknown[] = [];
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.exposeFunction('__toHost', (m: unknown) => void posted.push(m));
  const theme = THEMES.dark;
  await page.addInitScript(`(() => {
    let state;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__toHost(m), getState: () => state, setState: (s) => { state = s; } });
    const vars = ${JSON.stringify(theme.vars)};
    new MutationObserver((_, o) => { if (document.body) { for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v); document.body.classList.add(${JSON.stringify(theme.bodyClass)}); o.disconnect(); } }).observe(document, { childList: true, subtree: true });
  })();`);
  const html = webviewHtml({
    cspSource: ORIGIN,
    nonce: 'n' + Math.random().toString(36).slice(2),
    title: 'Training dashboard',
    scriptUri: `${ORIGIN}/dist/webview/dashboard.js`,
    styleUris: [`${ORIGIN}/dist/webview/dashboard.css`, `${ORIGIN}/media/dashboard.css`],
    root: '<main id="app" aria-live="polite"></main>',
    bodyAttributes: { 'data-view': 'dashboard' },
  });
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/index.html') return route.fulfill({ body: html, contentType: 'text/html' });
    const file = join(ROOT, path);
    const allowed =
      (path.startsWith('/dist/webview/') || path.startsWith('/media/')) && !path.includes('..') && existsSync(file);
    return allowed
      ? route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' })
      : route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  return { page, posted, problems };
}

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
      'Loss per batch (training binary cross-entropy)',
    );
    const legend = await page.locator('#chart-hr .u-legend').textContent();
    assert.match(legend ?? '', /validation HR@10[\s\S]*ItemPop HR@10/);
    assert.equal(await page.locator('#ranking-epochs tbody tr').count(), result.epochs);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
