/**
 * The layer builder in a real VS Code (code-server) with the packaged extension: a `*.ncf.json`
 * opens in the builder, a width changed on the canvas becomes an edit of the document (undone and
 * redone by VS Code), and after "Save" the file on disk holds the change — and nothing else changed
 * in it. A change made to the file on disk shows on the canvas. Each test opens a file of its own.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFrame, openFile, screenshot, useWorkbench, waitFor } from './harness';

const neumf = readFileSync(join(__dirname, '../../src/core/presets/neumf.ncf.json'), 'utf8');
const node = (id: string) => `.react-flow__node[data-id="${id}"]`;
/** Each test has a file of its own, told apart on the canvas by the spec's name. */
const named = (name: string) => neumf.replace('"name": "NeuMF"', `"name": "${name}"`);
const FILES = { 'edited.ncf.json': named('Edited'), 'from-disk.ncf.json': named('From disk') };

/** Opens `file` and returns the frame of its builder once its canvas shows node psi. */
async function openBuilder(page: Parameters<typeof openFile>[0], file: keyof typeof FILES) {
  await openFile(page, file);
  const name = JSON.parse(FILES[file]).name as string;
  const builder = await findFrame(page, `.toolbar-title .spec-name:text-is("${name}")`);
  await builder.waitForSelector(`${node('psi')} .width-input`);
  return builder;
}

describe('NCF Studio in code-server: the layer builder', function () {
  const workbench = useWorkbench('builder', { files: FILES });

  it('opens a *.ncf.json in the builder, edits a width on the canvas, and saves it to disk', async function () {
    const file = join(workbench.workspace, 'edited.ncf.json');
    const original = FILES['edited.ncf.json'];
    // The builder is the file's default editor: its canvas shows the graph with its shapes.
    const builder = await openBuilder(workbench.page, 'edited.ncf.json');
    assert.equal(await builder.textContent(`${node('psi')} .spec-node-shape`), '→ [16]');
    assert.match((await builder.textContent('.toolbar-status')) ?? '', /valid\s*174,817 params/);

    const width = `input[aria-label="psi layer 3 width"]`;
    await builder.fill(width, '8');
    await builder.press(width, 'Enter');
    await builder.waitForSelector(`${node('psi')} .spec-node-shape:text-is("→ [8]")`);
    // The edit went into the document (the tab is dirty), not yet to disk.
    await workbench.page.waitForSelector('.tab.active.dirty');
    assert.equal(readFileSync(file, 'utf8'), original);
    await screenshot(workbench.page, 'builder-edited');

    // Keys typed in the webview stay there: focus the editor's tab (it stays the active editor).
    await workbench.page.locator('.tabs-container .tab.active').click();
    // Undo and redo are VS Code's own, on the document: the canvas follows both.
    await workbench.page.keyboard.press('Control+Z');
    await builder.waitForSelector(`${node('psi')} .spec-node-shape:text-is("→ [16]")`);
    await workbench.page.keyboard.press('Control+Shift+Z');
    await builder.waitForSelector(`${node('psi')} .spec-node-shape:text-is("→ [8]")`);
    await workbench.page.keyboard.press('Control+S');
    // Saved once the tab is clean; exactly the one change: the rest of the file keeps its formatting.
    await workbench.page.waitForSelector('.tab.active:not(.dirty)');
    const expected = original.replace('"units": [64, 32, 16]', '"units": [64, 32, 8]');
    const saved = await waitFor('the saved file', () => {
      const text = readFileSync(file, 'utf8');
      return text === expected ? text : undefined;
    }).catch(() => readFileSync(file, 'utf8'));
    assert.equal(saved, expected);
  });

  it('shows a change made to the file on disk at once', async function () {
    const file = join(workbench.workspace, 'from-disk.ncf.json');
    const builder = await openBuilder(workbench.page, 'from-disk.ncf.json');
    assert.equal(await builder.textContent(`${node('psi')} .spec-node-shape`), '→ [16]');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"units": [64, 32, 16]', '"units": [128, 64]'));
    await builder.waitForSelector(`${node('psi')} .spec-node-shape:text-is("→ [64]")`);
  });
});
