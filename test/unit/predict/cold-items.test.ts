/**
 * Cold items: `--split cold-items:F` keeps every rating of a fraction of the items out of training;
 * the result reports the cold rows apart with μ + bᵤ (all an unseen item leaves of μ + bᵤ + bᵢ), and
 * `ncf predict --item-feature` scores an item the model never saw from its raw features.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../../src/core/data/load';
import { makeSplits } from '../../../src/core/data/split';
import { computeBaselines, fitBiases } from '../../../src/core/engine/baselines';
import { coldWarmRows } from '../../../src/core/engine/coldRows';
import { errorMetrics } from '../../../src/core/engine/metrics';
import { makeRng } from '../../../src/core/util/random';
import { lastJson, runNcf as ncf } from '../../helpers/ncf';

const SPLIT = 'cold-items:0.25';
const SEED = 5;

/**
 * Users of group A rate items tagged x high and the rest low, group B the other way round; each user
 * also has a leniency of its own (−1, 0 or +1), which μ + bᵤ can learn and an item's tags cannot.
 */
function writeData(dir: string): void {
  const rng = makeRng('cold-items-test');
  const groupOf = (u: number) => (u % 2 ? 'A' : 'B');
  const lenient = (u: number) => (u % 3) - 1;
  const tagged = (i: number) => i % 2 === 0;
  const users = ['id,group'];
  for (let u = 1; u <= 60; u++) users.push(`u${u},${groupOf(u)}`);
  const items = ['item,tags'];
  for (let i = 1; i <= 40; i++) items.push(`i${i},${tagged(i) ? 'x|y' : 'z'}`);
  const ratings = ['user,item,rating'];
  for (let u = 1; u <= 60; u++)
    for (let i = 1; i <= 40; i++) {
      if (rng() < 0.4) continue;
      const likes = (groupOf(u) === 'A') === tagged(i);
      ratings.push(`u${u},i${i},${(likes ? 4 : 2) + lenient(u)}`);
    }
  writeFileSync(join(dir, 'ratings.csv'), ratings.join('\n') + '\n');
  writeFileSync(join(dir, 'users.csv'), users.join('\n') + '\n');
  writeFileSync(join(dir, 'items.csv'), items.join('\n') + '\n');
  writeFileSync(
    join(dir, 'towers.ncf.json'),
    JSON.stringify({
      version: 1,
      name: 'item towers',
      nodes: [
        { id: 'user', op: 'input', field: 'user' },
        { id: 'item', op: 'input', field: 'item' },
        { id: 'tags', op: 'input', field: 'itemFeature', feature: 'tags', kind: 'multiHot', width: 3 },
        { id: 'p', op: 'embedding', dim: 4, inputs: ['user'] },
        { id: 'a', op: 'bias', inputs: ['user'] },
        { id: 'q', op: 'embedding', dim: 4, inputs: ['item'] },
        { id: 'h', op: 'dense', units: 4, inputs: ['q', 'tags'] },
        { id: 'ph', op: 'dot', inputs: ['p', 'h'] },
        { id: 'sum', op: 'add', inputs: ['ph', 'a'] },
        { id: 'rating', op: 'output', globalMean: true, inputs: ['sum'] },
      ],
      training: { optimizer: 'adam', learningRate: 0.02, batchSize: 64, epochs: 30, validation: 0.1, seed: SEED },
    }),
  );
}

describe('cold items: a split of unseen items, reported apart, and predicted from their features', function () {
  let dir: string;
  let run: string;
  let trainOut: string;
  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'ncf-cold-items-'));
    writeData(dir);
    run = join(dir, 'run');
    const r = ncf([
      'train',
      '--spec',
      join(dir, 'towers.ncf.json'),
      '--data',
      `csv:${join(dir, 'ratings.csv')}`,
      '--item-features',
      join(dir, 'items.csv'),
      '--split',
      SPLIT,
      '--out',
      run,
    ]);
    assert.equal(r.status, 0, r.stderr);
    trainOut = r.stdout;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every rating of the cold items out of training, and μ + bᵤ is its baseline there', async function () {
    const data = await loadDataset(`csv:${join(dir, 'ratings.csv')}`, { itemFeatures: join(dir, 'items.csv') });
    const [split] = makeSplits(data, SPLIT, SEED);
    const trained = new Set(Array.from(split.train, (r) => data.items[r]));
    const tested = new Set(Array.from(split.test, (r) => data.items[r]));
    assert.equal(tested.size, 10, 'a quarter of the 40 items');
    for (const i of tested) assert.ok(!trained.has(i), `test item ${data.itemIds[i]} was trained on`);

    const { cold, warm } = coldWarmRows(data, split.train, split.test);
    assert.equal(cold.length, split.test.length, 'every test row is cold');
    assert.equal(warm.length, 0);

    // An unseen item has no bias: the baseline is μ + bᵤ, which knows each user's leniency.
    const { mean, userBias } = fitBiases(data, split.train);
    const actual = Float32Array.from(split.test, (r) => data.ratings[r]);
    const muBu = errorMetrics(
      Float32Array.from(split.test, (r) => mean + userBias[data.users[r]]),
      actual,
      data.ratingRange,
    );
    const baselines = computeBaselines(data, split.train, split.test);
    assert.ok(
      Math.abs(baselines.userItemBias.rmse - muBu.rmse) < 1e-6,
      `${baselines.userItemBias.rmse} vs ${muBu.rmse}`,
    );
    assert.ok(muBu.rmse < baselines.globalMean.rmse - 0.2, `μ + bᵤ ${muBu.rmse} vs μ ${baselines.globalMean.rmse}`);
  });

  it('reports the cold rows apart, and the item towers beat μ + bᵤ on them', function () {
    const cell = (row: string) => Number(new RegExp(`${row}\\s*│\\s*([0-9.]+)`).exec(trainOut)?.[1]);
    const coldRows = /test: cold rows \((\d+)\)/.exec(trainOut);
    assert.ok(coldRows, trainOut);
    assert.doesNotMatch(trainOut, /warm rows/, 'no test row is warm');
    const coldTest = cell('test: cold rows \\(\\d+\\)');
    const coldBaseline = cell('baseline on cold rows: μ \\+ bᵤ \\+ bᵢ');
    assert.equal(coldTest, cell('test'), 'all test rows are cold');
    // Cold items' ratings depend on their tags and the user's group: the towers can tell, μ + bᵤ cannot.
    assert.ok(coldTest < coldBaseline - 0.3, trainOut);
  });

  it('scores an item it never saw from its raw features, as each group likes', function () {
    const ask = (user: string, tags: string) =>
      ncf(['predict', '--run', run, '--user', user, '--item', 'fresh', '--item-feature', `tags=${tags}`, '--json']);
    const score = (user: string, tags: string) => {
      const r = ask(user, tags);
      assert.equal(r.status, 0, r.stderr);
      const [p] = lastJson(r.stdout).predictions;
      assert.equal(p.item, 'fresh');
      return p.prediction as number;
    };
    // u1 is in group A (likes x), u2 in group B.
    assert.ok(score('u1', 'x|y') > score('u1', 'z') + 1, 'group A prefers the tagged item');
    assert.ok(score('u2', 'z') > score('u2', 'x|y') + 1, 'group B the other one');
  });

  it('says in one line what is wrong with an unseen item or its features', function () {
    const cases: [string[], RegExp][] = [
      [['--item', 'fresh'], /unknown item 'fresh'/],
      [['--item', 'fresh', '--item-feature', 'colour=red'], /a new item needs --item-feature tags=… \(missing: tags\)/],
      [['--item', 'fresh', '--item-feature', 'tags=x', 'colour=red'], /the model has no item feature 'colour'/],
      [
        ['--item', 'fresh', 'other', '--item-feature', 'tags=x'],
        /--item-feature describes one new item: give one --item \(got 2\)/,
      ],
      [['--item', 'i2', '--item-feature', 'tags=x'], /item 'i2' is known to the model/],
      [['--item', 'fresh', '--item-feature', 'tags'], /--item-feature 'tags': use NAME=VALUE/],
    ];
    for (const [extra, pattern] of cases) {
      const r = ncf(['predict', '--run', run, '--user', 'u1', ...extra]);
      assert.notEqual(r.status, 0, extra.join(' '));
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });
});
