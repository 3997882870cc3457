/**
 * The sidebar's Datasets view and the MovieLens download offline, in a real VS Code (code-server)
 * with the packaged extension: a release already downloaded is listed and trains with a click; a
 * download that cannot reach the network says so in one line and offers a MovieLens folder on this
 * machine or the built-in synthetic data, each of which goes on to train; a folder and a ratings
 * file trained on lately are listed and train again with a click. The network is made unreachable
 * by pointing `ncf.movieLensMirror` at a closed loopback port, so the test means the same on a
 * machine that could reach GroupLens. The rating files are generated here: no MovieLens data.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { presetDocument } from '../../src/core/presets';
import {
  chooseInOpenDialog,
  pickQuickItem,
  runCommandTo,
  screenshot,
  useWorkbench,
  waitFor,
  notification,
} from './harness';

/** Port 9 (discard) on the loopback: nothing listens, so a download is refused at once (ECONNREFUSED). */
const UNREACHABLE_MIRROR = 'http://127.0.0.1:9/movielens/';
const SPEC = 'ds-mf';

/** `perUser` ratings by each of `users` users of `items` items, the same each time (no MovieLens data in the repository). */
function ratings(users: number, items: number, perUser: number): [number, number, number][] {
  const rows: [number, number, number][] = [];
  // A step of 7 through the items visits `perUser` distinct ones when `items` is not a multiple of 7.
  for (let u = 1; u <= users; u++)
    for (let j = 0; j < perUser; j++) {
      const i = 1 + ((u * 17 + j * 7) % items);
      rows.push([u, i, 1 + ((u + 2 * i) % 5)]);
    }
  return rows;
}
/** u.data as MovieLens 100K lays it out: user, item, rating, timestamp, tab-separated. */
const uData = () =>
  ratings(80, 60, 25)
    .map(([u, i, r], n) => `${u}\t${i}\t${r}\t${881250949 + n}\n`)
    .join('');
const ratingsCsv = () =>
  `user,item,rating\n${ratings(70, 50, 20)
    .map((r) => r.join(',') + '\n')
    .join('')}`;

/** A row of the Datasets view by its label (its tooltip reads "Train a model on <label>"). */
const datasetRow = (page: Page, label: string) =>
  page.locator(
    `.pane:has(.pane-header[aria-label^="Datasets"]) .monaco-list-row:is([aria-label="Train a model on ${label}"], [aria-label="${label}"])`,
  );

/** Opens the NCF Studio view unless it is open: a click on its activity bar icon would close it. */
async function showNcfStudio(page: Page): Promise<void> {
  const datasets = page.locator('.pane-header[aria-label^="Datasets"]');
  if (await datasets.isVisible()) return;
  await page.locator('.activitybar .action-item a[aria-label^="NCF Studio"]').click();
  await datasets.waitFor();
}

describe('NCF Studio in code-server: the Datasets view and downloading offline', function () {
  const workbench = useWorkbench('datasets', {
    settings: {
      'ncf.backend': 'wasm',
      'ncf.split': 'random:0.2',
      'ncf.epochs': 1,
      'ncf.movieLensMirror': UNREACHABLE_MIRROR,
    },
    files: {
      [`${SPEC}.ncf.json`]: JSON.stringify({ ...presetDocument('mf'), name: 'DS MF' }, null, 2),
      'my-movielens/u.data': uData(),
      'my-ratings.csv': ratingsCsv(),
    },
  });
  const runsDir = () => join(workbench.workspace, '.ncf', 'runs');
  const finishedRuns = () =>
    (existsSync(runsDir()) ? readdirSync(runsDir()) : []).filter((r) => {
      const file = join(runsDir(), r, 'metrics.json');
      return !r.startsWith('.') && existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).test !== undefined;
    });
  const dataSourceOf = (run: string) =>
    JSON.parse(readFileSync(join(runsDir(), run, 'metrics.json'), 'utf8')).dataSource as string;

  /** Answers the Train flow's architecture question; the split and the epochs come from the settings. Resolves to the new run. */
  async function trainsAfterPickingSpec(): Promise<string> {
    const earlier = finishedRuns();
    await pickQuickItem(workbench.page, 'Train NCF model: architecture', `${SPEC}.ncf.json`, SPEC);
    return waitFor('the run to be saved', () => finishedRuns().find((r) => !earlier.includes(r)), 300_000);
  }

  /**
   * The warning a download gives offline, once the release is picked from the Datasets view's
   * "Download MovieLens…", as the notifications centre lists it (see `notification`).
   */
  async function downloadOffline(release: string) {
    const page = workbench.page;
    await showNcfStudio(page);
    // The hover of a row clicked earlier can cover the row under it until the mouse leaves.
    await page.mouse.move(0, 0);
    await page.locator('.context-view .hover-contents').waitFor({ state: 'hidden' });
    await datasetRow(page, 'Download MovieLens…').click();
    await pickQuickItem(page, 'Download MovieLens dataset', release);
    const warning = await notification(
      page,
      `Cannot download ${release}: cannot reach 127.0.0.1:9 (ECONNREFUSED). Are you offline?`,
    );
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    return warning;
  }

  it('lists a MovieLens release downloaded earlier, and trains on it with a click', async function () {
    const page = workbench.page;
    // Where the download unpacks a release: the extension's global storage.
    const storage = join(workbench.server.userDataDir, 'User', 'globalStorage', 'ncf-studio.ncf-studio', 'datasets');
    mkdirSync(join(storage, 'ml-100k'), { recursive: true });
    writeFileSync(join(storage, 'ml-100k', 'u.data'), uData());
    await showNcfStudio(page);
    await page.locator('.pane-header[aria-label^="Runs"]').hover();
    await page.locator('.pane-header[aria-label^="Runs"] .action-label[aria-label^="Refresh"]').click();
    const row = datasetRow(page, 'MovieLens 100K');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /downloaded/);
    assert.equal(await datasetRow(page, 'MovieLens 1M').count(), 0, 'a release not downloaded is not listed');

    await row.click();
    const run = await trainsAfterPickingSpec();
    assert.equal(dataSourceOf(run), `movielens:${join(storage, 'ml-100k')}`);
  });

  it('says offline in one line, and trains on a MovieLens folder on this machine instead', async function () {
    const page = workbench.page;
    const warning = await downloadOffline('MovieLens 1M');
    await screenshot(page, 'download-offline');
    await warning.locator('.monaco-button', { hasText: 'Train on a local folder…' }).click();
    await chooseInOpenDialog(page, join(workbench.workspace, 'my-movielens'));
    const run = await trainsAfterPickingSpec();
    assert.equal(dataSourceOf(run), `movielens:${join(workbench.workspace, 'my-movielens')}`);
    assert.ok(
      !existsSync(
        join(workbench.server.userDataDir, 'User', 'globalStorage', 'ncf-studio.ncf-studio', 'datasets', 'ml-1m'),
      ),
    );
  });

  it('lists the folder and the ratings file trained on lately, and trains on a recent file again with a click', async function () {
    const page = workbench.page;
    const csv = join(workbench.workspace, 'my-ratings.csv');
    await runCommandTo(page, 'NCF: Train NCF model', 'Train NCF model: architecture');
    await pickQuickItem(page, 'Train NCF model: architecture', `${SPEC}.ncf.json`, SPEC);
    const earlier = finishedRuns();
    await pickQuickItem(page, 'Train NCF model: data', 'Ratings CSV file…', 'Ratings CSV');
    await chooseInOpenDialog(page, csv);
    const first = await waitFor('the CSV run', () => finishedRuns().find((r) => !earlier.includes(r)), 300_000);
    assert.equal(dataSourceOf(first), `csv:${csv}`);

    await showNcfStudio(page);
    const file = datasetRow(page, 'my-ratings.csv');
    const folder = datasetRow(page, 'my-movielens');
    await file.waitFor();
    await folder.waitFor();
    assert.match((await file.textContent()) ?? '', /recent/);
    assert.match((await folder.textContent()) ?? '', /recent/);
    assert.equal(await file.locator('.codicon-file').count(), 1, 'a file shows as a file');
    assert.equal(await folder.locator('.codicon-folder').count(), 1, 'a folder shows as a folder');
    await screenshot(page, 'datasets-view');

    await file.click();
    const again = await trainsAfterPickingSpec();
    assert.equal(dataSourceOf(again), `csv:${csv}`);
  });

  it('offline, "Train on synthetic data" starts the Train flow on that data', async function () {
    const warning = await downloadOffline('MovieLens 100K');
    await warning.locator('.monaco-button', { hasText: 'Train on synthetic data' }).click();
    const run = await trainsAfterPickingSpec();
    assert.equal(dataSourceOf(run), 'synthetic');
  });
});
