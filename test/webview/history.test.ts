/**
 * The training history in headless Chromium, on three runs trained for real (`ncf train --out` on
 * the built-in synthetic data, with different learning rates, λ and batch sizes) and listed as the
 * extension lists them: each row shows its key settings and MAE; three runs are compared at once,
 * each series labelled by spec and run, with their settings side by side.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { listRuns, readRunCurves } from '../../src/extension/history/runs';
import { parseDashboardMessage, type RunCurves, type RunSummary } from '../../src/protocol/dashboard';
import { openDashboardPage, postToPage } from './dashboardPage';
import { launchOrSkip, ROOT, screenshot } from './standIn';

const RUNS: Record<string, string[]> = {
  'mf-bias-lr01': ['--preset', 'mf-bias', '--lr', '0.01'],
  'mf-bias-l2': ['--preset', 'mf-bias', '--lr', '0.002', '--l2', '0.0001', '--batch-size', '512'],
  'gmf-run': ['--preset', 'gmf', '--lr', '0.005'],
};

describe('webview: the training history in Chromium', function () {
  let browser: Browser;
  let runs: string;
  let summaries: RunSummary[];

  before(async function () {
    browser = await launchOrSkip(this, 'dashboard.js');
    runs = mkdtempSync(join(tmpdir(), 'ncf-history-'));
    for (const [id, args] of Object.entries(RUNS))
      execFileSync(
        process.execPath,
        [join(ROOT, 'dist/cli.js'), 'train', ...args, '--data', 'synthetic', '--epochs', '2', '--out', join(runs, id)],
        { stdio: 'pipe' },
      );
    summaries = await listRuns(runs);
    assert.equal(summaries.length, 3, 'the three runs list');
  });
  after(async () => {
    await browser?.close();
    if (runs) rmSync(runs, { recursive: true, force: true });
  });

  it('shows each run with its MAE, parameters, dims, λ, learning rate and batch; compares three side by side', async () => {
    const { page, posted, problems } = await openDashboardPage(browser, 'history');
    await page.waitForFunction(() => document.querySelector('#refresh') !== null);
    await postToPage(page, { type: 'history', runs: summaries, folder: 'runs' });
    await page.waitForSelector('#runs tbody tr');

    const headers = await page.locator('#runs thead th').allTextContents();
    for (const column of ['test MAE', 'parameters', 'embedding dims', 'λ', 'learning rate', 'batch'])
      assert.ok(headers.includes(column), `a "${column}" column (${headers.join(' | ')})`);
    const cell = (id: string, setting: string) =>
      page.locator(`#runs tr[data-run="${id}"] td[data-setting="${setting}"]`).textContent();
    // What each run was trained with on the command line, read back from its folder.
    assert.equal(await cell('mf-bias-lr01', 'learning rate'), '0.01');
    assert.equal(await cell('mf-bias-l2', 'learning rate'), '0.002');
    assert.equal(await cell('mf-bias-l2', 'λ'), '1e-4');
    assert.equal(await cell('mf-bias-l2', 'batch'), '512');
    assert.equal(await cell('gmf-run', 'learning rate'), '0.005');
    for (const r of summaries) {
      assert.equal(await cell(r.id, 'parameters'), r.settings.params?.toLocaleString('en-US'));
      assert.ok(r.settings.dims.length > 0, `${r.id} has embeddings`);
      assert.equal(await cell(r.id, 'embedding dims'), r.settings.dims.join(', '));
      const mae = await page.locator(`#runs tr[data-run="${r.id}"] td`).nth(5).textContent();
      assert.equal(mae, r.test!.mae.toFixed(4), 'the test MAE column');
    }

    // Three runs at once: the button counts them and asks the host for all three.
    const compare = page.locator('#compare');
    for (const id of Object.keys(RUNS)) await page.locator(`#runs tr[data-run="${id}"] input`).check();
    assert.equal(await compare.textContent(), 'Compare the 3 selected runs');
    await compare.click();
    const request = posted.map(parseDashboardMessage).find((m) => m?.type === 'compare');
    assert.ok(request?.type === 'compare', 'the host accepts a comparison of three runs');
    assert.deepEqual([...request.runIds].sort(), Object.keys(RUNS).sort());

    const curves = (await Promise.all(request.runIds.map((id) => readRunCurves(runs, id)))) as RunCurves[];
    await postToPage(page, { type: 'compare', runs: curves });
    await page.waitForSelector('#compare-settings');
    const legend = await page.locator('#chart-compare .u-legend .u-series').allTextContents();
    for (const c of curves) {
      assert.ok(
        legend.some((t) => t.includes(`${c.specName} (${c.id}) validation`)),
        `a series named by spec and run: ${c.id}`,
      );
      assert.ok(legend.some((t) => t.includes(`${c.specName} (${c.id}) train`)));
    }
    const columns = await page
      .locator('#compare-settings thead th[data-run]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-run')));
    assert.deepEqual(columns, request.runIds, 'one column per compared run');
    const row = (name: string) => page.locator(`#compare-settings tr[data-setting="${name}"]`);
    assert.deepEqual(
      await row('learning rate').locator('td').allTextContents(),
      columns.map((id) => ({ 'mf-bias-lr01': '0.01', 'mf-bias-l2': '0.002', 'gmf-run': '0.005' })[id!]),
    );
    assert.equal(await row('learning rate').getAttribute('class'), 'differs', 'settings that differ stand out');
    assert.equal(await row('data').getAttribute('class'), null, 'the same data does not');
    assert.deepEqual(
      await row('data').locator('td').allTextContents(),
      columns.map(() => 'synthetic (seed 42)'),
      'the data named as `ncf train` wrote it',
    );
    assert.deepEqual(problems, []);
    await screenshot(page, '32-history-compare-three');
    await page.close();
  });
});
