/**
 * A user's own feature files in a real VS Code (code-server) with the packaged extension: Train on
 * a ratings CSV with a spec that reads a user and an item feature; each missing feature is an error
 * naming node and feature that offers to choose a feature file; the file chosen goes to the
 * workspace settings (ncf.userFeatures, ncf.itemFeatures, workspace-relative) and the training
 * starts again, until it trains. Then the builder's palette offers the features of that data.
 * Screenshots go to test-output/.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chooseInOpenDialog,
  findFrame,
  openFile,
  pickQuickItem,
  runCommandTo,
  screenshot,
  useWorkbench,
  waitFor,
  notification,
} from './harness';
import { cityTagsSpec, featureData } from '../helpers/featureFiles';

describe('NCF Studio in code-server: feature files', function () {
  const workbench = useWorkbench('features', {
    settings: { 'ncf.backend': 'wasm', 'ncf.split': 'random:0.2', 'ncf.epochs': 2 },
    files: { 'city.ncf.json': JSON.stringify(cityTagsSpec('E2E city and tags'), null, 2), ...featureData() },
  });
  const runsDir = () => join(workbench.workspace, '.ncf', 'runs');
  const settings = () =>
    JSON.parse(readFileSync(join(workbench.workspace, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;

  /** The error saying `missing`; clicks its offer and chooses `file` in the open dialog. */
  async function chooseOffered(missing: string, button: string, file: string): Promise<void> {
    const page = workbench.page;
    const offer = await notification(page, missing, 300_000);
    await offer.locator('.monaco-button', { hasText: button }).click();
    await chooseInOpenDialog(page, join(workbench.workspace, file));
  }

  it('offers to choose the feature file a spec needs, saves it in the settings and trains with it', async function () {
    const page = workbench.page;
    await runCommandTo(page, 'NCF: Train NCF model', 'Train NCF model: architecture');
    await pickQuickItem(page, 'Train NCF model: architecture', 'city.ncf.json', 'city');
    await pickQuickItem(page, 'Train NCF model: data', 'Ratings CSV file…', 'Ratings CSV');
    await chooseInOpenDialog(page, join(workbench.workspace, 'ratings.csv'));

    await screenshot(page, 'features-missing-user-feature').catch(() => undefined);
    await chooseOffered(
      "node 'city', field 'feature': the data has no user feature 'city'",
      'Choose user feature file…',
      'users.csv',
    );
    await waitFor('ncf.userFeatures in the workspace settings', () =>
      settings()['ncf.userFeatures'] === 'users.csv' ? true : undefined,
    );
    await chooseOffered(
      "node 'tags', field 'feature': the data has no item feature 'tags'",
      'Choose item feature file…',
      'items.csv',
    );
    assert.equal(
      await waitFor('ncf.itemFeatures in the workspace settings', () => settings()['ncf.itemFeatures'] as string),
      'items.csv',
    );

    const run = await waitFor(
      'the run to be saved',
      () =>
        existsSync(runsDir())
          ? readdirSync(runsDir()).find((r) => {
              try {
                return JSON.parse(readFileSync(join(runsDir(), r, 'metrics.json'), 'utf8')).test !== undefined;
              } catch {
                return false;
              }
            })
          : undefined,
      300_000,
    );
    const features = JSON.parse(readFileSync(join(runsDir(), run, 'features.json'), 'utf8'));
    assert.deepEqual(Object.keys(features.columns).sort(), ['city', 'tags']);

    // The builder's palette now offers the features of the data trained on, with the settings' files.
    await openFile(page, 'city.ncf.json');
    const builder = await findFrame(page, '[data-palette-key="input:userFeature:city"]');
    assert.equal(
      await builder.$eval('[data-palette-key="input:itemFeature:tags"] .palette-detail', (e) => e.textContent),
      'multi-valued · 3',
    );
    assert.match(await builder.$eval('.palette-data', (e) => e.textContent ?? ''), /^Features of ratings\.csv/);
    await screenshot(page, 'features-palette');
  });
});
