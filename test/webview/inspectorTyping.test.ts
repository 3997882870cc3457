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

/** Counts the requests still held back by a delayed host, so a test can wait until every echo is in. */
function slowDownCounting(host: StandInHost, ms: number): () => number {
  const receive = host.receive.bind(host);
  let pending = 0;
  host.receive = async (raw: unknown) => {
    pending++;
    try {
      await sleep(ms);
      return await receive(raw);
    } finally {
      pending--;
    }
  };
  return () => pending;
}

interface Field {
  id: string;
  value: string;
}
const FIELDS = '.inspector vscode-text-field';
const fieldsOf = (page: Page): Promise<Field[]> =>
  page.locator(FIELDS).evaluateAll((els) => els.map((e) => ({ id: e.id, value: (e as HTMLInputElement).value })));

/**
 * A new text for a field, of its kind: words for names and labels, another number for a number, a
 * list for a list of widths. A field left empty is filled only where any number is valid (a
 * regularisation strength, a dropout rate); the others (a feature's name, a sequence length) would
 * change what the input is.
 */
function retyped({ id, value }: Field): string | undefined {
  if (id === 'node-id') return `renamed_${value}`;
  if (id === 'spec-name') return 'My ANCF';
  if (id === 'spec-description') return 'Hand-built ANCF';
  if (id === 'spec-formula') return 'r = p.q + f(s, t)';
  if (id.endsWith('-label')) return `Layer ${id.replace(/-label$/, '')}`;
  if (value === '') return /-l2$/.test(id) ? '1e-4' : /-dropout$/.test(id) ? '0.25' : undefined;
  if (value.includes(',')) return `${value}, 8`;
  const n = Number(value);
  if (!Number.isFinite(n)) return undefined;
  return String(Number.isInteger(n) ? n * 2 : n / 2);
}
/** What a field shows for what was typed: numbers as numbers (1e-4 is 0.0001), widths without spaces. */
const sameValue = (shown: string, typed: string) =>
  shown === typed ||
  (shown.trim() !== '' && Number(shown) === Number(typed)) ||
  shown.replace(/\s+/g, '') === typed.replace(/\s+/g, '');
/** Three parts of about the same length: typed, Enter, typed during the echo, typed after it. */
function thirds(text: string): [string, string, string] {
  const a = Math.ceil(text.length / 3);
  const b = Math.ceil((2 * text.length) / 3);
  return [text.slice(0, a), text.slice(a, b), text.slice(b)];
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

  it('keeps every text and number field of the architecture, the training and each kind of node as typed (0 ms per key, slow echo)', async () => {
    const { page, host } = await openPage(readFileSync(join(ROOT, 'src/core/presets/ancf.ncf.json'), 'utf8'));
    await page.waitForSelector('.status-ok');
    const pending = slowDownCounting(host, ECHO_DELAY_MS);
    const settled = async () => {
      for (const deadline = Date.now() + 60_000; pending() > 0; await sleep(25))
        assert.ok(Date.now() < deadline, 'every edit is echoed');
    };
    // One node of each op: input, embedding, hadamard, concat, mlp, dense, add, output.
    const sections = [undefined, 'user', 'p', 'pq', 'st', 'f', 'f_out', 'sum', 'rating'];
    /** What was typed, by section (a node by its first id) and field name. */
    const expected: { section?: string; name: string; value: string }[] = [];
    const renamed = new Map<string | undefined, string | undefined>();
    const select = async (p: Page, node?: string) => {
      if (node === undefined) await p.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      else await p.locator(`.react-flow__node[data-id="${node}"] .spec-node-header`).click();
      await p.waitForSelector(
        node === undefined
          ? '.inspector[aria-label$="architecture and training"]'
          : `.inspector[aria-label$=" ${node}"]`,
      );
    };
    const nameOf = (id: string, section?: string) =>
      id === 'node-id' ? 'id' : section ? id.slice(section.length + 1) : id;
    const idOf = (name: string, node?: string) => (name === 'id' ? 'node-id' : node ? `${node}-${name}` : name);
    for (const section of sections) {
      await select(page, section);
      const fields = await fieldsOf(page);
      // The id last: renaming the node renames the other fields' scope.
      const plan = fields
        .map((f) => ({ field: f, text: retyped(f) }))
        .filter((p): p is { field: Field; text: string } => p.text !== undefined)
        .sort((a, b) => Number(a.field.id === 'node-id') - Number(b.field.id === 'node-id'));
      assert.ok(
        plan.length >= 2,
        `${section ?? 'the architecture'} has fields to type into: ${fields.map((f) => f.id)}`,
      );
      for (const { field, text } of plan) {
        await retype(page, host, `#${field.id} input`, thirds(text));
        await settled();
        if (field.id === 'node-id') await page.waitForSelector(`.inspector[aria-label$=" ${text}"]`);
        const shown = await page.locator(`#${field.id} input`).inputValue();
        assert.ok(
          sameValue(shown, text),
          `${section ?? 'architecture'} ${field.id}: typed '${text}', shows '${shown}'`,
        );
        expected.push({ section, name: nameOf(field.id, section), value: text });
        if (field.id === 'node-id') renamed.set(section, text);
      }
    }
    await settled();
    assert.ok(expected.length >= 25, `typed into ${expected.length} fields`);

    // The file holds every field as typed: a builder opened on it shows them all.
    const reopened = await openPage(host.text);
    await reopened.page.waitForSelector('.toolbar');
    for (const { section, name, value } of expected) {
      const node = section === undefined ? undefined : (renamed.get(section) ?? section);
      await select(reopened.page, node);
      const shown = await reopened.page.locator(`#${idOf(name, node)} input`).inputValue();
      assert.ok(
        sameValue(shown, value),
        `${node ?? 'architecture'} ${name} in the file: typed '${value}', holds '${shown}'`,
      );
    }
    await screenshot(page, '10-inspector-every-field');
  });
});
