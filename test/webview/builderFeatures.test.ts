/**
 * The builder's palette offers the features the chosen data actually has, in headless Chromium
 * with the stand-in host: the host reads a ratings CSV with a user and an item feature file (not
 * MovieLens) as the extension does, sends their features, and the palette lists each with its kind;
 * adding one writes a node that names the feature by its column, with the kind and width that let
 * the spec be checked before the data is loaded. A file that cannot be read is said in the palette.
 * Screenshots go to test-output/webview/.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataFeatures, type DataFeature } from '../../src/core/data/dataFeatures';
import { rawNodes, readDocument } from '../../src/core/graph';
import { checkSpec } from '../../src/core/spec';
import { useBuilderPages } from './builderPages';
import { ROOT, screenshot } from './standIn';

const preset = (name: string) => readFileSync(join(ROOT, `src/core/presets/${name}.ncf.json`), 'utf8');
const nodesOf = (text: string) => {
  const r = readDocument(text);
  return r.ok ? rawNodes(r.doc) : [];
};

/** Ratings, users with a city and a height, items with multi-valued tags. */
function writeData(dir: string): void {
  const ratings = ['user,item,rating'];
  for (let u = 0; u < 12; u++) for (let i = 0; i < 8; i++) ratings.push(`u${u},i${i},${1 + ((u + i) % 5)}`);
  writeFileSync(join(dir, 'ratings.csv'), ratings.join('\n') + '\n');
  const cities = ['Oslo', 'Lima', 'Pune'];
  writeFileSync(
    join(dir, 'users.csv'),
    ['id,city,height', ...Array.from({ length: 12 }, (_, u) => `u${u},${cities[u % 3]},${150 + 3 * u}`)].join('\n') +
      '\n',
  );
  writeFileSync(
    join(dir, 'items.csv'),
    [
      'item,tags',
      ...Array.from({ length: 8 }, (_, i) => `i${i},${['a', 'b', 'c'].slice(0, 1 + (i % 3)).join('|')}`),
    ].join('\n') + '\n',
  );
}

describe('webview: the palette offers the data’s features', function () {
  const openPage = useBuilderPages('features');
  let dir: string;
  let features: DataFeature[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ncf-palette-'));
    writeData(dir);
    features = await loadDataFeatures(`csv:${join(dir, 'ratings.csv')}`, {
      userFeatures: join(dir, 'users.csv'),
      itemFeatures: join(dir, 'items.csv'),
    });
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('lists each feature of the data with its kind, and adds one as a node naming its column', async () => {
    const { page, host } = await openPage(preset('mf-bias'), { width: 1280, height: 800 });
    await page.waitForSelector('.toolbar');
    // No data known yet: the generic entries.
    await page.getByRole('button', { name: 'Add User feature', exact: true }).waitFor();

    await host.sendDataFeatures({ type: 'dataFeatures', label: 'ratings.csv', features });
    const city = page.getByRole('button', { name: 'Add user feature city (categorical · 4)' });
    await city.waitFor();
    // Three cities, and the category that ids missing from the file get.
    await page.getByRole('button', { name: 'Add user feature height (numeric)' }).waitFor();
    const tags = page.getByRole('button', { name: 'Add item feature tags (multi-valued · 3)' });
    await tags.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Add User feature', exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Add Item feature', exact: true }).count(), 0);
    assert.equal(await page.locator('.palette-data').textContent(), 'Features of ratings.csv');
    assert.equal(
      await page.locator('[data-palette-key="input:itemFeature:tags"] .palette-detail').textContent(),
      'multi-valued · 3',
    );
    await screenshot(page, '20-palette-data-features');

    await tags.click();
    const text = await host.waitForText('gain the tags input', (t) =>
      nodesOf(t).some((n) => n.op === 'input' && n.feature === 'tags'),
    );
    const node = nodesOf(text).find((n) => n.feature === 'tags')!;
    assert.deepEqual(
      { field: node.field, feature: node.feature, kind: node.kind, width: node.width },
      { field: 'itemFeature', feature: 'tags', kind: 'multiHot', width: 3 },
    );
    // Declared so, the spec checks before the data is loaded: the new input has its width on the canvas.
    const check = checkSpec(JSON.parse(text));
    assert.ok(check.ok, JSON.stringify(!check.ok && check.issues));
    assert.deepEqual(check.checked.shapes[String(node.id)], { kind: 'vector', width: 3 });
    await page.locator(`.react-flow__node[data-id="${String(node.id)}"]`).waitFor();
    await screenshot(page, '21-palette-feature-added');
  });

  it('keeps the feature names whole in a 1000 px editor, their kinds under them', async () => {
    const { page, host } = await openPage(preset('mf-bias'), { width: 1000, height: 760 });
    await page.waitForSelector('.toolbar');
    await host.sendDataFeatures({ type: 'dataFeatures', label: 'ratings.csv', features });
    for (const key of ['input:userFeature:city', 'input:userFeature:height', 'input:itemFeature:tags']) {
      const name = page.locator(`[data-palette-key="${key}"] span:not(.codicon):not(.palette-detail)`);
      await name.waitFor();
      assert.ok(await name.evaluate((e) => e.scrollWidth <= e.clientWidth), `${key}: the name is not cut`);
      const detail = page.locator(`[data-palette-key="${key}"] .palette-detail`);
      const [n, d] = [await name.boundingBox(), await detail.boundingBox()];
      assert.ok(n && d && d.y >= n.y + n.height - 1, `${key}: the kind is under the name`);
    }
    await screenshot(page, '22-palette-features-narrow');
  });

  it('says in the palette when the data’s features cannot be read, and keeps the generic entries', async () => {
    const { page, host } = await openPage(preset('mf-bias'), { width: 1280, height: 800 });
    await page.waitForSelector('.toolbar');
    await host.sendDataFeatures({
      type: 'dataFeatures',
      label: 'ratings.csv',
      features: [],
      problem: "users.csv:3: user 'u0' is listed twice (first on line 2)",
    });
    const note = page.locator('.palette-data.error');
    await note.waitFor();
    assert.equal(await note.textContent(), "Features: users.csv:3: user 'u0' is listed twice (first on line 2)");
    await page.getByRole('button', { name: 'Add User feature', exact: true }).waitFor();
  });
});
