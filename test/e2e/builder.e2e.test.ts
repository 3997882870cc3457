/**
 * The layer builder in a real VS Code (code-server) with the packaged extension: a `*.ncf.json`
 * opens in the builder, a width changed on the canvas becomes an edit of the document (undone and
 * redone by VS Code), and after "Save" the file on disk holds the change — and nothing else changed
 * in it. A change made to the file on disk shows on the canvas.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { findFrame, runCommand, screenshot, useWorkbench, waitFor } from './harness';

const neumf = readFileSync(join(__dirname, '../../src/core/presets/neumf.ncf.json'), 'utf8');
const node = (id: string) => `.react-flow__node[data-id="${id}"]`;

/** Quick Open (Go to File), the file's name, Enter: it opens in the file's default editor. */
async function openFile(page: Page, name: string): Promise<void> {
  await runCommand(page, 'Go to File...');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor({ timeout: 30_000 });
  await input.press('Enter');
}

describe('NCF Studio in code-server: the layer builder', function () {
  const workbench = useWorkbench('builder', { files: { 'neumf.ncf.json': neumf } });

  it('opens a *.ncf.json in the builder, edits a width on the canvas, and saves it to disk', async function () {
    await openFile(workbench.page, 'neumf.ncf.json');

    // The builder is the file's default editor: its canvas shows the graph with its shapes.
    const builder = await findFrame(workbench.page, `${node('psi')} .width-input`, 120_000);
    assert.equal(await builder.textContent(`${node('psi')} .spec-node-shape`), '→ [16]');
    assert.match((await builder.textContent('.toolbar-status')) ?? '', /valid\s*174,817 params/);

    const width = `input[aria-label="psi layer 3 width"]`;
    await builder.fill(width, '8');
    await builder.press(width, 'Enter');
    await builder.waitForSelector(`${node('psi')} .spec-node-shape:text-is("→ [8]")`, { timeout: 30_000 });
    // The edit went into the document (the tab is dirty), not yet to disk.
    await workbench.page.waitForSelector('.tab.active.dirty', { timeout: 30_000 });
    assert.equal(readFileSync(join(workbench.workspace, 'neumf.ncf.json'), 'utf8'), neumf);
    await screenshot(workbench.page, 'builder-edited');

    // Keys typed in the webview stay there: focus the editor's tab (it stays the active editor).
    await workbench.page.locator('.tabs-container .tab.active').click();
    // Undo and redo are VS Code's own, on the document: the canvas follows both.
    await workbench.page.keyboard.press('Control+Z');
    await builder.waitForSelector(`${node('psi')} .spec-node-shape:text-is("→ [16]")`, { timeout: 30_000 });
    await workbench.page.keyboard.press('Control+Shift+Z');
    await builder.waitForSelector(`${node('psi')} .spec-node-shape:text-is("→ [8]")`, { timeout: 30_000 });
    await workbench.page.keyboard.press('Control+S');
    const saved = await waitFor('the saved file', () => {
      const text = readFileSync(join(workbench.workspace, 'neumf.ncf.json'), 'utf8');
      return text !== neumf ? text : undefined;
    });
    // Exactly the one change: the rest of the file keeps its formatting.
    assert.equal(saved, neumf.replace('"units": [64, 32, 16]', '"units": [64, 32, 8]'));
  });

  it('shows a change made to the file on disk at once', async function () {
    const file = join(workbench.workspace, 'neumf.ncf.json');
    await workbench.page.waitForSelector('.tab.active:not(.dirty)', { timeout: 30_000 });
    writeFileSync(file, readFileSync(file, 'utf8').replace('"units": [64, 32, 8]', '"units": [128, 64]'));

    const builder = await findFrame(workbench.page, `${node('psi')} .width-input`);
    await builder.waitForSelector(`${node('psi')} .spec-node-shape:text-is("→ [64]")`, { timeout: 60_000 });
  });
});
