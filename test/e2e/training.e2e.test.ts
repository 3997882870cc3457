/**
 * The training scenarios in a real VS Code (code-server) with the packaged extension: Train from
 * the command palette on synthetic data, the dashboard streaming the epochs, the run folder on
 * disk, Stop from the dashboard, and the history comparing the two runs. Screenshots go to test-output/.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { presetDocument } from '../../src/core/presets';
import {
  acceptInput,
  answerDialog,
  findFrame,
  pickQuickItem,
  runCommand,
  screenshot,
  showTab,
  useWorkbench,
  waitFor,
} from './harness';

const EPOCHS = 3;
const text = (frame: Frame, selector: string) => frame.$eval(selector, (el) => el.textContent ?? '');

describe('NCF Studio in code-server: training', function () {
  // Each spec carries its own number of epochs, so no test changes the settings another one reads.
  const workbench = useWorkbench('training', {
    settings: { 'ncf.backend': 'wasm', 'ncf.split': 'random:0.2' },
    files: {
      'e2e-mf.ncf.json': JSON.stringify(
        { ...presetDocument('mf'), name: 'E2E MF', training: { ...presetDocument('mf').training, epochs: EPOCHS } },
        null,
        2,
      ),
      // Slow enough to be stopped by hand: NeuMF, 500 epochs, no early stopping.
      'e2e-long.ncf.json': JSON.stringify(
        {
          ...presetDocument('neumf'),
          name: 'E2E long',
          training: { ...presetDocument('neumf').training, epochs: 500, earlyStopping: null },
        },
        null,
        2,
      ),
    },
  });
  const runsDir = () => join(workbench.workspace, '.ncf', 'runs');
  const runFolders = () =>
    existsSync(runsDir())
      ? readdirSync(runsDir())
          .filter((d) => !d.startsWith('.'))
          .sort()
      : [];

  it('trains from the command palette on synthetic data and streams the epochs to the dashboard', async function () {
    await runCommand(workbench.page, 'NCF: Train NCF model');
    await pickQuickItem(workbench.page, 'Train NCF model: architecture', 'e2e-mf.ncf.json', 'e2e-mf');
    await pickQuickItem(workbench.page, 'Train NCF model: data', 'Built-in synthetic data', 'synthetic');
    await acceptInput(workbench.page, 'Train NCF model: epochs'); // the spec's own number

    const dashboard = await findFrame(workbench.page, '#epochs tbody tr', 120_000);
    await dashboard.waitForSelector('#final-metrics', { timeout: 120_000 });
    assert.equal(await dashboard.$$eval('#epochs tbody tr', (rows) => rows.length), EPOCHS);
    assert.equal(await text(dashboard, '#status'), 'finished');
    assert.match(
      await text(dashboard, '[data-fact="backend"]'),
      /^wasm, engine (fast|layers)/,
      'the backend set in the settings is used',
    );
    assert.ok(await dashboard.$('#chart-loss canvas'), 'the loss chart is drawn');
    assert.ok(await dashboard.$('#chart-rmse canvas'), 'the RMSE chart is drawn');

    const [run] = runFolders();
    assert.match(run ?? '', /^E2E-MF-\d{8}-\d{6}$/);
    const metrics = await waitFor('metrics.json', () =>
      existsSync(join(runsDir(), run, 'metrics.json'))
        ? JSON.parse(readFileSync(join(runsDir(), run, 'metrics.json'), 'utf8'))
        : undefined,
    );
    assert.equal(metrics.epochs, EPOCHS);
    assert.equal(metrics.cancelled, false);
    for (const file of ['model.json', 'weights.bin', 'idmaps.json', 'spec.ncf.json', 'log.txt'])
      assert.ok(existsSync(join(runsDir(), run, file)), `${file} written`);
    const testRow = await dashboard.$$eval('#final-metrics tbody tr', (rows) =>
      rows.map((r) => Array.from(r.children).map((c) => c.textContent)).find((cells) => cells[0] === 'test'),
    );
    assert.equal(testRow?.[1], metrics.test.rmse.toFixed(4), 'the dashboard shows the saved test RMSE');
    await screenshot(workbench.page, 'dashboard');
  });

  it('asks before training a spec that is already training, then stops from the dashboard', async function () {
    const trainLong = async () => {
      await runCommand(workbench.page, 'NCF: Train NCF model');
      await pickQuickItem(workbench.page, 'Train NCF model: architecture', 'e2e-long.ncf.json', 'e2e-long');
      await pickQuickItem(workbench.page, 'Train NCF model: data', 'Built-in synthetic data', 'synthetic');
      await acceptInput(workbench.page, 'Train NCF model: epochs');
    };
    const earlier = runFolders();
    const longRuns = () => runFolders().filter((r) => r.startsWith('E2E-long-') && !earlier.includes(r));
    await trainLong();
    const dashboard = await findFrame(workbench.page, '#status');
    const runShown = () => text(dashboard, '[data-fact="run"]');
    /** The new long run the dashboard shows once it has streamed an epoch, other than `notRun`. */
    const streaming = (notRun: string) =>
      waitFor(`a new run other than ${notRun} to stream an epoch`, async () => {
        const run = await runShown();
        return run.startsWith('E2E-long-') &&
          !earlier.includes(run) &&
          run !== notRun &&
          (await dashboard.$('#epochs tbody tr'))
          ? run
          : undefined;
      });

    const first = await streaming('');
    await trainLong();
    await answerDialog(workbench.page, /already training/, 'Stop it and start again');
    const second = await streaming(first);
    const firstMetrics = JSON.parse(readFileSync(join(runsDir(), first, 'metrics.json'), 'utf8'));
    assert.equal(firstMetrics.cancelled, true, 'the first run was stopped before the second started');

    await dashboard.click('#stop');
    await waitFor('the run to stop', async () => ((await text(dashboard, '#status')) === 'stopped' ? true : undefined));
    const metrics = await waitFor('metrics.json of the stopped run', () =>
      existsSync(join(runsDir(), second, 'metrics.json'))
        ? JSON.parse(readFileSync(join(runsDir(), second, 'metrics.json'), 'utf8'))
        : undefined,
    );
    assert.equal(metrics.cancelled, true);
    assert.ok(metrics.epochs < 500, `stopped after ${metrics.epochs} epochs`);
    assert.ok(existsSync(join(runsDir(), second, 'model.json')), 'the model trained so far is saved');
    assert.deepEqual(longRuns(), [first, second].sort());
    await screenshot(workbench.page, 'dashboard-stopped');
  });

  it('lists the runs in the training history and compares two; the hidden dashboard comes back as it was', async function () {
    await runCommand(workbench.page, 'NCF: Open run history');
    const history = await findFrame(workbench.page, '#runs tbody tr[data-run]');
    const ids = await history.$$eval('#runs tbody tr[data-run]', (rows) => rows.map((r) => r.getAttribute('data-run')));
    assert.deepEqual([...ids].sort(), runFolders());
    const [mf, long] = [
      runFolders().find((r) => r.startsWith('E2E-MF-'))!,
      runFolders().find((r) => r.startsWith('E2E-long-'))!,
    ];
    for (const id of [mf, long]) await history.check(`#runs tr[data-run="${id}"] input[type="checkbox"]`);
    await history.click('#compare');
    await history.waitForSelector('#chart-compare canvas');
    assert.match(await text(history, '.comparison h2'), /E2E (MF|long) .* vs E2E (MF|long)/);
    await screenshot(workbench.page, 'history');

    // The history tab hid the dashboard, whose page was discarded (no retainContextWhenHidden).
    await showTab(workbench.page, 'Training dashboard');
    const dashboard = await findFrame(workbench.page, '#epochs tbody tr');
    assert.equal(await text(dashboard, '#status'), 'stopped');
    assert.ok(await dashboard.$('#final-metrics'), 'the final metrics are back');
  });

  it('creates a new architecture from a preset', async function () {
    await runCommand(workbench.page, 'NCF: New architecture');
    await pickQuickItem(workbench.page, 'New architecture: start from a preset', /^\s*gmf(?!-)/, 'gmf');
    await acceptInput(workbench.page, 'New architecture: file name');
    const file = join(workbench.workspace, 'gmf.ncf.json');
    const spec = await waitFor('gmf.ncf.json', () =>
      existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined,
    );
    const { formula: _derivedInstead, ...preset } = presetDocument('gmf');
    assert.deepEqual(
      spec,
      { ...preset, name: 'gmf' },
      'the preset, named after its file, its formula left to the builder',
    );
  });
});
