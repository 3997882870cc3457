/**
 * `ncf tune` with feature files of the user's own: every trial (and the final test runs) loads them
 * beside the data, and the search folder keeps their absolute paths so `--resume` reads the same ones.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRng } from '../../../src/core/util/random';
import { runNcf as ncf, jsonLines } from '../../helpers/ncf';

/** Ratings that only the features explain: group A likes items tagged x, group B the others. */
function writeData(dir: string): void {
  const rng = makeRng('tune-features-test');
  const users = ['id,group'];
  const items = ['item,tags'];
  const ratings = ['user,item,rating'];
  for (let u = 1; u <= 40; u++) users.push(`u${u},${u % 2 ? 'A' : 'B'}`);
  for (let i = 1; i <= 30; i++) items.push(`i${i},${i % 2 ? 'z' : 'x|y'}`);
  for (let u = 1; u <= 40; u++)
    for (let i = 1; i <= 30; i++) if (rng() < 0.5) ratings.push(`u${u},i${i},${u % 2 === i % 2 ? 1 : 5}`);
  writeFileSync(join(dir, 'users.csv'), users.join('\n') + '\n');
  writeFileSync(join(dir, 'items.csv'), items.join('\n') + '\n');
  writeFileSync(join(dir, 'ratings.csv'), ratings.join('\n') + '\n');
  writeFileSync(
    join(dir, 'features.ncf.json'),
    JSON.stringify({
      version: 1,
      name: 'features only',
      nodes: [
        { id: 'group', op: 'input', field: 'userFeature', feature: 'group', kind: 'categorical' },
        { id: 'tags', op: 'input', field: 'itemFeature', feature: 'tags', kind: 'multiHot', width: 3 },
        { id: 'e_group', op: 'embedding', dim: 2, inputs: ['group'] },
        { id: 'x', op: 'concat', inputs: ['e_group', 'tags'] },
        { id: 'f', op: 'mlp', units: [8], activation: 'relu', inputs: ['x'] },
        { id: 'f_out', op: 'dense', units: 1, inputs: ['f'] },
        { id: 'rating', op: 'output', globalMean: true, inputs: ['f_out'] },
      ],
      training: { optimizer: 'adam', learningRate: 0.02, batchSize: 32, epochs: 15, validation: 0.1, seed: 7 },
    }),
  );
}

describe('CLI: ncf tune with feature files of its own', function () {
  this.timeout(600_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ncf-tune-features-'));
    writeData(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the files to every trial and the final runs, and the tuned model learns from them', () => {
    const out = join(dir, 'search');
    const r = ncf([
      'tune',
      '--spec',
      join(dir, 'features.ncf.json'),
      '--space',
      'e_group.dim=2,4',
      '--strategy',
      'grid',
      '--data',
      `csv:${join(dir, 'ratings.csv')}`,
      '--user-features',
      join(dir, 'users.csv'),
      '--item-features',
      join(dir, 'items.csv'),
      '--feature-kind',
      'tags=multiHot',
      '--split',
      'random:0.2',
      '--trials',
      '2',
      '--jobs',
      '1',
      '--out',
      out,
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    const trials = lines.filter((l) => l.event === 'trial');
    assert.equal(trials.length, 2);
    for (const t of trials) assert.equal(t.status, 'complete', t.note);
    const result = lines.find((l) => l.event === 'tune-result');
    // Ratings are 1 or 5 by group and tags alone: a model that reads the files gets far below 1.
    assert.ok(result.best.test.rmse < 0.5, JSON.stringify(result.best.test));
    const settings = JSON.parse(readFileSync(join(out, 'tune.json'), 'utf8'));
    assert.deepEqual(settings.features, {
      userFeatures: join(dir, 'users.csv'),
      itemFeatures: join(dir, 'items.csv'),
      featureKinds: { tags: 'multiHot' },
    });
  });

  it('without the files, says which node lacks its feature', () => {
    const r = ncf([
      'tune',
      '--spec',
      join(dir, 'features.ncf.json'),
      '--space',
      'e_group.dim=2,4',
      '--data',
      `csv:${join(dir, 'ratings.csv')}`,
      '--user-features',
      join(dir, 'users.csv'),
      '--split',
      'random:0.2',
      '--trials',
      '1',
      '--jobs',
      '1',
      '--out',
      join(dir, 'search-without'),
    ]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /tags.*the data has no item feature 'tags'/);
  });
});
