/**
 * The Tune and Compare pages in headless Chromium: the built bundle (dist/webview/tune.js) in the
 * host's own page shell and CSP, with a stand-in host that records what the page sends and answers
 * as the extension would — trials arriving live, a result, a comparison. Screenshots go to
 * test-output/webview/.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CompareOutcome } from '../../src/core/tune/compare';
import type { TrialRecord } from '../../src/core/tune/types';
import { toolPageHtml, type ToolView } from '../../src/extension/tune/html';
import type { HostToTunePage, TunePageToHost } from '../../src/protocol/tuneView';
import { parseTunePageMessage } from '../../src/protocol/tuneView';
import { findChromium, launch, ROOT, screenshot } from './standIn';
import { THEMES } from './theme';

const ORIGIN = 'https://tune.test';

class PageHost {
  readonly received: TunePageToHost[] = [];
  readonly problems: string[] = [];
  constructor(readonly page: Page) {}
  post(m: HostToTunePage) {
    return this.page.evaluate((x) => window.postMessage(x, '*'), m);
  }
  async waitFor(type: TunePageToHost['type']): Promise<TunePageToHost> {
    const found = () => this.received.find((m) => m.type === type);
    await this.page.waitForFunction(() => true);
    for (let i = 0; i < 400 && !found(); i++) await new Promise((r) => setTimeout(r, 25));
    const m = found();
    assert.ok(m, `the page sent ${type}`);
    return m;
  }
}

async function openPage(browser: Browser, view: ToolView): Promise<PageHost> {
  const page = await browser.newPage({ viewport: { width: 1300, height: 1100 } });
  const host = new PageHost(page);
  page.on('pageerror', (e) => host.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && host.problems.push(`console error: ${m.text()}`));
  await page.exposeFunction('__toHost', (raw: unknown) => {
    const m = parseTunePageMessage(raw);
    assert.ok(m, `a well-formed message: ${JSON.stringify(raw)}`);
    host.received.push(m);
  });
  await page.exposeFunction('__csp', (v: string) => host.problems.push(`CSP violation: ${v}`));
  const vars = THEMES.dark.vars;
  await page.addInitScript(`(() => {
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__toHost(m), getState: () => undefined, setState: () => {} });
    const vars = ${JSON.stringify(vars)};
    new MutationObserver((_, o) => { if (document.documentElement) { for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v); o.disconnect(); } }).observe(document, { childList: true, subtree: true });
    document.addEventListener('securitypolicyviolation', (e) => window.__csp(e.violatedDirective + ' ' + e.blockedURI));
  })();`);
  const html = toolPageHtml({
    cspSource: ORIGIN,
    nonce: 'n' + Math.random().toString(36).slice(2),
    asset: (...p) => `${ORIGIN}/${p.join('/')}`,
    view,
    title: view,
  });
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/index.html') return route.fulfill({ body: html, contentType: 'text/html' });
    const file = join(ROOT, path);
    if (!/^\/(dist|media)\//.test(path) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({
      body: readFileSync(file),
      contentType: extname(file) === '.js' ? 'text/javascript' : 'text/css',
    });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await host.waitFor('ready');
  return host;
}

const trial = (
  number: number,
  dim: number,
  lr: number,
  rmse: number,
  status: TrialRecord['status'] = 'complete',
): TrialRecord => ({
  event: 'trial',
  number,
  params: { 'p.dim+q.dim': dim, 'training.learningRate': lr },
  seed: 42,
  status,
  folds: [],
  val: { rmse, mae: rmse * 0.8 },
  valStd: { rmse: 0.004, mae: 0.003 },
  train: { rmse: rmse - 0.1, mae: 0.7 },
  seconds: 10 + number,
});

const chromium = findChromium();

describe('Tune and Compare pages in a browser', function () {
  let browser: Browser;
  before(async function () {
    if (!chromium) throw new Error("no Chromium found: install Debian's chromium or set NCF_E2E_CHROMIUM");
    assert.ok(existsSync(join(ROOT, 'dist/webview/tune.js')), 'dist/webview/tune.js is built (npm run build)');
    browser = await launch(chromium);
  });
  after(() => browser?.close());

  it('the form is prefilled, starts a search with what was ticked, shows trials live in a sortable table and charts, and Apply best asks the host', async () => {
    const host = await openPage(browser, 'tune');
    await host.post({
      type: 'form',
      form: {
        specName: 'MF-bias',
        strategy: 'tpe',
        trials: 4,
        jobs: 2,
        data: 'synthetic',
        split: 'kfold:3',
        fields: [
          { name: 'p.dim+q.dim', kind: 'choice', values: '16,32,64,128', search: true },
          { name: 'p.l2+q.l2', kind: 'log', values: 'log:0.0000067..0.006', search: true },
          { name: 'training.learningRate', kind: 'log', values: 'log:0.0004..0.01', search: true },
        ],
      },
    });
    await host.page.waitForSelector('#values-0');
    assert.equal(await host.page.inputValue('#values-0'), '16,32,64,128');
    await host.page.uncheck('#field-1');
    await host.page.fill('#values-0', '16,64');
    await host.page.fill('#trials', '4');
    await screenshot(host.page, 'tune-form');
    await host.page.click('#start');
    const start = (await host.waitFor('start')) as Extract<TunePageToHost, { type: 'start' }>;
    assert.deepEqual(
      start.form.fields.map((f) => [f.name, f.search, f.values]),
      [
        ['p.dim+q.dim', true, '16,64'],
        ['p.l2+q.l2', false, 'log:0.0000067..0.006'],
        ['training.learningRate', true, 'log:0.0004..0.01'],
      ],
    );
    assert.equal(start.form.trials, 4);

    const space = [
      { name: 'p.dim+q.dim', paths: ['p.dim', 'q.dim'], kind: 'choice' as const, values: [16, 64] },
      { name: 'training.learningRate', paths: ['training.learningRate'], kind: 'log' as const, min: 0.0004, max: 0.01 },
    ];
    await host.post({
      type: 'started',
      space,
      trials: 4,
      folds: ['kfold:3#1', 'kfold:3#2', 'kfold:3#3'],
      outDir: '.ncf/tune/mf-bias',
    });
    const arriving = [
      trial(1, 16, 0.004, 0.95),
      trial(0, 64, 0.002, 0.93),
      trial(2, 64, 0.008, 0.97, 'pruned'),
      trial(3, 16, 0.001, 0.94),
    ];
    for (const t of arriving) {
      await host.post({ type: 'trial', trial: t });
      await host.page.waitForSelector(`#trials-table tr[data-trial="${t.number}"]`);
    }
    const order = () =>
      host.page.$$eval('#trials-table tr[data-trial]', (rows) => rows.map((r) => r.getAttribute('data-trial')));
    assert.deepEqual(await order(), ['0', '3', '1', '2'], 'by validation RMSE, pruned last');
    assert.equal(await host.page.getAttribute('#trials-table tr.best', 'data-trial'), '0');
    await host.page.click('#trials-table th[data-sort="number"]');
    assert.deepEqual(await order(), ['0', '1', '2', '3']);
    await host.page.click('#trials-table th[data-sort="number"]');
    assert.deepEqual(await order(), ['3', '2', '1', '0']);
    assert.equal(await host.page.locator('#trials-chart canvas').count(), 1, 'the per-trial chart');
    assert.equal(await host.page.locator('.chart[data-param] canvas').count(), 2, 'one chart per searched parameter');

    await host.post({ type: 'status', text: '4 of 4 trials', running: true });
    await host.page.click('#cancel');
    await host.waitFor('cancel');
    await host.post({
      type: 'result',
      canApply: true,
      result: {
        event: 'tune-result',
        strategy: 'tpe',
        trials: 4,
        pruned: 1,
        best: {
          params: trial(0, 64, 0.002, 0.93).params,
          val: { rmse: 0.93, mae: 0.74 },
          train: { rmse: 0.83, mae: 0.66 },
          test: { rmse: 0.935, mae: 0.745 },
        },
        default: { val: { rmse: 0.94, mae: 0.75 }, test: { rmse: 0.946, mae: 0.751 } },
        seconds: 60,
      },
    });
    await host.page.waitForSelector('#apply');
    assert.match(
      (await host.page.textContent('#result-table')) ?? '',
      /chosen0\.93000\.93500\.7450default0\.94000\.9460/,
    );
    await host.page.click('#apply');
    await host.waitFor('applyBest');
    await host.post({ type: 'applied', text: 'applied to model.ncf.json (undo with Ctrl+Z)' });
    await host.page.waitForSelector('#applied:has-text("undo")');
    await screenshot(host.page, 'tune-results');
    assert.deepEqual(host.problems, []);
  });

  it('compare: a grouped bar chart (train, validation, test per model) with the baselines as lines, the table and the paired tests', async () => {
    const host = await openPage(browser, 'compare');
    const m = (name: string, train: number, val: number, test: number) => ({
      event: 'model' as const,
      name,
      params: 170625,
      train: { rmse: train, mae: 0.7 },
      trainStd: { rmse: 0.002, mae: 0.001 },
      val: { rmse: val, mae: 0.72 },
      valStd: { rmse: 0.003, mae: 0.002 },
      test: { rmse: test, mae: 0.73 },
      testStd: { rmse: 0.008, mae: 0.006 },
      foldTest: [test, test, test],
      epochs: 9,
      seconds: 40,
    });
    const outcome: CompareOutcome = {
      event: 'compare-result',
      data: 'synthetic',
      split: 'kfold:3',
      seed: 42,
      folds: ['kfold:3#1', 'kfold:3#2', 'kfold:3#3'],
      models: [m('mf-bias', 0.82, 0.92, 0.925), m('neumf', 0.85, 0.93, 0.931), m('gmf', 0.9, 0.95, 0.951)],
      pairs: [
        { a: 'mf-bias', b: 'neumf', meanDiff: -0.006, p: 0.2, significant: false },
        { a: 'mf-bias', b: 'gmf', meanDiff: -0.026, p: 0.003, significant: true },
        { a: 'neumf', b: 'gmf', meanDiff: -0.02, p: 0.01, significant: true },
      ],
      baselines: { globalMean: { rmse: 1.12, mae: 0.94 }, userItemBias: { rmse: 0.945, mae: 0.75 } },
      seconds: 120,
    };
    await host.post({ type: 'compare', outcome });
    await host.page.waitForSelector('#bars svg');
    assert.equal(await host.page.locator('#bars rect[data-model]').count(), 9, 'three bars per model');
    assert.equal(await host.page.locator('#bars line[data-baseline]').count(), 2, 'two baselines');
    // The test bar of the better model is taller (a lower RMSE is a shorter bar: its top is lower on the page).
    const top = (model: string) =>
      host.page.getAttribute(`#bars rect[data-model="${model}"][data-kind="test"]`, 'y').then(Number);
    assert.ok((await top('mf-bias')) > (await top('gmf')));
    assert.deepEqual(
      await host.page.$$eval('#compare-table tr[data-model]', (rows) => rows.map((r) => r.getAttribute('data-model'))),
      ['mf-bias', 'neumf', 'gmf'],
    );
    // Train, validation and test, each RMSE and MAE as mean ± sd over the folds.
    assert.deepEqual(
      await host.page.$$eval('#compare-table tr[data-model="mf-bias"] td', (tds) =>
        tds.slice(2, 8).map((td) => td.textContent),
      ),
      [
        '0.8200 ± 0.0020',
        '0.7000 ± 0.0010',
        '0.9200 ± 0.0030',
        '0.7200 ± 0.0020',
        '0.9250 ± 0.0080',
        '0.7300 ± 0.0060',
      ],
    );
    assert.equal(await host.page.locator('#pairs li.significant').count(), 2);
    await screenshot(host.page, 'compare');
    assert.deepEqual(host.problems, []);
  });
});
