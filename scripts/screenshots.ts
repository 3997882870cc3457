/**
 * The README's screenshots of the extension, taken from a real VS Code (code-server) with the
 * packaged extension, driven as a user drives it: `npm run screenshots` trains MF and NeuMF on the
 * built-in synthetic data, then writes
 *
 *   docs/sidebar.png    the NCF Studio view (runs by spec, datasets, presets) beside a reopened run
 *   docs/dashboard.png  that run's dashboard alone
 *   docs/builder.png    NeuMF in the layer builder after Arrange, a node selected in the inspector
 *
 * It uses the end-to-end harness (test/e2e/harness.ts): code-server must be installed
 * (scripts/e2e/install-code-server.sh, which the npm script runs first). Every wait ends on an event.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { presetDocument } from '../src/core/presets';
import {
  acceptInput,
  findFrame,
  launchBrowser,
  makeWorkspace,
  openFile,
  packageExtension,
  pickQuickItem,
  removeWorkspace,
  ROOT,
  runCommand,
  screenshot,
  startCodeServer,
  waitFor,
} from '../test/e2e/harness';

const DOCS = join(ROOT, 'docs');
const SPECS = {
  mf: { file: 'matrix-factorisation.ncf.json', name: 'MF', epochs: 8 },
  neumf: { file: 'neumf.ncf.json', name: 'NeuMF', epochs: 12 },
};

const specText = (preset: string, name: string, epochs: number) =>
  JSON.stringify(
    { ...presetDocument(preset), name, training: { ...presetDocument(preset).training, epochs } },
    null,
    2,
  );

/** Trains `file` from the palette on the built-in data (the workspace settings answer the rest); returns its run folder. */
async function train(page: Page, workspace: string, file: string, name: string): Promise<string> {
  const runs = join(workspace, '.ncf', 'runs');
  const list = () => (existsSync(runs) ? readdirSync(runs) : []);
  const earlier = list();
  await runCommand(page, 'NCF: Train NCF model');
  await pickQuickItem(page, 'Train NCF model: architecture', file, file);
  // "ncf.epochs" is empty: the Train flow asks, offering the spec's own value.
  await acceptInput(page, 'Train NCF model: epochs');
  return waitFor(
    `the run of ${name}`,
    () =>
      list().find((r) => {
        const metrics = join(runs, r, 'metrics.json');
        return (
          !r.startsWith('.') &&
          !earlier.includes(r) &&
          existsSync(metrics) &&
          JSON.parse(readFileSync(metrics, 'utf8')).test
        );
      }),
    600_000,
  );
}

/** Saves the page as docs/<name>.png (through test-output/, where the harness writes). */
async function shoot(page: Page, name: string): Promise<void> {
  copyFileSync(await screenshot(page, `readme-${name}`), join(DOCS, `${name}.png`));
  console.log(`docs/${name}.png`);
}

async function main(): Promise<void> {
  const vsix = await packageExtension();
  const workspace = makeWorkspace('screenshots', {
    settings: {
      'ncf.backend': 'wasm',
      'ncf.split': 'random:0.2',
      'ncf.defaultDataset': 'synthetic',
    },
    files: Object.fromEntries(Object.entries(SPECS).map(([preset, s]) => [s.file, specText(preset, s.name, s.epochs)])),
  });
  const server = await startCodeServer({
    workspace,
    vsix,
    userSettings: {
      'workbench.colorTheme': 'Default Dark Modern',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    },
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(120_000);
    await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench .part.statusbar');
    mkdirSync(DOCS, { recursive: true });

    await train(page, workspace, SPECS.mf.file, SPECS.mf.name);
    const run = await train(page, workspace, SPECS.neumf.file, SPECS.neumf.name);
    const rmse = JSON.parse(readFileSync(join(workspace, '.ncf', 'runs', run, 'metrics.json'), 'utf8')).test.rmse;

    // The sidebar, and a run reopened from it.
    await page.locator('.activitybar .action-item a[aria-label^="NCF Studio"]').click();
    await runCommand(page, 'View: Close All Editors');
    const runRow = page.locator('.pane:has(.pane-header[aria-label^="Runs"]) .monaco-list-row[aria-level="2"]', {
      hasText: `RMSE ${rmse.toFixed(4)}`,
    });
    await runRow.click();
    const dashboard = await findFrame(page, '#final-metrics', 120_000);
    await dashboard.waitForSelector('#chart-rmse canvas');
    await shoot(page, 'sidebar');

    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await shoot(page, 'dashboard');

    // The builder: NeuMF after Arrange, its MLP tower selected.
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, SPECS.neumf.file);
    const builder = await findFrame(page, '.toolbar-title .spec-name:text-is("NeuMF")');
    await builder.locator('vscode-button', { hasText: 'Arrange' }).click();
    // Arrange has fitted the view once every node lies inside the canvas (both measured in the webview's frame).
    await builder.waitForFunction(() => {
      const c = document.querySelector('.react-flow')!.getBoundingClientRect();
      return Array.from(document.querySelectorAll('.react-flow__node')).every((e) => {
        const r = e.getBoundingClientRect();
        return r.left >= c.left - 1 && r.top >= c.top - 1 && r.right <= c.right + 1 && r.bottom <= c.bottom + 1;
      });
    });
    await builder.locator('.react-flow__node[data-id="psi"] .spec-node-header').click();
    await builder.locator('.react-flow__node[data-id="psi"].selected').waitFor();
    await shoot(page, 'builder');
  } finally {
    await browser.close();
    await server.stop();
    removeWorkspace(workspace);
  }
}

main().catch((e: Error) => {
  console.error(`screenshots: ${e.message}`);
  process.exit(1);
});
