/**
 * Choosing hyperparameters in a real VS Code (code-server) with the packaged extension: NCF: Tune
 * hyperparameters on a spec file, a form narrowed to a 2×2 grid (4 trials) on the built-in
 * synthetic set, the trials arriving live in the Tune view, then Apply best — one edit of the open
 * spec that VS Code undoes and redoes — saved to disk; the search is then listed in the history.
 * Screenshots go to test-output/.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { presetDocument } from '../../src/core/presets';
import {
  findFrame,
  openFile,
  pickQuickItem,
  runCommand,
  runCommandTo,
  screenshot,
  showTab,
  useWorkbench,
  waitFor,
} from './harness';

const FILE = 'e2e-tune.ncf.json';
const NAME = 'E2E tune';
const ORIGINAL = JSON.stringify({ ...presetDocument('mf-bias'), name: NAME }, null, 2) + '\n';
/** Values the spec does not hold (its dim is 64, its rate 0.002), so the chosen one is a visible change. */
const DIMS = [4, 8];
const RATES = [0.003, 0.01];
/** How long the search may take on a loaded machine (it ends on the page's result, not on this). */
const SEARCH_MS = 600_000;

/** The tab of a file, dirty (unsaved edits) or clean. */
const tab = (page: Page, dirty: boolean) =>
  page.locator(`.tabs-container .tab${dirty ? '.dirty' : ':not(.dirty)'}`, { hasText: FILE });

/**
 * Brings the spec's tab to the front and presses `key` until `shows` is visible. On a busy machine
 * a key pressed while the builder re-renders can go to its frame and be lost; pressing again is
 * harmless here (the undo stack holds one edit, and saving twice is saving).
 */
async function pressUntil(page: Page, key: string, shows: Locator): Promise<void> {
  await waitFor(`${key} to take effect`, async () => {
    await showTab(page, FILE);
    await page.keyboard.press(key);
    return shows.waitFor({ timeout: 10_000 }).then(
      () => true,
      () => undefined,
    );
  });
}

/** Narrows the prefilled form to the 2×2 grid: the two fields searched get their values, the others are unticked. */
async function fillForm(view: Frame): Promise<void> {
  const names = await view.$$eval('.form-table label', (labels) => labels.map((l) => l.textContent ?? ''));
  // Prefilled from the spec's default space: its tied embedding sizes, both λ and the learning rate.
  assert.deepEqual(names, ['p.dim+q.dim', 'p.l2+q.l2', 'a.l2+b.l2', 'training.learningRate']);
  for (const [i, name] of names.entries()) {
    if (name === 'p.dim+q.dim') await view.fill(`#values-${i}`, DIMS.join(','));
    else if (name === 'training.learningRate') await view.fill(`#values-${i}`, RATES.join(','));
    else await view.uncheck(`#field-${i}`);
  }
  await view.selectOption('#strategy', 'grid');
  await view.fill('#trials', '4');
  assert.equal(await view.inputValue('#data'), 'synthetic', 'the data comes from the ncf.defaultDataset setting');
}

describe('NCF Studio in code-server: tune hyperparameters and apply the best', function () {
  const workbench = useWorkbench('tune', {
    settings: { 'ncf.epochs': 2, 'ncf.backend': 'wasm', 'ncf.defaultDataset': 'synthetic' },
    files: { [FILE]: ORIGINAL },
  });

  it('tunes 4 trials on the synthetic set live, applies the best to the open spec, and lists the search in the history', async function () {
    const { page } = workbench;
    const file = join(workbench.workspace, FILE);
    await openFile(page, FILE);
    await findFrame(page, `.toolbar-title .spec-name:text-is("${NAME}")`, 300_000);
    // Under load the extension host can take minutes to register the commands.
    await runCommandTo(page, 'NCF: Tune hyperparameters', 'Tune hyperparameters: architecture', 300_000);
    await pickQuickItem(page, 'Tune hyperparameters: architecture', FILE, 'e2e-tune');
    const view = await findFrame(page, '#start', 180_000);
    await fillForm(view);
    await view.click('#start');

    // The trials arrive one by one; the result comes once the chosen and the default configuration
    // have been measured on the test folds.
    await view.waitForSelector('#apply:not([disabled])', { timeout: SEARCH_MS });
    await view.waitForFunction(() => document.querySelectorAll('#trials-table tr[data-trial]').length === 4);
    const rows = await view.$$eval('#trials-table tr[data-trial]', (trs) =>
      trs.map((tr) => ({ trial: Number(tr.getAttribute('data-trial')), best: tr.classList.contains('best') })),
    );
    assert.deepEqual(rows.map((r) => r.trial).sort(), [0, 1, 2, 3]);
    for (const id of ['trials-chart', 'p.dim+q.dim', 'training.learningRate']) {
      const selector = id === 'trials-chart' ? '#trials-chart canvas' : `[data-param="${id}"] canvas`;
      assert.ok(await view.$(selector), `${selector} is drawn`);
    }

    // The search folder in the workspace holds the four trials and the result the page shows.
    const searches = join(workbench.workspace, '.ncf', 'tune');
    const [folder] = readdirSync(searches);
    const trials = readFileSync(join(searches, folder, 'trials.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { number: number; status: string; val: { rmse: number } });
    assert.deepEqual(
      trials.map((t) => t.status),
      ['complete', 'complete', 'complete', 'complete'],
    );
    const result = JSON.parse(readFileSync(join(searches, folder, 'result.json'), 'utf8')) as {
      bestTrial: number;
      best: { params: { 'p.dim+q.dim': number; 'training.learningRate': number } };
    };
    const lowest = [...trials].sort((a, b) => a.val.rmse - b.val.rmse || a.number - b.number)[0];
    assert.equal(result.bestTrial, lowest.number, 'the chosen trial has the lowest validation RMSE');
    assert.deepEqual(
      rows.filter((r) => r.best).map((r) => r.trial),
      [lowest.number],
      'the table marks it',
    );
    await screenshot(page, 'tune-trials');

    // Apply best: the open spec is edited (its tab turns dirty), the file on disk is not yet.
    await view.click('#apply');
    await view.waitForSelector(`#applied:has-text("applied to ${FILE}")`);
    await tab(page, true).waitFor();
    assert.equal(readFileSync(file, 'utf8'), ORIGINAL);
    // Saved from the spec's tab, as a person saves it.
    await pressUntil(page, 'Control+S', tab(page, false));

    // Exactly the chosen values changed; the rest of the file keeps its text and formatting.
    const { 'p.dim+q.dim': dim, 'training.learningRate': rate } = result.best.params;
    assert.ok(DIMS.includes(dim) && RATES.includes(rate), JSON.stringify(result.best.params));
    const expected = ORIGINAL.replaceAll('"dim": 64', `"dim": ${dim}`).replace(
      '"learningRate": 0.002',
      `"learningRate": ${rate}`,
    );
    const saved = await waitFor('the saved spec', () => {
      const text = readFileSync(file, 'utf8');
      return text === expected ? text : undefined;
    }).catch(() => readFileSync(file, 'utf8'));
    assert.equal(saved, expected);
    await screenshot(page, 'tune-applied');

    // The training history lists the search beside the runs.
    await runCommand(page, 'NCF: Open run history');
    const history = await findFrame(page, `#searches tr[data-search="${folder}"]`, 120_000);
    const cells = await history.$$eval(`#searches tr[data-search="${folder}"] td`, (tds) =>
      tds.map((td) => td.textContent ?? ''),
    );
    assert.equal(cells[0], NAME);
    assert.equal(cells[1], 'synthetic');
    assert.equal(cells[5], '4/4');
    assert.equal(cells[9], 'finished');
    await screenshot(page, 'tune-history');
  });
});
