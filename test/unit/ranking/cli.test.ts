import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smallInteractions } from '../../helpers/interactions';
import { ncf } from '../cli/bad-input.test';
import { jsonLines } from '../../helpers/ncf';

describe('CLI: train --task ranking', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ncf-ranking-'));
    writeFileSync(join(dir, 'small.csv'), smallInteractions());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--json: validation HR and NDCG per epoch; the result with both protocols, ItemPop and random; --out saves the negatives', () => {
    const out = join(dir, 'run');
    const r = ncf([
      'train',
      '--task',
      'ranking',
      '--preset',
      'gmf',
      '--data',
      `csv:${join(dir, 'small.csv')}`,
      '--epochs',
      '3',
      '--lr',
      '0.01',
      '--json',
      '--out',
      out,
    ]);
    assert.equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    assert.deepEqual(
      lines.map((l) => l.event),
      ['epoch', 'epoch', 'epoch', 'result'],
    );
    for (const e of lines.slice(0, -1))
      assert.ok(e.val.hr >= 0 && e.val.hr <= 1 && e.val.ndcg <= e.val.hr, JSON.stringify(e));
    const result = lines[lines.length - 1];
    assert.equal(result.preset, 'gmf-ranking');
    assert.equal(result.split, 'loo');
    assert.equal(result.users.evaluated, 60);
    assert.equal(result.test.k, 10);
    for (const m of [result.test, result.baselines.itemPop, result.baselines.random]) {
      for (const key of ['hr', 'ndcg']) assert.ok(m[key] >= 0 && m[key] <= 1, key);
      for (const key of ['hr', 'ndcg', 'mrr', 'recall']) assert.ok(m.full[key] >= 0 && m.full[key] <= 1, key);
    }
    // Two clear taste groups: the trained model must beat random on the sampled protocol.
    assert.ok(
      result.test.hr > result.baselines.random.hr,
      `HR@10 ${result.test.hr} vs random ${result.baselines.random.hr}`,
    );
    const negatives = JSON.parse(readFileSync(join(out, 'negatives.json'), 'utf8'));
    assert.equal(negatives.users.length, 60);
    for (const f of ['model.json', 'weights.bin', 'idmaps.json', 'spec.ncf.json', 'metrics.json'])
      assert.ok(existsSync(join(out, f)), f);
    assert.equal(JSON.parse(readFileSync(join(out, 'spec.ncf.json'), 'utf8')).training.task, 'ranking');

    // The run answers `ncf recommend`: the model's top items among those the user has not interacted with.
    const asked = ncf(['recommend', '--run', out, '--user', 'u3', '--k', '5', '--json']);
    assert.equal(asked.status, 0, asked.stderr);
    const answer = JSON.parse(asked.stdout);
    const seen = new Set(
      readFileSync(join(dir, 'small.csv'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('u3,'))
        .map((l) => l.split(',')[1]),
    );
    assert.equal(answer.items.length, 5);
    assert.ok(
      answer.items.every((i: { item: string }) => !seen.has(i.item)),
      'no item the user interacted with',
    );
    const scores = answer.items.map((i: { score: number }) => i.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
      'best first',
    );
  });

  it('a table on a terminal-less run, and one clear line for a split that is not leave-one-out', () => {
    const r = ncf([
      'train',
      '--task',
      'ranking',
      '--preset',
      'mlp-ranking',
      '--data',
      `csv:${join(dir, 'small.csv')}`,
      '--epochs',
      '1',
      '--loss',
      'bpr',
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /baseline: ItemPop/);
    assert.match(r.stdout, /engine layers \(the fast engine does not train the BPR loss\)/);
    const bad = ncf(['train', '--task', 'ranking', '--split', 'random:0.2', '--data', `csv:${join(dir, 'small.csv')}`]);
    assert.equal(bad.status, 1);
    assert.equal(
      bad.stderr.trim(),
      'ncf: the ranking task splits leave-one-out by time: use --split loo, not random:0.2',
    );
  });
});
