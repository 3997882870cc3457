/**
 * "Dataset overview" in headless Chromium: the built page with the extension's own HTML and CSP,
 * fed the host's real figures for MovieLens 100K (or, without it, the synthetic set) and a ratings
 * CSV. Screenshots go to test-output/webview/.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeDataset, longTail } from '../../src/core/data/describe';
import { loadDataset } from '../../src/core/data/load';
import { parseOverviewMessage, type HostToOverview } from '../../src/protocol/overview';
import { ML100K_ABSENT, ml100kDir } from '../helpers/data';
import type { ThemeName } from './theme';
import { findChromium, launch, openBundlePage, screenshot } from './standIn';

async function overviewOf(source: string, label: string): Promise<HostToOverview> {
  const d = await loadDataset(source);
  return { type: 'overview', label, overview: describeDataset(d), tail: longTail(d) };
}

describe('webview: Dataset overview', function () {
  let browser: Browser;
  let dir: string;
  before(async function () {
    const chromium = findChromium();
    if (!chromium)
      throw new Error('no Chromium found on PATH: install it (apt-get install chromium) or set NCF_E2E_CHROMIUM');
    browser = await launch(chromium);
    dir = mkdtempSync(join(tmpdir(), 'ncf-overview-view-'));
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(
    message: HostToOverview,
    theme: ThemeName,
  ): Promise<{ page: Page; problems: string[]; asked: string[] }> {
    const asked: string[] = [];
    // Page errors, CSP violations and messages the host's schema rejects: there should be none.
    const problems: string[] = [];
    const opened = await openBundlePage(browser, 'overview', {
      theme,
      width: 1400,
      height: 1300,
      problems,
      receive: (raw, post) => {
        const m = parseOverviewMessage(raw);
        if (!m) return problems.push(`a message the host drops: ${JSON.stringify(raw)}`);
        asked.push(m.type);
        return m.type === 'ready' ? post(message) : undefined;
      },
    });
    return { page: opened.page, problems, asked };
  }

  it('charts MovieLens 100K (histogram, long tails on log scales, genres) and tabulates its figures', async function () {
    const ml = ml100kDir();
    if (!ml) console.log(`      ${ML100K_ABSENT}: the synthetic set stands in`);
    const message = await overviewOf(ml ? `movielens:${ml}` : 'synthetic', ml ? 'MovieLens 100K' : 'synthetic');
    assert.ok(message.type === 'overview');
    const o = message.overview;
    const { page, problems, asked } = await open(message, 'dark');
    await page.waitForSelector('#chart-genres canvas');
    for (const id of ['chart-histogram', 'chart-per-user', 'chart-per-item'])
      assert.ok(await page.$(`#${id} canvas`), `${id} is drawn`);
    assert.equal(await page.textContent('[data-fact="ratings"] .value'), o.ratings.toLocaleString('en-US'));
    assert.equal(await page.textContent('[data-fact="density"] .value'), `${(o.density * 100).toFixed(1)} %`);
    const histogram = await page.$$eval('#histogram tbody tr', (rows) =>
      rows.map((r) => [r.children[0].textContent, r.children[1].textContent]),
    );
    assert.deepEqual(
      histogram,
      Object.entries(o.histogram).map(([v, n]) => [v, n.toLocaleString('en-US')]),
    );
    const genres = await page.$$eval('#genres tbody tr', (rows) => rows.map((r) => r.children[0].textContent));
    assert.deepEqual(
      genres,
      o.byGenre!.map((g) => g.group),
    );
    assert.equal(await page.textContent('#spread tbody tr:first-child td:nth-child(2)'), String(o.perUser.min));
    // The long-tail charts put ranks and counts on log scales.
    const logScales = await page.$$eval('#chart-per-item .u-axis', (axes) => axes.length);
    assert.ok(logScales >= 2);
    await screenshot(page, 'overview-dark');
    await page.click('#pick');
    for (
      const deadline = Date.now() + 10_000;
      !asked.includes('pickData');
      await new Promise((r) => setTimeout(r, 25))
    ) {
      if (Date.now() > deadline)
        throw new Error(`"Another dataset…" did not ask the host (it got ${asked.join(', ')})`);
    }
    assert.deepEqual(asked, ['ready', 'pickData']);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows a ratings CSV without genre figures, in the light theme; a bad file is one line', async function () {
    const csv = join(dir, 'ratings.csv');
    writeFileSync(
      csv,
      'user,item,rating\n' +
        Array.from({ length: 300 }, (_, k) => `u${k % 23},i${(k * 7) % 41},${1 + ((k * 3) % 10) / 2}`).join('\n') +
        '\n',
    );
    const { page, problems } = await open(await overviewOf(`csv:${csv}`, 'ratings.csv'), 'light');
    await page.waitForSelector('#chart-per-item canvas');
    assert.equal(await page.$('#chart-genres'), null, 'no genre chart for data without genres');
    assert.equal(await page.$('#genres'), null);
    await screenshot(page, 'overview-light');
    await page.close();

    const broken = await open(
      { type: 'error', label: 'broken.csv', message: "broken.csv:3: rating 'x' is not a number" },
      'dark',
    );
    await broken.page.waitForSelector('#numbers .error');
    assert.equal(
      await broken.page.textContent('#numbers .error'),
      "broken.csv: broken.csv:3: rating 'x' is not a number",
    );
    assert.deepEqual([...problems, ...broken.problems], []);
    await broken.page.close();
  });
});
