import { strict as assert } from 'node:assert';
import { RankStats, rankAgainst } from '../../../src/core/ranking/metrics';
import { fullMetrics, sampledMetrics } from '../../../src/core/ranking/evaluate';
import { UserItems } from '../../../src/core/ranking/interactions';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

describe('ranking metrics on a hand-made case', () => {
  it('rank: candidates scoring at least as high as the held-out item, so ties count against the model', () => {
    assert.equal(rankAgainst(0.9, [0.1, 0.5, 0.2]), 0);
    assert.equal(rankAgainst(0.1, [0.5, 0.2, 0.3]), 3);
    assert.equal(rankAgainst(0.5, [0.5, 0.5, 0.1]), 2);
    assert.equal(rankAgainst(NaN, [0.1, 0.2]), 2);
  });

  it('HR@K, NDCG@K and MRR for an item ranked first, last, at K and just outside K', () => {
    const stats = new RankStats(10);
    for (const rank of [0, 99, 9, 10]) stats.add(rank);
    const topK = stats.topK();
    assert.equal(topK.hr, 2 / 4);
    close(topK.ndcg, (1 / Math.log2(2) + 1 / Math.log2(11)) / 4);
    const full = stats.full();
    close(full.mrr, (1 + 1 / 100 + 1 / 10 + 1 / 11) / 4);
    assert.equal(full.recall, full.hr);
  });

  it('sampled protocol: a constant scorer ranks every test item last; a perfect one first', () => {
    const heldOut = { users: Int32Array.from([0, 1]), items: Int32Array.from([3, 4]) };
    const negatives = Int32Array.from([0, 1, 2, 0, 1, 2]);
    const constant = sampledMetrics((users) => new Float32Array(users.length).fill(1), heldOut, negatives, 3);
    assert.deepEqual(constant, { k: 3, hr: 0, ndcg: 0 });
    const perfect = sampledMetrics(
      (_u, items) => Float32Array.from(items, (i) => (i >= 3 ? 1 : 0)),
      heldOut,
      negatives,
      1,
    );
    assert.deepEqual(perfect, { k: 1, hr: 1, ndcg: 1 });
  });

  it('full protocol: candidates are the items the user has not interacted with, plus the held-out one', () => {
    // User 0 knows items 0 and 1 (never candidates though they score highest); its test item 4 is beaten only by item 5.
    const known = UserItems.of(
      { users: Int32Array.from([0, 0]), items: Int32Array.from([0, 1]), userIds: ['a'] },
      Int32Array.from([0, 1]),
    );
    const scores = [9, 8, 1, 2, 5, 6];
    const seen: number[] = [];
    const m = fullMetrics(
      (_u, items) => {
        seen.push(...items);
        return Float32Array.from(items, (i) => scores[i]);
      },
      { users: Int32Array.from([0]), items: Int32Array.from([4]) },
      known,
      6,
      1,
    );
    assert.deepEqual(seen.sort(), [2, 3, 4, 5]);
    assert.equal(m.hr, 0);
    close(m.mrr, 1 / 2);
    const k2 = fullMetrics(
      (_u, items) => Float32Array.from(items, (i) => scores[i]),
      { users: Int32Array.from([0]), items: Int32Array.from([4]) },
      known,
      6,
      2,
    );
    assert.equal(k2.hr, 1);
    close(k2.ndcg, 1 / Math.log2(3));
  });
});
