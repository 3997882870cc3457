/**
 * "Recommend for a user" in headless Chromium: the built page with the extension's own HTML and
 * CSP, answered by the host's real session on a run trained here (see standIn.ts for the stand-in
 * of VS Code). Screenshots go to test-output/webview/.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadDataset } from '../../src/core/data/load';
import { saveRun } from '../../src/core/engine/save';
import { runJob } from '../../src/core/job/runJob';
import { runDataFiles } from '../../src/core/predict';
import { presetSpec } from '../../src/core/presets';
import { RecommendSession } from '../../src/extension/recommend/session';
import { parseRecommendMessage, type HostToRecommend } from '../../src/protocol/recommend';
import type { ThemeName } from './theme';
import { findChromium, launch, openBundlePage, screenshot } from './standIn';

const cells = (page: Page, table: string) =>
  page.$$eval(`#${table} tbody tr`, (rows) => rows.map((r) => Array.from(r.children).map((c) => c.textContent ?? '')));

describe('webview: Recommend for a user', function () {
  let browser: Browser;
  let dir: string;
  let session: RecommendSession;
  let seenBy17: Set<string>;

  before(async function () {
    const chromium = findChromium();
    if (!chromium)
      throw new Error('no Chromium found on PATH: install it (apt-get install chromium) or set NCF_E2E_CHROMIUM');
    dir = mkdtempSync(join(tmpdir(), 'ncf-recommend-view-'));
    const spec = { ...presetSpec('mf-bias'), training: { ...presetSpec('mf-bias').training, epochs: 2 } };
    const job = await runJob({ spec, data: 'synthetic', split: 'random:0.2', backend: 'wasm' });
    await saveRun(join(dir, 'run'), {
      model: job.model,
      spec,
      dataset: job.dataset,
      result: job.result,
      files: runDataFiles('synthetic', job.dataset, spec),
    });
    job.model.dispose();
    session = await RecommendSession.open(join(dir, 'run'));
    const d = await loadDataset('synthetic');
    const u = d.userIds.indexOf('17');
    seenBy17 = new Set(
      Array.from(
        d.items.filter((_, row) => d.users[row] === u),
        (i) => d.itemIds[i],
      ),
    );
    browser = await launch(chromium);
  });
  after(async () => {
    await browser?.close();
    session?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(
    theme: ThemeName = 'dark',
  ): Promise<{ page: Page; problems: string[]; answers: HostToRecommend[] }> {
    const answers: HostToRecommend[] = [];
    // Page errors, CSP violations and messages the host's schema rejects: there should be none.
    const problems: string[] = [];
    const opened = await openBundlePage(browser, 'recommend', {
      theme,
      width: 1400,
      height: 900,
      problems,
      receive: (raw, post) => {
        const m = parseRecommendMessage(raw);
        if (!m) return problems.push(`a message the host drops: ${JSON.stringify(raw)}`);
        const answer: HostToRecommend =
          m.type === 'ready' ? { type: 'run', run: session.info, user: '17' } : session.answer(m);
        answers.push(answer);
        return post(answer);
      },
    });
    return { page: opened.page, problems, answers };
  }

  it("shows a user's top-10 unrated items with scores and their own highest-rated items", async function () {
    const { page, problems, answers } = await open();
    await page.waitForSelector('#top-items tbody tr');
    const top = await cells(page, 'top-items');
    const answer = answers.find((a) => a.type === 'recommendations');
    assert.ok(answer?.type === 'recommendations');
    assert.equal(top.length, 10);
    assert.deepEqual(
      top.map((r) => r[1]),
      answer.items.map((x) => x.item),
      "the rows are the host's answer, in its order",
    );
    assert.deepEqual(
      top.map((r) => r[r.length - 1]),
      answer.items.map((x) => x.score.toFixed(3)),
    );
    assert.equal(top[0].length, 4, 'no title column for data without titles');
    for (const [, item] of top) assert.ok(!seenBy17.has(item), `item ${item} was rated by user 17`);
    const liked = await cells(page, 'liked-items');
    assert.equal(liked.length, 10);
    for (const [item] of liked) assert.ok(seenBy17.has(item), `liked item ${item} is one user 17 rated`);
    assert.match((await page.textContent('#profile')) ?? '', /\d+ ratings · mean \d\.\d\d/);
    assert.match((await page.textContent('#timing')) ?? '', /^answered in (<1|\d+) ms over 1,682 items$/);
    assert.equal(await page.inputValue('#user'), '17');
    await screenshot(page, 'recommend-dark');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("changes the user and k, shows one item's score on a click, and names an unknown user", async function () {
    const { page, problems } = await open('light');
    await page.waitForSelector('#top-items tbody tr');
    await page.fill('#user', '42');
    await page.press('#user', 'Enter');
    await page.waitForSelector('h2:has-text("Top 10 for user 42")');
    await page.fill('#k', '5');
    await page.press('#k', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('#top-items tbody tr').length === 5);
    const top = await cells(page, 'top-items');
    const expected = session.answer({ type: 'recommend', user: '42', k: 5 });
    assert.ok(expected.type === 'recommendations');
    assert.deepEqual(
      top.map((r) => r[1]),
      expected.items.map((x) => x.item),
    );

    await page.click(`#top-items tbody tr[data-item="${top[2][1]}"]`);
    await page.waitForSelector('#prediction[data-score]');
    assert.equal(await page.textContent('#prediction'), `user 42, item ${top[2][1]}: predicted ${top[2][3]}`);
    await screenshot(page, 'recommend-light');

    await page.fill('#user', 'nobody');
    await page.press('#user', 'Enter');
    await page.waitForSelector('#error:has-text("unknown user")');
    assert.match((await page.textContent('#error')) ?? '', /^unknown user 'nobody': the run knows 943 users/);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
