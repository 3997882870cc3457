/**
 * What a newcomer does after a first run, in a real VS Code (code-server) with the packaged
 * extension: export TypeScript with the run's weights — "Export…" from the builder's Code tab and
 * "NCF: Export model code" from the palette — with the code open read-only beside the builder; a new
 * spec from the Presets view; the download picker. Asserts the files written (the code with its
 * loader, the weights and their manifest), the offer to install TensorFlow.js when the workspace's
 * package.json lacks it, and that no file the user had is overwritten: not the package.json, and
 * not a `*.weights.json` of the same name unless the user says "Replace".
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { presetDocument } from '../../src/core/presets';
import {
  acceptInput,
  answerDialog,
  findFrame,
  openFile,
  pickQuickItem,
  runCommand,
  runCommandTo,
  runContextMenuItem,
  screenshot,
  showTab,
  useWorkbench,
  waitFor,
  notification,
} from './harness';

const SPEC = JSON.stringify({ ...presetDocument('mf'), name: 'Export MF' }, null, 2);
/** The user's own files: none of them may change. */
const USER_FILES = {
  'export-mf.ncf.json': SPEC,
  'package.json': JSON.stringify({ name: 'my-recommender', private: true, dependencies: { zod: '^4.0.0' } }, null, 2),
  // Where the first export would put its weights manifest: a file of the user's, by bad luck.
  'export-mf.weights.json': '{"mine": true}\n',
};

/** Every file under `dir` but the runs and the settings, relative path to content. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (['.ncf', '.vscode'].includes(name)) continue;
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

/**
 * The save dialog (code-server's own, a quick input holding the path): sets the path and accepts
 * it; done once the same quick input asks for the weights.
 */
async function saveAs(page: Page, path?: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await waitFor('the save dialog', async () =>
    (await input.isVisible()) && (await input.inputValue()).endsWith('.ts') ? true : undefined,
  );
  if (path !== undefined) await input.fill(path);
  await input.press('Enter');
  await page.locator('.quick-input-widget .quick-input-box input[placeholder="Weights"]').waitFor();
}

/** Opens the NCF Studio view unless it is open: a click on its activity bar icon would close it. */
async function showNcfStudio(page: Page): Promise<void> {
  const runs = page.locator('.pane-header[aria-label^="Runs"]');
  if (await runs.isVisible()) return;
  await page.locator('.activitybar .action-item a[aria-label^="NCF Studio"]').click();
  await runs.waitFor();
}

describe('NCF Studio in code-server: export with a run’s weights, the code beside the builder, presets, downloads', function () {
  const workbench = useWorkbench('newcomer', {
    settings: { 'ncf.backend': 'wasm', 'ncf.split': 'random:0.2', 'ncf.epochs': 1, 'ncf.defaultDataset': 'synthetic' },
    files: USER_FILES,
  });
  const runsDir = () => join(workbench.workspace, '.ncf', 'runs');
  let run = '';

  before(async function () {
    // The extension is active once its Presets view lists them; on a loaded machine that can take minutes.
    await showNcfStudio(workbench.page);
    await workbench.page
      .locator('.pane:has(.pane-header[aria-label^="Presets"]) .monaco-list-row', { hasText: 'ANCF' })
      .waitFor({ timeout: 300_000 });
    // A run of the spec to take the weights from, trained as a user does.
    await runCommandTo(workbench.page, 'NCF: Train NCF model', 'Train NCF model: architecture');
    await pickQuickItem(workbench.page, 'Train NCF model: architecture', 'export-mf.ncf.json', 'export-mf');
    run = await waitFor(
      'the run to be saved',
      () =>
        // A folder whose name starts with a dot is a run still being written.
        (existsSync(runsDir()) ? readdirSync(runsDir()) : []).find((r) => {
          if (r.startsWith('.')) return false;
          const file = join(runsDir(), r, 'metrics.json');
          return existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).test !== undefined;
        }),
      300_000,
    );
  });

  it('exports from the builder’s Code tab, and leaves the user’s weights file alone when told not to replace it', async function () {
    const page = workbench.page;
    const before = snapshot(workbench.workspace);
    await openFile(page, 'export-mf.ncf.json');
    const builder = await findFrame(page, '.toolbar-title .spec-name:text-is("Export MF")');
    await builder.locator('.tab', { hasText: 'Code' }).click();

    // "Open in editor": the code in VS Code's own editor beside the builder, read-only.
    await builder.locator('vscode-button', { hasText: 'Open in editor' }).click();
    const codeEditor = page.locator('.editor-group-container:has(.tab.active:has-text("export-mf.ts")) .monaco-editor');
    await codeEditor.locator('.view-lines', { hasText: 'export function buildModel' }).waitFor();
    await codeEditor.locator('.view-lines').click();
    await page.keyboard.type('x');
    await codeEditor.locator('.monaco-editor-overlaymessage', { hasText: /read-?only/i }).waitFor();
    await screenshot(page, 'export-code-beside-builder');

    await builder.locator('vscode-button', { hasText: 'Export' }).click();
    await pickQuickItem(page, 'Export model code: Export MF', 'TypeScript');
    await saveAs(page);
    await pickQuickItem(page, 'Export model code: Export MF', `With the weights of ${run}`, run);
    await answerDialog(page, 'Replace export-mf.weights.json?', 'Cancel');
    // Cancelled: nothing written, nothing changed.
    await page.locator('.monaco-dialog-box').waitFor({ state: 'hidden' });
    assert.deepEqual(snapshot(workbench.workspace), before);
  });

  it('exports from the palette beside the spec: the code, its loader, the weights; offers the install without touching package.json', async function () {
    const page = workbench.page;
    const before = snapshot(workbench.workspace);
    // With the builder of export-mf.ncf.json the active editor, the command exports its spec.
    await showTab(page, 'export-mf.ncf.json');
    await runCommandTo(page, 'NCF: Export model code', 'Export model code: Export MF');
    await pickQuickItem(page, 'Export model code: Export MF', 'TypeScript');
    await saveAs(page, join(workbench.workspace, 'my-model.ts'));
    await pickQuickItem(page, 'Export model code: Export MF', `With the weights of ${run}`, run);

    const offer = await notification(
      page,
      'The exported code imports @tensorflow/tfjs, which package.json does not list.',
    );
    assert.ok(await offer.locator('.monaco-button', { hasText: 'Install in a terminal' }).isVisible());
    assert.ok(await offer.locator('.monaco-button', { hasText: 'Copy the command' }).isVisible());
    await page.locator('.tabs-container .tab.active', { hasText: 'my-model.ts' }).waitFor();

    const after = snapshot(workbench.workspace);
    for (const [path, text] of before) assert.equal(after.get(path), text, `${path} is left as it was`);
    const added = [...after.keys()].filter((p) => !before.has(p)).sort();
    assert.deepEqual(added, ['my-model.ts', 'my-model.weights.bin', 'my-model.weights.json']);

    const code = after.get('my-model.ts') ?? '';
    assert.match(code.split('\n')[0], /^\/\/ Needs TensorFlow\.js: npm install @tensorflow\/tfjs@/);
    assert.match(code, /export function buildModel\(/);
    assert.match(code, /export function loadTrainedModel\(/);
    // The weights are the run's, byte for byte, and the manifest names the file beside the code.
    const runWeights = readFileSync(join(runsDir(), run, 'weights.bin'));
    assert.ok(readFileSync(join(workbench.workspace, 'my-model.weights.bin')).equals(runWeights));
    const manifest = JSON.parse(after.get('my-model.weights.json') ?? '{}');
    assert.ok(JSON.stringify(manifest).includes('my-model.weights.bin'), 'the manifest points at the weights');
    await screenshot(page, 'export-install-offer');
  });

  it('makes a new spec from the Presets view, named after its file, its formula derived from the graph', async function () {
    const page = workbench.page;
    await showNcfStudio(page);
    const preset = page.locator('.pane:has(.pane-header[aria-label^="Presets"]) .monaco-list-row', { hasText: 'ANCF' });
    await preset.click();
    await acceptInput(page, 'New architecture: file name', 'hand-built.ncf.json');
    const builder = await findFrame(page, '.toolbar-title .spec-name:text-is("hand-built")');
    const formula = await builder.locator('.toolbar-title .spec-formula.derived').textContent();
    assert.match(formula ?? '', /^r̂ = /);
    const spec = JSON.parse(readFileSync(join(workbench.workspace, 'hand-built.ncf.json'), 'utf8'));
    assert.equal(spec.name, 'hand-built');
    assert.equal(spec.formula, undefined, "the preset's formula is not copied: the builder derives it");
    assert.deepEqual(spec.nodes, presetDocument('ancf').nodes);
  });

  it('reveals a run’s folder in the Explorer from the Runs view’s context menu', async function () {
    const page = workbench.page;
    await showNcfStudio(page);
    const rmse = JSON.parse(readFileSync(join(runsDir(), run, 'metrics.json'), 'utf8')).test.rmse as number;
    const row = page.locator('.pane:has(.pane-header[aria-label^="Runs"]) .monaco-list-row[aria-level="2"]', {
      hasText: `RMSE ${rmse.toFixed(4)}`,
    });
    await runContextMenuItem(page, row, 'Reveal run folder');
    await page.locator('.explorer-folders-view .monaco-list-row.selected', { hasText: run }).waitFor();
  });

  it('shows the download picker’s text whole', async function () {
    const page = workbench.page;
    await runCommand(page, 'NCF: Download MovieLens dataset');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Download MovieLens dataset' }).waitFor();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const cut = await rows.evaluateAll((els) =>
      els.flatMap((row) =>
        Array.from(row.querySelectorAll<HTMLElement>('.label-name, .label-description, .quick-input-list-label-meta'))
          .filter((e) => e.textContent && e.scrollWidth > e.clientWidth + 1)
          .map((e) => e.textContent ?? ''),
      ),
    );
    const detail = await rows.first().textContent();
    await screenshot(page, 'download-picker');
    await page.keyboard.press('Escape');
    assert.match(detail ?? '', /licence forbids redistribution/);
    assert.deepEqual(cut, [], 'no text of the picker is cut');
  });
});
