/**
 * Feature files of a user's own train end to end, and the saved run scores a user it never saw from
 * raw feature values (`ncf predict --user-feature`); bad feature files and values get one line.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRng } from '../../../src/core/util/random';
import { lastJson, runNcf as ncf } from '../../helpers/ncf';

/** Users of group A love items tagged x and dislike the rest; group B the other way round. */
function writeData(dir: string): void {
  const rng = makeRng('cold-start-test');
  const users = ['id,group,height'];
  const groupOf: string[] = [];
  for (let u = 1; u <= 80; u++) {
    groupOf[u] = u % 2 ? 'A' : 'B';
    users.push(`u${u},${groupOf[u]},${160 + Math.floor(rng() * 40)}`);
  }
  const items = ['item,tags'];
  const tagged: boolean[] = [];
  for (let i = 1; i <= 40; i++) {
    tagged[i] = i % 2 === 0;
    items.push(`i${i},${tagged[i] ? 'x|y' : 'z'}`);
  }
  const ratings = ['user,item,rating'];
  for (let u = 1; u <= 80; u++)
    for (let i = 1; i <= 40; i++) {
      if (rng() < 0.5) continue;
      const likes = (groupOf[u] === 'A') === tagged[i];
      ratings.push(`u${u},i${i},${likes ? 5 : 1}`);
    }
  writeFileSync(join(dir, 'ratings.csv'), ratings.join('\n') + '\n');
  writeFileSync(join(dir, 'users.csv'), users.join('\n') + '\n');
  writeFileSync(join(dir, 'items.csv'), items.join('\n') + '\n');
  writeFileSync(
    join(dir, 'towers.ncf.json'),
    JSON.stringify({
      version: 1,
      name: 'towers',
      nodes: [
        { id: 'user', op: 'input', field: 'user' },
        { id: 'item', op: 'input', field: 'item' },
        { id: 'group', op: 'input', field: 'userFeature', feature: 'group', kind: 'categorical' },
        { id: 'height', op: 'input', field: 'userFeature', feature: 'height', kind: 'numeric' },
        {
          id: 'tags',
          op: 'input',
          field: 'itemFeature',
          feature: 'tags',
          kind: 'multiHot',
          width: 3,
          pooling: 'sqrtn',
        },
        { id: 'p', op: 'embedding', dim: 4, inputs: ['user'] },
        { id: 'q', op: 'embedding', dim: 4, inputs: ['item'] },
        { id: 'e_group', op: 'embedding', dim: 4, inputs: ['group'] },
        { id: 'g', op: 'dense', units: 4, inputs: ['p', 'e_group', 'height'] },
        { id: 'h', op: 'dense', units: 4, inputs: ['q', 'tags'] },
        { id: 'gh', op: 'dot', inputs: ['g', 'h'] },
        { id: 'rating', op: 'output', globalMean: true, inputs: ['gh'] },
      ],
      training: { optimizer: 'adam', learningRate: 0.02, batchSize: 64, epochs: 25, validation: 0.1, seed: 3 },
    }),
  );
}

describe('predict: cold start from feature files of its own', function () {
  let dir: string;
  let run: string;
  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'ncf-cold-'));
    writeData(dir);
    run = join(dir, 'run');
    const r = ncf([
      'train',
      '--spec',
      join(dir, 'towers.ncf.json'),
      '--data',
      `csv:${join(dir, 'ratings.csv')}`,
      '--user-features',
      join(dir, 'users.csv'),
      '--item-features',
      join(dir, 'items.csv'),
      '--split',
      'cold-users:0.1',
      '--out',
      run,
    ]);
    assert.equal(r.status, 0, r.stderr);
    this.trainStderr = r.stderr;
    this.trainStdout = r.stdout;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('trains on the files, names their features, and beats the baselines on users it never saw', function () {
    assert.match(
      this.trainStderr as string,
      /features: group \(user categorical\), height \(user numeric\), tags \(item multiHot\)/,
    );
    const text = this.trainStdout as string;
    const cell = (row: string) => Number(new RegExp(`${row}\\s*│\\s*([0-9.]+)`).exec(text)![1]);
    // Cold users' ratings depend only on their group: the towers can tell, μ + bᵢ cannot.
    assert.ok(cell('test') < cell('baseline: μ \\+ bᵤ \\+ bᵢ') - 0.3, text);
  });

  it('scores an unseen user from its raw features, as its group likes', function () {
    const ask = (group: string) =>
      ncf([
        'predict',
        '--run',
        run,
        '--user',
        'newcomer',
        '--item',
        'i2',
        'i3',
        '--user-feature',
        `group=${group}`,
        'height=175',
        '--json',
      ]);
    const a = ask('A');
    const b = ask('B');
    assert.equal(a.status, 0, a.stderr);
    const [aTagged, aOther] = lastJson(a.stdout).predictions.map((p: { prediction: number }) => p.prediction);
    const [bTagged, bOther] = lastJson(b.stdout).predictions.map((p: { prediction: number }) => p.prediction);
    assert.ok(aTagged > aOther + 1, `group A prefers the tagged item: ${aTagged} vs ${aOther}`);
    assert.ok(bOther > bTagged + 1, `group B the other one: ${bOther} vs ${bTagged}`);
  });

  it('says in one line what is wrong with an unseen user or its features', function () {
    const cases: [string[], RegExp][] = [
      [[], /unknown user 'newcomer'/],
      [
        ['--user-feature', 'group=C', 'height=170'],
        /feature 'group': 'C' is not one of its categories \(A, B, unknown\)/,
      ],
      [
        ['--user-feature', 'group=A'],
        /a new user needs --user-feature group=… --user-feature height=… \(missing: height\)/,
      ],
      [['--user-feature', 'group=A', 'height=170', 'shoe=44'], /the model has no user feature 'shoe'/],
      [['--user-feature', 'height'], /--user-feature 'height': use NAME=VALUE/],
    ];
    for (const [extra, pattern] of cases) {
      const r = ncf(['predict', '--run', run, '--user', 'newcomer', '--item', 'i2', ...extra]);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
    const known = ncf([
      'predict',
      '--run',
      run,
      '--user',
      'u1',
      '--item',
      'i2',
      '--user-feature',
      'group=A',
      'height=1',
    ]);
    assert.match(known.stderr, /user 'u1' is known to the model/);
  });

  it('rejects a bad feature file with its file and line', function () {
    writeFileSync(join(dir, 'bad-users.csv'), 'id,group\nu1,A\nu1,B\n');
    const r = ncf([
      'train',
      '--preset',
      'mf',
      '--data',
      `csv:${join(dir, 'ratings.csv')}`,
      '--user-features',
      join(dir, 'bad-users.csv'),
    ]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /bad-users\.csv:3: user 'u1' is listed twice \(first on line 2\)/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  });

  it('names the node and the feature the data lacks', function () {
    const r = ncf([
      'train',
      '--spec',
      join(dir, 'towers.ncf.json'),
      '--data',
      `csv:${join(dir, 'ratings.csv')}`,
      '--user-features',
      join(dir, 'users.csv'),
      '--epochs',
      '1',
    ]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /tags.*the data has no item feature 'tags'/);
  });
});
