/**
 * Every key typed into the builder's fields is kept, however fast the person types and however
 * slowly the host echoes the document. Two things overwrote fields: the echo of a commit (Enter)
 * arriving while the person typed on, and VS Code's webview frame repeating Ctrl+A late (it forwards
 * the key to the workbench, which sends "select all" back). The stand-in host here delays every
 * answer, and the page gets the frame's forwarding as VS Code's `pre/index.html` does it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { rawNodes, readDocument } from '../../src/core/graph';
import { useBuilderPages } from './builderPages';
import { ROOT, screenshot, type StandInHost } from './standIn';

const neumfText = readFileSync(join(ROOT, 'src/core/presets/neumf.ncf.json'), 'utf8');
const ECHO_DELAY_MS = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const docOf = (text: string) => {
  const r = readDocument(text);
  assert.ok(r.ok, 'the document stays readable');
  return r.doc as Record<string, unknown>;
};

/** The host answers every request (and so echoes every edit) only after a delay. */
function slowDown(host: StandInHost, ms: number): void {
  const receive = host.receive.bind(host);
  host.receive = async (raw: unknown) => {
    await sleep(ms);
    return receive(raw);
  };
}

/** As VS Code's webview frame does: a keydown that reaches the window goes to the workbench, whose Ctrl+A comes back as execCommand('selectAll'). */
async function forwardKeysLikeVsCode(page: Page, roundTripMs: number): Promise<void> {
  await page.evaluate((ms) => {
    window.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a')
        setTimeout(() => document.execCommand('selectAll'), ms);
    });
  }, roundTripMs);
}

describe('webview: the inspector keeps every keystroke', function () {
  const openPage = useBuilderPages('typing');

  async function open(): Promise<{ page: Page; host: StandInHost }> {
    const session = await openPage(neumfText);
    await session.page.waitForSelector('.status-ok');
    slowDown(session.host, ECHO_DELAY_MS);
    return session;
  }

  /**
   * Focus a field, select all, type at 0 ms per key: Enter after the first part, the second part
   * while that edit's echo is on its way, the third once it has arrived, then Tab.
   */
  async function retype(page: Page, host: StandInHost, input: string, parts: [string, string, string]): Promise<void> {
    await page.locator(input).click();
    await page.keyboard.press('Control+A');
    const edits = host.edits;
    await page.keyboard.type(parts[0], { delay: 0 });
    await page.keyboard.press('Enter');
    await page.keyboard.type(parts[1], { delay: 0 });
    await host.waitForEdits(edits + 1);
    await page.keyboard.type(parts[2], { delay: 0 });
    await page.keyboard.press('Tab');
  }

  it('keeps the keys typed after Enter while the host is still echoing the edit (name, description, numbers, widths)', async () => {
    const { page, host } = await open();
    await retype(page, host, '#spec-name input', ['My', ' AN', 'CF']);
    await retype(page, host, '#spec-description input', ['Hand', '-built', ' ANCF']);
    await retype(page, host, '#training-learningRate input', ['0.0', '0', '5']);
    await host.waitForText('hold every field as typed', (t) => {
      const d = docOf(t);
      return (
        d.name === 'My ANCF' &&
        d.description === 'Hand-built ANCF' &&
        (d.training as Record<string, unknown>).learningRate === 0.005
      );
    });
    assert.equal(await page.locator('#spec-name input').inputValue(), 'My ANCF');

    // A node's own field and a width on the canvas.
    await page.locator('.react-flow__node[data-id="p"] .spec-node-header').click();
    await page.waitForSelector('.inspector[aria-label$=" p"]');
    await retype(page, host, '#p-dim input', ['1', '2', '8']);
    await host.waitForText(
      'hold the new dimension',
      (t) => rawNodes(docOf(t) as never).find((n) => n.id === 'p')?.dim === 128,
    );
    await sleep(ECHO_DELAY_MS * 2);
    assert.equal(
      await page.locator('#p-dim input').inputValue(),
      '128',
      'the field shows what the file holds once the echoes are in',
    );
    await retype(page, host, 'input[aria-label="psi layer 1 width"]', ['1', '2', '8']);
    await host.waitForText(
      'hold the new width',
      (t) => JSON.stringify(rawNodes(docOf(t) as never).find((n) => n.id === 'psi')?.units) === '[128,32,16]',
    );
    await screenshot(page, '10-inspector-typed');
  });

  it("keeps the keys typed after Ctrl+A when VS Code's frame repeats select-all late", async () => {
    const { page, host } = await open();
    await forwardKeysLikeVsCode(page, 150);
    for (const [field, text] of [
      ['#spec-name input', 'My ANCF'],
      ['#spec-description input', 'Hand-built ANCF'],
    ]) {
      await page.locator(field).click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text, { delay: 0 });
      await sleep(300); // longer than the frame's round trip: a late select-all would have landed by now
      await page.keyboard.press('Tab');
    }
    await host.waitForText(
      'hold both fields as typed',
      (t) => docOf(t).name === 'My ANCF' && docOf(t).description === 'Hand-built ANCF',
    );
  });
});
