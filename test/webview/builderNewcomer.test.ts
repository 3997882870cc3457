/**
 * The builder points a newcomer ran into, in headless Chromium with the stand-in host: palette
 * names in an ordinary-width editor, a dropdown wide enough for its options, new nodes that do not
 * overlap, Arrange that fits the view, a blank start, a preset that asks before replacing a graph,
 * the formula derived from the graph, a hint on an output with neither μ nor a bias, the code
 * opened in VS Code's own editor, and the grammar of the input count. Screenshots go to
 * test-output/webview/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { rawNodes, readDocument } from '../../src/core/graph';
import { useBuilderPages } from './builderPages';
import { ROOT, screenshot, type StandInHost } from './standIn';

const preset = (name: string) => readFileSync(join(ROOT, `src/core/presets/${name}.ncf.json`), 'utf8');
const nodeSel = (id: string) => `.react-flow__node[data-id="${id}"]`;
const nodesOf = (text: string) => {
  const r = readDocument(text);
  return r.ok ? rawNodes(r.doc) : [];
};
/** Polls a condition on the host's side (the requests it got) until it holds. */
async function until<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (let v = probe(); ; v = probe()) {
    if (v !== undefined || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}
type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('webview: the builder as a newcomer meets it', function () {
  const openPage = useBuilderPages('newcomer');
  async function open(text: string, width = 1000): Promise<{ page: Page; host: StandInHost }> {
    const session = await openPage(text, { width, height: 760 });
    await session.page.waitForSelector('.toolbar');
    return session;
  }
  const boxes = (page: Page) =>
    page
      .locator('.react-flow__node')
      .evaluateAll((els) =>
        els.map((e) => ({ id: e.getAttribute('data-id'), ...JSON.parse(JSON.stringify(e.getBoundingClientRect())) })),
      );

  it('shows the palette names in a 1000 px editor, and an "Add input" list as wide as its options', async () => {
    const { page } = await open(preset('neumf'));
    await page.waitForSelector('.status-ok');
    for (const [key, name] of [
      ['dense', 'Dense'],
      ['mlp', 'MLP tower'],
    ]) {
      const label = page.locator(`[data-palette-key="${key}"] span:not(.codicon)`);
      assert.ok(await label.isVisible(), `${name} is named in the palette`);
      assert.equal(await label.textContent(), name);
      assert.ok(await label.evaluate((e) => e.scrollWidth <= e.clientWidth), `${name} is not cut`);
    }

    await page.locator(`${nodeSel('phi')} .spec-node-header`).click();
    const dropdown = page.locator('#add-input');
    await dropdown.waitFor();
    assert.ok(((await dropdown.boundingBox())?.width ?? 0) >= 220, 'the dropdown takes the sidebar width');
    await dropdown.click();
    const cut = await page
      .locator('#add-input vscode-option')
      .evaluateAll((options) => options.filter((o) => o.scrollWidth > o.clientWidth + 1).map((o) => o.textContent));
    assert.deepEqual(cut, [], 'no option is cut');
    await screenshot(page, '20-palette-names-and-inputs');
    await page.keyboard.press('Escape');
  });

  it('places new nodes where they overlap nothing, and Arrange fits the whole graph in view', async () => {
    const { page, host } = await open(preset('neumf'));
    await page.waitForSelector('.status-ok');
    await page.locator(`${nodeSel('st')} .spec-node-header`).click();
    for (let k = 0; k < 3; k++) {
      const count = nodesOf(host.text).length;
      await page.locator('[data-palette-key="dense"]').click();
      await host.waitForText('gain a node', (t) => nodesOf(t).length === count + 1);
    }
    await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length === n, 14);
    // Screen boxes at the current zoom: no two nodes share any pixel.
    const placed = await boxes(page);
    for (const a of placed)
      for (const b of placed) if (a.id < b.id) assert.ok(!overlap(a, b), `${a.id} and ${b.id} overlap`);

    await page.locator('vscode-button', { hasText: 'Arrange' }).click();
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    await page.waitForFunction(
      (c) =>
        Array.from(document.querySelectorAll('.react-flow__node')).every((e) => {
          const r = e.getBoundingClientRect();
          return (
            r.left >= c.x - 1 && r.top >= c.y - 1 && r.right <= c.x + c.width + 1 && r.bottom <= c.y + c.height + 1
          );
        }),
      canvas,
      { timeout: 20_000 },
    );
    const arranged = await boxes(page);
    for (const a of arranged)
      for (const b of arranged) if (a.id < b.id) assert.ok(!overlap(a, b), `${a.id} and ${b.id} overlap after Arrange`);
    await screenshot(page, '21-arranged-and-fitted');
  });

  it('routes wires around the nodes between their ends', async () => {
    // MF with biases drawn so that the wire user → p runs straight down through the bias a.
    const spec = JSON.parse(preset('mf-bias')) as Record<string, unknown>;
    spec.layout = {
      user: { x: 0, y: 0 },
      a: { x: 0, y: 220 },
      p: { x: 0, y: 440 },
      item: { x: 600, y: 0 },
      b: { x: 600, y: 220 },
      q: { x: 600, y: 440 },
      pq: { x: 300, y: 640 },
      sum: { x: 300, y: 820 },
      rating: { x: 300, y: 1000 },
    };
    const { page } = await open(JSON.stringify(spec, null, 2), 1000);
    await page.waitForSelector('.status-ok');
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__edge path.shape-edge').length === 10);
    // Every wire sampled along its drawn path, in screen pixels, against every node but its own two.
    const crossings = await page.evaluate(() => {
      const nodes = Array.from(document.querySelectorAll('.react-flow__node')).map((e) => ({
        id: e.getAttribute('data-id'),
        box: e.getBoundingClientRect(),
      }));
      const found: string[] = [];
      for (const edge of Array.from(document.querySelectorAll('.react-flow__edge'))) {
        const [, from, to] = /wire from (\S+) to (\S+?)(,|$)/.exec(edge.getAttribute('aria-label') ?? '') ?? [];
        const path = edge.querySelector('path.shape-edge') as SVGPathElement;
        const matrix = path.getScreenCTM()!;
        const length = path.getTotalLength();
        for (let k = 0; k <= 100; k++) {
          const p = path.getPointAtLength((length * k) / 100).matrixTransform(matrix);
          for (const n of nodes)
            if (
              n.id !== from &&
              n.id !== to &&
              p.x > n.box.left &&
              p.x < n.box.right &&
              p.y > n.box.top &&
              p.y < n.box.bottom
            )
              found.push(`${from} → ${to} crosses ${n.id}`);
        }
      }
      return [...new Set(found)];
    });
    assert.deepEqual(crossings, [], 'no wire runs through a node');
    await screenshot(page, '25-wires-around-nodes');
  });

  it('starts blank from the gallery, and asks before a preset replaces a graph', async () => {
    const { page, host } = await open('');
    await page.waitForSelector('.gallery');
    await page.locator('.preset-card[data-preset="empty"]').click();
    await host.waitForText(
      'hold the blank start',
      (t) =>
        nodesOf(t)
          .map((n) => n.id)
          .join() === 'user,item,rating',
    );
    await page.waitForSelector(nodeSel('rating'));

    await page.locator('vscode-button', { hasText: 'Presets' }).click();
    await page.locator('.preset-card[data-preset="ancf"]').click();
    const question = page.locator('.gallery-confirm');
    await question.waitFor();
    assert.match(
      (await question.textContent()) ?? '',
      /Replace the 3 nodes of .* with ANCF\? Undo \(Ctrl\+Z\) brings them back/,
    );
    await screenshot(page, '22-preset-asks');
    await page.locator('.gallery-confirm vscode-button', { hasText: 'Keep my graph' }).click();
    await page.locator('.preset-card[data-preset="ancf"]').click();
    await page.locator('.gallery-confirm vscode-button', { hasText: 'Replace' }).click();
    await host.waitForText('become ANCF', (t) => t.includes('"name": "ANCF"'));
    // The host counts an edit after it has echoed the document: wait for the count, not the text.
    await host.waitForEdits(2);
    const asked = host.requests.flatMap((r) => (r.type === 'edit' ? [r.edit] : []));
    assert.deepEqual(
      asked,
      [
        { kind: 'loadPreset', name: 'empty' },
        { kind: 'loadPreset', name: 'ancf' },
      ],
      'the blank start and the confirmed preset; keeping the graph edited nothing',
    );
  });

  it('shows the formula the graph spells when none is written, and hints at μ on an output without a bias', async () => {
    const { formula: _written, ...mf } = JSON.parse(preset('mf'));
    const { page, host } = await open(JSON.stringify(mf, null, 2));
    await page.waitForSelector('.status-ok');
    assert.equal(await page.locator('.spec-formula.derived').textContent(), 'r̂ = pᵤᵀqᵢ');
    assert.equal(await page.locator('#spec-formula input').getAttribute('placeholder'), 'r̂ = pᵤᵀqᵢ');
    const hint = page.locator(`${nodeSel('rating')} .spec-node-hint`);
    await hint.waitFor();
    assert.match((await hint.textContent()) ?? '', /No global mean μ and no bias: .* loss starts near 14/);
    await screenshot(page, '23-output-hint');

    await page.locator(`${nodeSel('rating')} .spec-node-header`).click();
    await page.locator('#rating-globalMean').click();
    await host.waitForText('add μ', (t) => nodesOf(t).find((n) => n.id === 'rating')?.globalMean === true);
    await hint.waitFor({ state: 'detached' });
    await page.waitForSelector('.spec-formula.derived:text-is("r̂ = pᵤᵀqᵢ + μ")', { state: 'attached' }); // hidden in a narrow editor, read by screen readers
  });

  it('opens the code in VS Code\'s editor, and says "at least 1 input"', async () => {
    const { page, host } = await open(preset('neumf'));
    await page.waitForSelector('.status-ok');
    await page.locator('.tab', { hasText: 'Code' }).click();
    await page.locator('vscode-button', { hasText: 'Open in editor' }).click();
    const asked = await until(() => host.requests.find((r) => r.type === 'openCode'));
    assert.deepEqual(asked, { type: 'openCode', language: 'ts' });
    const pre = page.locator('pre.code');
    assert.equal(await pre.evaluate((e) => getComputedStyle(e).whiteSpace), 'pre-wrap', 'long lines wrap in the tab');
    assert.ok(await pre.evaluate((e) => e.scrollWidth <= e.clientWidth + 1), 'no sideways scrolling');

    await page.locator('.tab', { hasText: 'Inspector' }).click();
    const count = nodesOf(host.text).length;
    await page.locator('[data-palette-key="dense"]').click();
    await host.waitForText('gain a dense', (t) => nodesOf(t).length === count + 1);
    const error = page.locator(`${nodeSel('dense')} .spec-node-error`);
    await error.waitFor();
    assert.equal(await error.textContent(), 'Dense takes at least 1 input, got 0');
  });
});
