/**
 * Using a trained model in a real VS Code (code-server) with the packaged extension: train on the
 * synthetic set, open "Recommend for a user" from the finished run's dashboard, ask for a user's
 * top-N, then run NCF: Dataset overview. Screenshots go to test-output/.
 */
import assert from 'node:assert/strict';
import { presetDocument } from '../../src/core/presets';
import { findFrame, pickQuickItem, runCommandTo, screenshot, useWorkbench, waitFor } from './harness';

describe('NCF Studio in code-server: recommend and dataset overview', function () {
  const workbench = useWorkbench('recommend', {
    settings: { 'ncf.epochs': 2, 'ncf.split': 'random:0.2', 'ncf.backend': 'wasm', 'ncf.defaultDataset': 'synthetic' },
    files: { 'e2e-mf.ncf.json': JSON.stringify({ ...presetDocument('mf-bias'), name: 'E2E recommend' }, null, 2) },
  });

  it("trains, then recommends for a user from the finished run's dashboard", async function () {
    // Under load the extension host can take minutes to register the commands.
    await runCommandTo(workbench.page, 'NCF: Train NCF model', 'Train NCF model: architecture', 300_000);
    await pickQuickItem(workbench.page, 'Train NCF model: architecture', 'e2e-mf.ncf.json', 'e2e-mf');
    const dashboard = await findFrame(workbench.page, '#final-metrics', 180_000);
    await dashboard.waitForSelector('#recommend:not([hidden])', { timeout: 60_000 });
    await dashboard.click('#recommend');

    const view = await findFrame(workbench.page, '#top-items tbody tr', 120_000);
    const firstUser = await view.inputValue('#user');
    assert.ok(firstUser, 'a user is picked to start with');
    await view.fill('#user', '42');
    await view.press('#user', 'Enter');
    await view.waitForSelector('h2:has-text("Top 10 for user 42 (not yet rated)")', { timeout: 60_000 });
    const rows = await view.$$eval('#top-items tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.children).map((td) => td.textContent ?? '')),
    );
    assert.equal(rows.length, 10);
    const scores = rows.map((r) => Number(r[r.length - 1]));
    for (const s of scores) assert.ok(s >= 1 && s <= 5, `score ${s} is on the rating scale`);
    assert.deepEqual(
      [...scores].sort((a, b) => b - a),
      scores,
      'best first',
    );
    assert.ok((await view.$$('#liked-items tbody tr')).length > 0, "the user's own ratings are shown");
    await view.click(`#top-items tbody tr[data-item="${rows[0][1]}"]`);
    await view.waitForSelector('#prediction[data-score]', { timeout: 30_000 });
    assert.match(
      (await view.textContent('#prediction')) ?? '',
      new RegExp(`^user 42, item ${rows[0][1]}: predicted ${rows[0][rows[0].length - 1]}$`),
    );
    await screenshot(workbench.page, 'recommend');
  });

  it('shows the dataset overview of the synthetic set', async function () {
    await runCommandTo(workbench.page, 'NCF: Dataset overview', 'Dataset overview: data');
    await pickQuickItem(workbench.page, 'Dataset overview: data', 'Built-in synthetic data', 'synthetic');
    const view = await findFrame(workbench.page, '#chart-genres canvas', 120_000);
    for (const id of ['chart-histogram', 'chart-per-user', 'chart-per-item'])
      assert.ok(await view.$(`#${id} canvas`), `${id} is drawn`);
    const ratings = await waitFor(
      'the ratings figure',
      async () => (await view.textContent('[data-fact="ratings"] .value')) || undefined,
    );
    assert.equal(ratings, '100,000');
    await screenshot(workbench.page, 'dataset-overview');
  });
});
