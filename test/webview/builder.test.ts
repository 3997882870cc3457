/**
 * The layer builder in a real browser: the built page (dist/webview/builder.js) with the editor's
 * own HTML and CSP, in headless Chromium, answered by a stand-in host (see standIn.ts). A person
 * builds NeuMF from an empty file, sees the shapes and the parameter count, makes a bad wire and
 * sees the error; screenshots of each state go to test-output/webview/.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { deriveView, rawNodes, readDocument } from '../../src/core/graph';
import { checkSpec, checkSpecText } from '../../src/core/spec';
import { PRESET_NAMES, presetDocument } from '../../src/core/presets';
import {
  findChromium,
  launch,
  openBuilder,
  reachablePoint,
  ROOT,
  screenshot,
  untilStill,
  type StandInHost,
} from './standIn';

const neumfText = readFileSync(join(ROOT, 'src/core/presets/neumf.ncf.json'), 'utf8');
const nodeSel = (id: string) => `.react-flow__node[data-id="${id}"]`;
const nodeIds = (text: string) => {
  const r = readDocument(text);
  return r.ok ? rawNodes(r.doc).map((n) => n.id) : [];
};
const nodeOf = (text: string, id: string) => {
  const r = readDocument(text);
  return r.ok ? rawNodes(r.doc).find((n) => n.id === id) : undefined;
};
const totalParamsOf = (text: string) => {
  const v = deriveView(text);
  return v.kind === 'graph' ? v.totalParams : NaN;
};
const formatCount = (n: number) => n.toLocaleString('en-US');

/** What a person does with the builder, in the page. */
class Person {
  constructor(
    readonly page: Page,
    readonly host: StandInHost,
  ) {}

  /** Drags a palette entry onto the canvas at (x, y) of the canvas; returns the new node's id. */
  async drop(key: string, x: number, y: number): Promise<string> {
    const before = nodeIds(this.host.text);
    await this.page.dragAndDrop(`[data-palette-key="${key}"]`, '.react-flow__pane', { targetPosition: { x, y } });
    await this.host.waitForText(`gain a ${key} node`, (t) => nodeIds(t).length === before.length + 1);
    const added = nodeIds(this.host.text).find((id) => !before.includes(id))!;
    await this.page.waitForSelector(nodeSel(added));
    return added;
  }

  /**
   * Drags from the source node's output port to the target node's input port, as a person does:
   * press on the port, move until the canvas marks the target port as the one it would connect to,
   * release; then waits for the wire in the document. Nothing depends on timing or on where the
   * machine's fonts put things: a port covered by another element, or too close to the canvas's
   * edge (where a drag pans the canvas away), is dealt with first, and a drag the canvas did not
   * take is made again.
   */
  async wire(source: string, target: string): Promise<void> {
    const from = `${nodeSel(source)} .react-flow__handle.source`;
    const to = `${nodeSel(target)} .react-flow__handle.target`;
    const marked = (selector: string, mark: string) =>
      this.page
        .locator(`${selector}.${mark}`)
        .waitFor({ timeout: 5_000 })
        .then(
          () => true,
          () => false,
        );
    const failures: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await this.bringIntoReach(from, to);
      const start = await reachablePoint(this.page, from);
      const end = await reachablePoint(this.page, to);
      if (!('x' in start)) throw new Error(`the output port of ${source} is covered by ${start.covered}`);
      if (!('x' in end)) throw new Error(`the input port of ${target} is covered by ${end.covered}`);
      await this.page.mouse.move(start.x, start.y);
      await this.page.mouse.down();
      // The canvas starts a connection after the pointer has moved a little.
      await this.page.mouse.move(start.x + (end.x - start.x) / 10, start.y + (end.y - start.y) / 10, { steps: 2 });
      let reached = false;
      if (await marked(from, 'connectingfrom')) {
        await this.page.mouse.move(end.x, end.y, { steps: 8 });
        for (let nudge = 0; !reached && nudge < 4; nudge++) {
          reached = await marked(to, 'connectingto');
          if (!reached) await this.page.mouse.move(end.x + (nudge % 2 ? -1 : 1), end.y);
        }
        if (!reached)
          failures.push(`attempt ${attempt}: the input port of ${target} was never marked as the connection's end`);
      } else failures.push(`attempt ${attempt}: pressing the output port of ${source} started no connection`);
      await this.page.mouse.up();
      if (reached) {
        await this.host.waitForText(`wire ${source} into ${target}`, (t) =>
          ((nodeOf(t, target)?.inputs as string[] | undefined) ?? []).includes(source),
        );
        return;
      }
    }
    throw new Error(`could not wire ${source} into ${target}:\n${failures.join('\n')}`);
  }

  /**
   * Fits the graph in view when a port lies near the canvas's edge: a drag that ends there would
   * pan the canvas, carrying the port away from the pointer.
   */
  private async bringIntoReach(...ports: string[]): Promise<void> {
    const margin = 60;
    const near = async () => {
      const pane = await this.page.locator('.react-flow').boundingBox();
      for (const port of ports) {
        const box = await this.page.locator(port).boundingBox();
        if (!pane || !box) return true;
        const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
        if (
          x < pane.x + margin ||
          x > pane.x + pane.width - margin ||
          y < pane.y + margin ||
          y > pane.y + pane.height - margin
        )
          return true;
      }
      return false;
    };
    await untilStill(this.page);
    if (!(await near())) return;
    await this.page.locator('vscode-button', { hasText: 'Fit' }).click();
    await untilStill(this.page);
  }

  async select(id: string, modifiers: ('Shift' | 'Control')[] = []): Promise<void> {
    await this.page.locator(`${nodeSel(id)} .spec-node-header`).click({ modifiers });
  }

  /** Types into a toolkit text field of the inspector and presses Enter. */
  async fill(fieldId: string, value: string): Promise<void> {
    const edits = this.host.edits;
    const input = this.page.locator(`#${fieldId} input`);
    await input.fill(value);
    await input.press('Enter');
    await this.host.waitForEdits(edits + 1);
  }

  async rename(id: string, newId: string): Promise<void> {
    await this.select(id);
    await this.page.waitForSelector(`.inspector[aria-label$=" ${id}"]`);
    await this.fill('node-id', newId);
    await this.page.waitForSelector(nodeSel(newId));
  }

  /** Connects through the inspector: select the target, choose the source under "Add input", press Connect. */
  async connectInInspector(source: string, target: string): Promise<void> {
    await this.select(target);
    await this.page.waitForSelector(`.inspector[aria-label$=" ${target}"]`);
    await this.page.locator('#add-input').click();
    await this.page.locator('#add-input vscode-option', { hasText: new RegExp(`^${source} —`) }).click();
    const edits = this.host.edits;
    await this.page.locator('vscode-button', { hasText: 'Connect' }).click();
    await this.host.waitForEdits(edits + 1);
  }

  async toolbarText(): Promise<string> {
    return (await this.page.locator('.toolbar-status').textContent()) ?? '';
  }

  async wireLabels(): Promise<string[]> {
    return this.page.locator('.wire-label').allTextContents();
  }
}

describe('webview: the layer builder in Chromium', function () {
  let browser: Browser;
  const opened: { page: Page; host: StandInHost }[] = [];

  before(async function () {
    const executable = findChromium();
    if (!executable) {
      console.log("      skipped: no Chromium found; install Debian's chromium or set NCF_E2E_CHROMIUM");
      this.skip();
    }
    if (!existsSync(join(ROOT, 'dist/webview/builder.js')))
      throw new Error('dist/webview/builder.js is missing: run `npm run build` first');
    browser = await launch(executable!);
  });

  after(async () => {
    await browser?.close();
  });

  async function open(text: string, options?: Parameters<typeof openBuilder>[2]) {
    const session = await openBuilder(browser, text, options);
    opened.push(session);
    return { ...session, person: new Person(session.page, session.host) };
  }

  afterEach(async function () {
    for (const { page, host } of opened.splice(0)) {
      if (this.currentTest?.state === 'failed') {
        await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(
          () => undefined,
        );
        if (host.problems.length) console.error(host.problems.join('\n'));
      }
      await page.close();
      // Every test's page must load and run within the CSP, without errors, sending only valid messages.
      if (this.currentTest?.state === 'passed') {
        assert.deepEqual(host.problems, [], 'no CSP violation or page error');
        assert.deepEqual(host.dropped, [], 'every message passes the host schema');
      }
    }
  });

  it('builds NeuMF from an empty file: shapes on the wires, parameters per node and in total', async () => {
    const { page, host, person } = await open('');
    // A new file opens on the preset gallery, with each preset's formula.
    await page.waitForSelector('.gallery');
    assert.equal(await page.locator('.preset-card').count(), 1 + PRESET_NAMES.length, 'a blank start and every preset');
    assert.match(
      (await page.locator('.preset-card[data-preset="neumf"] .preset-formula').textContent()) ?? '',
      /ϕ\(\[pᵤ ∘ qᵢ, ψ\(\[sᵤ, tᵢ\]\)\]\)/,
    );
    await screenshot(page, '01-new-file-gallery');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.canvas-empty');

    // Drop every layer where it belongs.
    const user = await person.drop('input:user', 400, 70);
    const item = await person.drop('input:item', 660, 70);
    const p = await person.drop('embedding', 140, 200);
    const q = await person.drop('embedding', 400, 200);
    const s = await person.drop('embedding', 660, 200);
    const t = await person.drop('embedding', 920, 200);
    const gmf = await person.drop('hadamard', 270, 340);
    const st = await person.drop('concat', 790, 340);
    const psi = await person.drop('mlp', 790, 480);
    const phi = await person.drop('dense', 530, 640);
    const out = await person.drop('output', 530, 780);
    assert.deepEqual(
      [user, item, p, q, s, t, gmf, st, psi, phi, out],
      ['user', 'item', 'emb', 'emb2', 'emb3', 'emb4', 'prod', 'concat', 'mlp', 'dense', 'rating'],
    );
    assert.equal(await page.locator('.react-flow__node').count(), 11);
    // Unwired, the graph is not valid yet, and the nodes say why.
    assert.match(await person.toolbarText(), /problem/);
    assert.match((await page.locator(`${nodeSel('prod')} .spec-node-error`).textContent()) ?? '', /at least 2 inputs/);

    for (const [from, to] of [
      ['emb', 'p'],
      ['emb2', 'q'],
      ['emb3', 's'],
      ['emb4', 't'],
    ])
      await person.rename(from, to);
    await page.keyboard.press('Escape');

    await person.wire('user', 'p');
    await person.wire('item', 'q');
    await person.wire('user', 's');
    await person.wire('item', 't');
    await person.wire('p', 'prod');
    await person.wire('q', 'prod');
    await person.wire('s', 'concat');
    // One wire through the inspector, as a keyboard user connects.
    await person.connectInInspector('t', 'concat');
    await person.wire('concat', 'mlp');
    await person.wire('prod', 'dense');
    await person.wire('mlp', 'dense');
    await person.wire('dense', 'rating');
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });

    // The document is NeuMF: valid, and the same parameter count as the preset.
    const check = checkSpecText(host.text);
    assert.deepEqual(check.issues, []);
    const preset = checkSpec(presetDocument('neumf'));
    assert.ok(check.ok && preset.ok);
    assert.equal(check.checked.totalParams, preset.checked.totalParams);
    // And the page shows it: valid, the total, the shape on every wire, each node's own count.
    await page.waitForSelector('.status-ok');
    assert.match(await person.toolbarText(), new RegExp(`${formatCount(preset.checked.totalParams)} params`));
    const labels = await person.wireLabels();
    assert.equal(labels.length, 12);
    assert.deepEqual([...new Set(labels)].sort(), ['[16]', '[1]', '[32]', '[64]', 'ids[1] of item', 'ids[1] of user']);
    assert.equal(await page.locator(`${nodeSel('mlp')} .spec-node-shape`).textContent(), '→ [16]');
    assert.equal(
      await page.locator(`${nodeSel('p')} .spec-node-params`).textContent(),
      `${formatCount(943 * 32)} params`,
    );
    assert.equal(await page.getByRole('button', { name: 'Train' }).isDisabled(), false);
    await screenshot(page, '02-neumf-built');

    // Widths of the MLP tower, edited in place on the node.
    const edits = host.edits;
    const width = page.locator('input[aria-label="mlp layer 3 width"]');
    await width.fill('8');
    await width.press('Enter');
    await host.waitForEdits(edits + 1);
    assert.deepEqual(nodeOf(host.text, 'mlp')!.units, [64, 32, 8]);
    await page.waitForSelector(`${nodeSel('mlp')} .spec-node-shape:text-is("→ [8]")`);
    assert.match(await person.toolbarText(), new RegExp(`${formatCount(totalParamsOf(host.text))} params`));
    assert.ok((await person.wireLabels()).includes('[8]'));

    // Arrange lays it out; the layout goes into the file.
    await page.locator('vscode-button', { hasText: 'Arrange' }).click();
    await host.waitForText(
      'hold an arranged layout',
      (text) => text.includes('"layout"') && !text.includes('"user": {"x": 400'),
    );
    await page.locator('vscode-button', { hasText: 'Fit' }).click();
    await untilStill(page);
    await screenshot(page, '03-neumf-arranged');
  });

  it('shows the error on the node a bad wire breaks, and clears it when the wire goes', async () => {
    const { page, host, person } = await open(neumfText);
    await page.waitForSelector('.status-ok');
    await person.wire('user', 'gmf');
    const error = page.locator(`${nodeSel('gmf')} .spec-node-error`);
    await error.waitFor();
    assert.match(
      (await error.textContent()) ?? '',
      /Hadamard needs vectors: user is ids\[1\] of user \(embed it first\)/,
    );
    assert.match(await person.toolbarText(), /1 problem/);
    assert.equal(
      await page.locator('.react-flow__edge .shape-edge.faulty').count(),
      3,
      'the three wires into gmf are marked',
    );
    assert.equal(await page.getByRole('button', { name: 'Train' }).isDisabled(), true);
    // Downstream nodes lose their shape; the other branch keeps its own.
    assert.equal(await page.locator(`${nodeSel('phi')} .spec-node-shape`).textContent(), '→ ?');
    assert.equal(await page.locator(`${nodeSel('psi')} .spec-node-shape`).textContent(), '→ [16]');
    await page.locator('.tab', { hasText: 'Problems' }).click();
    assert.match(
      (await page.locator('.tab-panel .issue').first().textContent()) ?? '',
      /^line 11: node 'gmf', field 'inputs': Hadamard needs vectors/,
    );
    await screenshot(page, '04-bad-wire');

    // Remove the bad input in the inspector: valid again.
    await page.locator('.tab', { hasText: 'Inspector' }).click();
    await person.select('gmf');
    const edits = host.edits;
    await page.locator('vscode-button[title="Disconnect user"]').click();
    await host.waitForEdits(edits + 1);
    assert.deepEqual(nodeOf(host.text, 'gmf')!.inputs, ['p', 'q']);
    await page.waitForSelector('.status-ok');
  });

  it('works from the keyboard: add from the palette, connect in the inspector, delete', async () => {
    const { page, host, person } = await open(neumfText);
    await page.waitForSelector('.status-ok');
    await person.select('psi');
    await page.focus('[data-palette-key="dropout"]');
    await page.keyboard.press('Enter');
    await host.waitForText('gain a dropout', (t) => nodeIds(t).includes('drop'));
    // The new node is selected and placed below the selected one.
    await page.waitForSelector('.inspector[aria-label="Inspector: Dropout drop"]');
    const read = readDocument(host.text);
    assert.ok(read.ok);
    const layout = read.doc.layout as Record<string, { x: number; y: number }>;
    assert.ok(layout.drop.y > layout.psi.y);
    // Its accessible name tells a screen reader what it is and what is wrong.
    assert.match(
      (await page.locator(nodeSel('drop')).getAttribute('aria-label')) ?? '',
      /^Dropout drop: rate 0\.2.*1 problem/,
    );

    await person.connectInInspector('psi', 'drop');
    assert.deepEqual(nodeOf(host.text, 'drop')!.inputs, ['psi']);
    await page.waitForSelector(`${nodeSel('drop')} .spec-node-shape:text-is("→ [16]")`);

    // Arrow keys move the selected node; where it comes to rest is written (a burst as one edit).
    const layoutOf = (id: string) => {
      const r = readDocument(host.text);
      return r.ok ? (r.doc.layout as Record<string, { x: number; y: number }>)[id] : undefined;
    };
    const before = layoutOf('drop')!;
    const edits = host.edits;
    await page.focus(nodeSel('drop'));
    // A burst: three presses within one task of the page, so no pause of a loaded machine splits it.
    const pressRight = (times: number) =>
      page.evaluate(`(() => {
        const node = document.activeElement;
        for (let k = 0; k < ${times}; k++) {
          for (const type of ['keydown', 'keyup']) node.dispatchEvent(new KeyboardEvent(type, { key: 'ArrowRight', code: 'ArrowRight', bubbles: true, cancelable: true }));
        }
      })()`);
    await pressRight(3);
    await host.waitForEdits(edits + 1);
    const afterBurst = layoutOf('drop')!;
    assert.equal(afterBurst.y, before.y);
    // One press more measures a step: the first edit held all three.
    await pressRight(1);
    await host.waitForEdits(edits + 2);
    const step = layoutOf('drop')!.x - afterBurst.x;
    assert.ok(step > 0, `a press moves the node right (moved ${step})`);
    assert.equal(afterBurst.x - before.x, 3 * step, 'three presses, one edit');

    await page.focus(nodeSel('drop'));
    await page.keyboard.press('Delete');
    await host.waitForText('lose the dropout', (t) => !nodeIds(t).includes('drop'));
    await page.waitForSelector(nodeSel('drop'), { state: 'detached' });
  });

  it('selects several nodes, copies and pastes them, and deletes them together', async () => {
    const { page, host, person } = await open(neumfText);
    await page.waitForSelector('.status-ok');
    await person.select('s');
    await person.select('t', ['Shift']);
    await page.waitForSelector('.multi-selection');
    assert.match((await page.locator('.multi-selection').textContent()) ?? '', /2 nodes selected/);
    // The shortcuts raise the clipboard events the builder listens to (in VS Code too).
    await page.keyboard.press('Control+C');
    await page.keyboard.press('Control+V');
    await host.waitForText('hold the pasted copies', (t) => nodeIds(t).includes('s2') && nodeIds(t).includes('t2'));
    assert.deepEqual(nodeOf(host.text, 's2')!.inputs, [], 'wires from outside the copied group are not pasted');
    await page.waitForSelector('.multi-selection');
    await page.keyboard.press('Delete');
    await host.waitForText('lose the copies', (t) => !nodeIds(t).includes('s2') && !nodeIds(t).includes('t2'));
    assert.equal(nodeIds(host.text).length, 11);
  });

  it('moves a node by dragging it, and writes where it was dropped', async () => {
    const { page, host } = await open(neumfText);
    await page.waitForSelector('.status-ok');
    // The canvas measures and places its nodes after the first paint: drag once they stand still.
    await untilStill(page);
    const header = await page.locator(`${nodeSel('psi')} .spec-node-header`).boundingBox();
    assert.ok(header);
    const zoom = await page.evaluate(() => {
      const t = getComputedStyle(document.querySelector('.react-flow__viewport')!).transform;
      return new DOMMatrix(t).a;
    });
    const shownBefore = deriveView(host.text);
    const from =
      shownBefore.kind === 'graph' ? shownBefore.nodes.find((n) => n.id === 'psi')!.position : { x: 0, y: 0 };
    await page.mouse.move(header.x + 30, header.y + 8);
    await page.mouse.down();
    // A first small step starts the drag; the rest moves the node.
    await page.mouse.move(header.x + 30 + 5, header.y + 8 + 2, { steps: 2 });
    await page
      .locator(`${nodeSel('psi')}.dragging`)
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    await page.mouse.move(header.x + 30 + 150, header.y + 8 + 60, { steps: 10 });
    await page.mouse.up();
    const text = await host.waitForText('hold the moved position', (t) => t.includes('"layout"'));
    const to = (readDocument(text) as { ok: true; doc: { layout: Record<string, { x: number; y: number }> } }).doc
      .layout.psi;
    // Screen pixels over the zoom, less the first step the drag needs to start.
    assert.ok(Math.abs(to.x - from.x - 150 / zoom) <= 20, `moved by ${to.x - from.x}, zoom ${zoom}`);
    assert.ok(Math.abs(to.y - from.y - 60 / zoom) <= 10, `moved by ${to.y - from.y}, zoom ${zoom}`);
    // The other nodes keep the places they were shown in.
    const shownAfter = deriveView(text);
    assert.ok(shownBefore.kind === 'graph' && shownAfter.kind === 'graph');
    assert.deepEqual(
      shownAfter.nodes.find((n) => n.id === 'gmf')!.position,
      shownBefore.nodes.find((n) => n.id === 'gmf')!.position,
    );
  });

  it('follows the text: a change made in the text editor or by undo shows at once', async () => {
    const { page, host } = await open(neumfText);
    await page.waitForSelector('.status-ok');
    await host.setText(neumfText.replace('"units": [64, 32, 16]', '"units": [128, 64]'));
    await page.waitForSelector(`${nodeSel('psi')} .spec-node-shape:text-is("→ [64]")`);
    assert.deepEqual(
      await page
        .locator(`${nodeSel('psi')} .width-input`)
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
      ['128', '64'],
    );
    await host.setText(neumfText);
    await page.waitForSelector(`${nodeSel('psi')} .spec-node-shape:text-is("→ [16]")`);
  });

  it('shows the generated code, and asks the host to train', async () => {
    const { page, host } = await open(neumfText);
    await page.waitForSelector('.status-ok');
    await page.locator('.tab', { hasText: 'Code' }).click();
    const code = page.locator('pre.code');
    await code.waitFor();
    const text = (await code.textContent()) ?? '';
    assert.match(text, /buildModel/);
    assert.match(text, /psi/);
    await screenshot(page, '05-code-view');
    await page.locator('vscode-button', { hasText: 'Copy' }).click();
    const copy = await host.waitForRequest('copyCode');
    assert.equal(copy.text, text);
    await page.getByRole('button', { name: 'Train' }).click();
    await host.waitForRequest('train');
  });

  it('draws the text classifier: the token input, the sequence through the embedding, the pooled vector', async () => {
    const { page, person } = await open(readFileSync(join(ROOT, 'src/core/presets/text-embedding.ncf.json'), 'utf8'));
    await page.waitForSelector('.status-ok');
    assert.match(
      (await page.locator(`${nodeSel('tokens')} .spec-node-summary`).textContent()) ?? '',
      /token sequence · length 20/,
    );
    const labels = await person.wireLabels();
    for (const shape of ['ids[20] of tokens', '[20, 16]', '[16]', '[1]'])
      assert.ok(labels.includes(shape), `${shape} in ${labels}`);
    assert.equal(
      await page.locator(`${nodeSel('E')} .spec-node-params`).textContent(),
      `${formatCount(10000 * 16)} params`,
    );
    await screenshot(page, '08-text-embedding');
  });

  it('starts from a preset chosen in the gallery', async () => {
    const { page, host } = await open(neumfText);
    await page.waitForSelector('.status-ok');
    await page.locator('vscode-button', { hasText: 'Presets' }).click();
    await page.locator('.preset-card[data-preset="ancf"]').click();
    await page.locator('.gallery-confirm vscode-button', { hasText: 'Replace' }).click();
    await host.waitForText('become ANCF', (t) => t.includes('"name": "ANCF"'));
    await page.waitForSelector('.toolbar-title .spec-name:text-is("ANCF")');
    assert.equal(await page.locator('.react-flow__node').count(), nodeIds(host.text).length);
  });

  it('opens a file that is not JSON with its errors and "Open as text", and leaves it alone', async () => {
    const broken = '{\n  "version": 1,\n  "name": "half",\n  "nodes": [\n';
    const { page, host } = await open(broken);
    await page.waitForSelector('.unreadable');
    assert.match((await page.locator('.unreadable .issue').textContent()) ?? '', /^line 5: the file is not valid JSON/);
    await screenshot(page, '06-not-json');
    await page.locator('vscode-button', { hasText: 'Open as text' }).click();
    await host.waitForRequest('openAsText');
    assert.equal(host.text, broken, 'nothing was rewritten');
    assert.equal(host.edits, 0);
  });

  it('draws a spec the schema rejects, with the error on its node, without rewriting it', async () => {
    const invalid = neumfText.replace(
      '{"id": "s", "op": "embedding", "dim": 32,',
      '{"id": "s", "op": "embedding", "dim": -4,',
    );
    const { page, host } = await open(invalid);
    await page.waitForSelector(`${nodeSel('s')} .spec-node-error`);
    assert.match((await page.locator(`${nodeSel('s')} .spec-node-error`).textContent()) ?? '', /^dim: /);
    assert.equal(await page.locator(`${nodeSel('gmf')} .spec-node-shape`).textContent(), '→ [32]');
    await screenshot(page, '07-invalid-spec');
    assert.equal(host.text, invalid);
  });

  for (const theme of ['light', 'high-contrast'] as const) {
    it(`follows the ${theme} theme`, async () => {
      const { page } = await open(neumfText, { theme });
      await page.waitForSelector('.status-ok');
      const background = await page.evaluate(
        () => getComputedStyle(document.querySelector('.react-flow')!).backgroundColor,
      );
      assert.equal(background, theme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(0, 0, 0)');
      await untilStill(page);
      await screenshot(page, `08-theme-${theme}`);
    });
  }
});
