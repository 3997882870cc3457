/**
 * The training scenarios in a real VS Code (code-server) with the packaged extension: Train from
 * the command palette on synthetic data, the dashboard streaming the epochs, the run folder on
 * disk, Stop from the dashboard, and the history comparing two runs. Each test makes the runs it
 * looks at (the workbench is shared, so it tells its own runs by their spec names), so any one of
 * them runs alone (`-g`). Screenshots go to test-output/.
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
  runCommandTo,
  screenshot,
  showTab,
  useWorkbench,
  waitFor,
} from './harness';

const EPOCHS = 3;
const text = (frame: Frame, selector: string) => frame.$eval(selector, (el) => el.textContent ?? '');

/** A preset as a spec file of its own name and number of epochs. */
const specFile = (preset: string, name: string, training: object = {}) =>
  JSON.stringify(
    { ...presetDocument(preset), name, training: { ...presetDocument(preset).training, epochs: EPOCHS, ...training } },
    null,
    2,
  );

describe('NCF Studio in code-server: training', function () {
  // Each spec carries its own number of epochs, so no test changes the settings another one reads.
  const workbench = useWorkbench('training', {
    settings: { 'ncf.backend': 'wasm', 'ncf.split': 'random:0.2' },
    files: {
      'e2e-mf.ncf.json': specFile('mf', 'E2E MF'),
      // Slow enough to be stopped by hand: NeuMF, 500 epochs, no early stopping.
      'e2e-long.ncf.json': specFile('neumf', 'E2E long', { epochs: 500, earlyStopping: null }),
      // The history test's own two runs.
      'e2e-hist-a.ncf.json': specFile('mf', 'E2E hist A'),
      'e2e-hist-b.ncf.json': specFile('mf-bias', 'E2E hist B'),
    },
  });
  const runsDir = () => join(workbench.workspace, '.ncf', 'runs');
  const runFolders = () =>
    existsSync(runsDir())
      ? readdirSync(runsDir())
          .filter((d) => !d.startsWith('.'))
          .sort()
      : [];

  /** Starts training the spec file `name`.ncf.json from the command palette, on synthetic data, for the spec's own epochs. */
  const trainFromPalette = async (name: string) => {
    await runCommandTo(workbench.page, 'NCF: Train NCF model', 'Train NCF model: architecture');
    await pickQuickItem(workbench.page, 'Train NCF model: architecture', `${name}.ncf.json`, name);
    await pickQuickItem(workbench.page, 'Train NCF model: data', 'Built-in synthetic data', 'synthetic');
    await acceptInput(workbench.page, 'Train NCF model: epochs');
  };
  /** The one run folder named after `specName` that was not there in `earlier`, once its metrics.json holds the result. */
  const finishedRun = (specName: string, earlier: string[]) =>
    waitFor(`the run of ${specName} to be saved`, () => {
      const run = runFolders().find((r) => r.startsWith(`${specName.replace(/ /g, '-')}-`) && !earlier.includes(r));
      const file = run && join(runsDir(), run, 'metrics.json');
      // The final save swaps the folder whole, so it may be gone for an instant between two looks.
      try {
        return file && JSON.parse(readFileSync(file, 'utf8')).test ? run : undefined;
      } catch {
        return undefined;
      }
    });

  it('trains from the command palette on synthetic data and streams the epochs to the dashboard', async function () {
    const earlier = runFolders();
    await trainFromPalette('e2e-mf');

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

    const [run, ...more] = runFolders().filter((r) => !earlier.includes(r));
    assert.deepEqual(more, [], 'one new run folder');
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
    const trainLong = () => trainFromPalette('e2e-long');
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
    const earlier = runFolders();
    const dashboardShowsFinished = (run: string) =>
      waitFor(`the dashboard to show ${run} finished`, async () => {
        const frame = await findFrame(workbench.page, '#status');
        const shown = await Promise.all([text(frame, '[data-fact="run"]'), text(frame, '#status')]).catch(() => []);
        return shown[0] === run && shown[1] === 'finished' ? true : undefined;
      });
    await trainFromPalette('e2e-hist-a');
    const a = await finishedRun('E2E hist A', earlier);
    // The end of a run moves the focus (its dashboard, its notification), which would close a quick
    // pick opened before it: the second run starts once the first has ended in VS Code, not only on disk.
    await dashboardShowsFinished(a);
    await trainFromPalette('e2e-hist-b');
    const b = await finishedRun('E2E hist B', earlier);
    await dashboardShowsFinished(b);

    await runCommand(workbench.page, 'NCF: Open run history');
    const history = await findFrame(workbench.page, '#runs tbody tr[data-run]');
    const ids = await history.$$eval('#runs tbody tr[data-run]', (rows) => rows.map((r) => r.getAttribute('data-run')));
    assert.deepEqual([...ids].sort(), runFolders(), "every run folder, this test's and any earlier one's");
    for (const id of [a, b]) await history.check(`#runs tr[data-run="${id}"] input[type="checkbox"]`);
    await history.click('#compare');
    await history.waitForSelector('#chart-compare canvas');
    assert.match(await text(history, '.comparison h2'), /E2E hist (A|B) .* vs E2E hist (A|B)/);
    await screenshot(workbench.page, 'history');

    // The history tab hid the dashboard, whose page was discarded (no retainContextWhenHidden).
    await showTab(workbench.page, 'Training dashboard');
    const shownAgain = await findFrame(workbench.page, '#epochs tbody tr');
    assert.equal(await text(shownAgain, '[data-fact="run"]'), b);
    assert.equal(await text(shownAgain, '#status'), 'finished');
    assert.ok(await shownAgain.$('#final-metrics'), 'the final metrics are back');
  });

  it('creates a new architecture from a preset', async function () {
    await runCommandTo(workbench.page, 'NCF: New architecture', 'New architecture: start from a preset');
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
