/**
 * A saved run answers in a fresh process exactly as the model did right after training; recommend
 * leaves out what the user has rated; unknown ids and missing folders get one line naming them;
 * without its data files a run still predicts and says what it cannot do.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../../src/core/data/load';
import { Dataset } from '../../../src/core/data/types';
import { clip } from '../../../src/core/engine/metrics';
import { modelInputNodes } from '../../../src/core/engine/model';
import { saveRun } from '../../../src/core/engine/save';
import { predictRows } from '../../../src/core/engine/train';
import { runJob } from '../../../src/core/job/runJob';
import { loadRun, loadRunData, Predictor, runDataFiles, topK } from '../../../src/core/predict';
import { presetSpec } from '../../../src/core/presets';
import { checkSpec, Spec } from '../../../src/core/spec';
import { ML100K_ABSENT, ml100kDir } from '../../helpers/data';
import { lastJson, runNcf as ncf } from '../../helpers/ncf';

/** A model with an item-feature tower, so the run must carry the encoded genres to predict. */
const featureSpec = (): Spec => {
  const check = checkSpec({
    version: 1,
    name: 'ids and genres',
    nodes: [
      { id: 'user', op: 'input', field: 'user' },
      { id: 'item', op: 'input', field: 'item' },
      { id: 'genres', op: 'input', field: 'itemFeature', feature: 'genres' },
      { id: 'p', op: 'embedding', dim: 8, inputs: ['user'] },
      { id: 'q', op: 'embedding', dim: 8, inputs: ['item'] },
      { id: 'g', op: 'dense', units: 4, activation: 'relu', inputs: ['genres'] },
      { id: 'phi', op: 'dense', units: 1, inputs: ['p', 'q', 'g'] },
      { id: 'rating', op: 'output', globalMean: true, inputs: ['phi'] },
    ],
    training: { optimizer: 'adam', learningRate: 0.01, batchSize: 256, epochs: 2, validation: 0.1, seed: 7 },
  });
  assert.ok(check.ok, 'the feature spec is valid');
  return check.checked.spec;
};

const withEpochs = (spec: Spec, epochs: number): Spec => ({ ...spec, training: { ...spec.training, epochs } });

/** Every item one user rated in the data, by raw id: worked out here, not by the code under test. */
function ratedBy(dataset: Dataset, user: string): Set<string> {
  const u = dataset.userIds.indexOf(user);
  const out = new Set<string>();
  for (let row = 0; row < dataset.ratings.length; row++)
    if (dataset.users[row] === u) out.add(dataset.itemIds[dataset.items[row]]);
  return out;
}

describe('predict: a saved run in a fresh process', function () {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ncf-predict-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, spec] of [
    ['neumf', () => withEpochs(presetSpec('neumf'), 2)],
    ['a genre-feature model', featureSpec],
  ] as const) {
    it(`${name}: ncf predict gives the values the model gave right after training, within 1e-6`, async function () {
      const out = join(dir, name.replace(/\W+/g, '-'));
      const job = await runJob({
        spec: spec(),
        data: 'synthetic',
        split: 'random:0.2',
        backend: 'wasm',
        engine: 'layers',
      });
      const user = '17';
      const items = ['1', '50', '333', '1682'];
      const d = job.dataset;
      // Rows of the pairs asked about, in a dataset that is the training data with those pairs appended.
      const rows = Int32Array.from(items, (_, k) => d.ratings.length + k);
      const asked: Dataset = {
        ...d,
        users: Int32Array.from([...d.users, ...items.map(() => d.userIds.indexOf(user))]),
        items: Int32Array.from([...d.items, ...items.map((i) => d.itemIds.indexOf(i))]),
        ratings: new Float32Array(d.ratings.length + items.length),
      };
      const checked = checkSpec(spec(), d.vocabulary);
      assert.ok(checked.ok);
      const expected = Array.from(predictRows(job.model, modelInputNodes(checked.checked), asked, rows), (p) =>
        clip(p, d.ratingRange),
      );
      await saveRun(out, {
        model: job.model,
        spec: spec(),
        dataset: d,
        result: job.result,
        files: runDataFiles('synthetic', d, spec()),
      });
      job.model.dispose();
      assert.equal(
        existsSync(join(out, 'features.json')),
        name !== 'neumf',
        'the encoded features are kept only for a model that reads them',
      );

      const r = ncf(['predict', '--run', out, '--user', user, '--item', ...items, '--json']);
      assert.equal(r.status, 0, r.stderr);
      const answer = lastJson(r.stdout);
      assert.equal(answer.user, user);
      assert.deepEqual(
        answer.predictions.map((p: { item: string }) => p.item),
        items,
      );
      answer.predictions.forEach((p: { prediction: number }, k: number) => {
        assert.ok(
          Math.abs(p.prediction - expected[k]) <= 1e-6,
          `item ${items[k]}: ${p.prediction} in a fresh process, ${expected[k]} after training`,
        );
        assert.ok(p.prediction >= 1 && p.prediction <= 5, 'clipped to the rating scale');
      });
    });
  }

  it("recommend leaves out every item the user rated, unless --include-seen; the order is the model's", async function () {
    const out = join(dir, 'neumf');
    const dataset = await loadDataset('synthetic');
    const run = await loadRun(out);
    const predictor = new Predictor(run);
    const all = predictor.allScores(predictor.user('17'));
    const seen = ratedBy(dataset, '17');
    assert.ok(seen.size > 20, 'user 17 has rated items to leave out');
    const byScore = Array.from(all.keys())
      .sort((a, b) => all[b] - all[a] || a - b)
      .map((k) => run.itemIds[k]);
    predictor.dispose();

    const unseen = lastJson(ncf(['recommend', '--run', out, '--user', '17', '-k', '15', '--json']).stdout);
    assert.equal(unseen.items.length, 15);
    for (const x of unseen.items)
      assert.ok(!seen.has(x.item), `item ${x.item} was rated by user 17 and must not be recommended`);
    assert.deepEqual(
      unseen.items.map((x: { item: string }) => x.item),
      byScore.filter((i) => !seen.has(i)).slice(0, 15),
    );
    for (let k = 1; k < unseen.items.length; k++)
      assert.ok(unseen.items[k - 1].score >= unseen.items[k].score, 'best first');
    assert.equal(unseen.liked.length, 15);
    for (const x of unseen.liked) assert.ok(seen.has(x.item), `liked item ${x.item} is one the user rated`);
    for (let k = 1; k < unseen.liked.length; k++)
      assert.ok(unseen.liked[k - 1].rating >= unseen.liked[k].rating, 'highest rated first');

    const everything = lastJson(
      ncf(['recommend', '--run', out, '--user', '17', '-k', '15', '--include-seen', '--json']).stdout,
    );
    assert.deepEqual(
      everything.items.map((x: { item: string }) => x.item),
      byScore.slice(0, 15),
    );
  });

  it('an unknown user or item, or a folder that is not a run, is one line naming it and exit 1', async function () {
    const out = join(dir, 'neumf');
    const cases: [string[], RegExp][] = [
      [
        ['predict', '--run', out, '--user', 'nobody', '--item', '1'],
        /^ncf: unknown user 'nobody': the run knows 943 users/,
      ],
      [
        ['predict', '--run', out, '--user', '1', '--item', '1', '--item', '99999'],
        /^ncf: unknown item '99999': the run knows 1682 items/,
      ],
      [['recommend', '--run', out, '--user', '0'], /^ncf: unknown user '0'/],
      [['recommend', '--run', join(dir, 'no-such-run'), '--user', '1'], /^ncf: .*no-such-run: no such run folder$/],
      [['predict', '--run', dir, '--user', '1', '--item', '1'], /^ncf: .*: not a run folder: it has no model.json$/],
    ];
    for (const [args, message] of cases) {
      const r = ncf(args);
      assert.equal(r.status, 1, `${args.join(' ')} fails`);
      assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
      assert.match(r.stderr.trim(), message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('without its data files a run still predicts, and says the seen items are not filtered', async function () {
    const csv = join(dir, 'ratings.csv');
    const lines = ['user,item,rating'];
    for (let u = 1; u <= 30; u++)
      for (let i = 1; i <= 20; i++) if ((u * 7 + i * 3) % 4 !== 0) lines.push(`u${u},i${i},${1 + ((u + i) % 5)}`);
    writeFileSync(csv, lines.join('\n') + '\n');
    const out = join(dir, 'csv-run');
    const trained = ncf(['train', '--preset', 'mf', '--data', `csv:${csv}`, '--epochs', '1', '--out', out, '--json']);
    assert.equal(trained.status, 0, trained.stderr);
    const withData = lastJson(ncf(['recommend', '--run', out, '--user', 'u1', '-k', '20', '--json']).stdout);
    const rated = lines.filter((l) => l.startsWith('u1,')).map((l) => l.split(',')[1]);
    assert.equal(withData.items.length, 20 - rated.length, 'only the unrated items are left');
    rmSync(csv);
    const r = ncf(['recommend', '--run', out, '--user', 'u1', '-k', '20', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /ratings\.csv\) is not found: seen items are not filtered/);
    const without = lastJson(r.stdout);
    assert.equal(without.items.length, 20, 'every item is ranked');
    assert.deepEqual(without.liked, []);
    const run = await loadRun(out);
    const data = await loadRunData(run);
    assert.equal(data.data, undefined);
    run.model.dispose();
  });
});

describe('predict: topK', () => {
  it('is best first, breaks ties by the lower index, skips excluded and NaN scores', () => {
    assert.deepEqual(topK([0.1, 0.9, 0.5, 0.9, NaN, 0.7], 3), [1, 3, 5]);
    assert.deepEqual(topK([0.1, 0.9, 0.5, 0.9, NaN, 0.7], 3, new Set([1])), [3, 5, 2]);
    assert.deepEqual(topK([0.3, 0.2], 5), [0, 1]);
    assert.deepEqual(topK([0.3, 0.2], 0), []);
  });
});

describe('recommend on MovieLens 100K', function () {
  // Set in before(): the run trained on the real data, with titles and genres.
  let out: string;
  let dir: string;
  before(function () {
    const ml = ml100kDir();
    if (!ml) {
      console.log(`      skipped: ${ML100K_ABSENT}`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'ncf-ml100k-run-'));
    out = join(dir, 'run');
    const r = ncf([
      'train',
      '--preset',
      'mf-bias',
      '--data',
      `movielens:${ml}`,
      '--split',
      'fold:u1',
      '--epochs',
      '2',
      '--out',
      out,
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("names the items with their titles and genres, and lists the user's own five-star films", function () {
    const r = ncf(['recommend', '--run', out, '--user', '1', '-k', '5', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const answer = lastJson(r.stdout);
    assert.deepEqual(Object.keys(answer), ['user', 'items', 'liked']);
    assert.equal(answer.items.length, 5);
    for (const x of answer.items) {
      assert.deepEqual(Object.keys(x), ['item', 'score', 'title', 'genres']);
      assert.match(x.title, /\(\d{4}\)$/, 'a MovieLens title ends with its year');
      assert.ok(Array.isArray(x.genres) && x.genres.length > 0);
    }
    assert.deepEqual(
      answer.liked.map((x: { rating: number }) => x.rating),
      [5, 5, 5, 5, 5],
      'user 1 gave 5 stars to many films',
    );
    const starWars = lastJson(
      ncf(['recommend', '--run', out, '--user', '1', '-k', '2000', '--include-seen', '--json']).stdout,
    ).items.find((x: { item: string }) => x.item === '50');
    assert.equal(starWars.title, 'Star Wars (1977)');
    assert.deepEqual(starWars.genres, ['Action', 'Adventure', 'Romance', 'Sci-Fi', 'War']);
  });
});
