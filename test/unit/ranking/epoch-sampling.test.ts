/**
 * A ranking epoch's examples are drawn and shuffled by faster means than the obvious ones (a bit per
 * user–item pair, the same shuffle applied to each column): each must give what the obvious one gives.
 */
import * as assert from 'node:assert/strict';
import { useBackend } from '../../../src/core/engine/backend';
import { epochExamples } from '../../../src/core/ranking/epoch';
import { UserItems } from '../../../src/core/ranking/interactions';
import { pairwiseExamples, trainingExamples } from '../../../src/core/ranking/negatives';
import { SpecNode } from '../../../src/core/spec/schema';
import { gatherInt } from '../../../src/core/util/gather';
import { applySwaps, makeRng, shuffleDraws, shuffleInPlace } from '../../../src/core/util/random';

/** 50 users, each with a random handful of 40 items (item ids up to 39; queries go beyond). */
function randomInteractions() {
  const rng = makeRng('epoch-sampling');
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < 50; u++)
    for (let k = 0; k < 1 + Math.floor(rng() * 12); k++) {
      users.push(u);
      items.push(Math.floor(rng() * 40));
    }
  const data = {
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    userIds: Array.from({ length: 50 }, (_, u) => `u${u}`),
  };
  return { data, rows: Int32Array.from(users, (_, k) => k) };
}

const range = (n: number) => Int32Array.from({ length: n }, (_, k) => k);

describe('ranking: the epoch sampler', () => {
  before(async () => {
    await useBackend('cpu');
  });

  it('answers "has this user this item" from its bits as its search and a plain set do', () => {
    const { data, rows } = randomInteractions();
    const bits = UserItems.of(data, rows);
    const search = UserItems.of(data, rows, 0);
    const truth = new Set(Array.from(rows, (r) => `${data.users[r]}:${data.items[r]}`));
    let yes = 0;
    for (let u = 0; u < 50; u++)
      for (let i = -1; i <= 45; i++) {
        const want = truth.has(`${u}:${i}`);
        assert.equal(bits.has(u, i), want, `bits, user ${u} item ${i}`);
        assert.equal(search.has(u, i), want, `search, user ${u} item ${i}`);
        if (want) yes++;
      }
    assert.ok(yes > 100 && yes < 50 * 40, `${yes} pairs held: the case tests both answers`);
  });

  it('draws the same negatives with either lookup', () => {
    const { data, rows } = randomInteractions();
    const draw = (seen: UserItems) =>
      Array.from(trainingExamples(data.users, data.items, seen, 46, 4, makeRng('negatives')).items);
    assert.deepEqual(draw(UserItems.of(data, rows)), draw(UserItems.of(data, rows, 0)));
  });

  it('shuffles each column with one set of draws as shuffling row indices and gathering would', () => {
    const columns = [range(1000), Int32Array.from(range(1000), (k) => 7 * k), Int32Array.from(range(1000), (k) => -k)];
    const order = shuffleInPlace(range(1000), makeRng('alike'));
    const swaps = shuffleDraws(1000, makeRng('alike'));
    for (const column of columns) {
      const want = Array.from(gatherInt(column, order));
      assert.deepEqual(Array.from(applySwaps(column.slice(), swaps)), want);
    }
    assert.notDeepEqual(Array.from(order.subarray(0, 10)), Array.from(range(10)));
  });

  for (const loss of ['bce', 'bpr'] as const)
    it(`${loss}: an epoch's tensors hold the examples in the order a shuffle of their indices gives`, () => {
      const { data, rows } = randomInteractions();
      const seen = UserItems.of(data, rows);
      const dataset = { ...data, ratings: new Float32Array(rows.length), itemIds: Array.from({ length: 46 }, String) };
      const inputs: SpecNode[] = [
        { id: 'u', op: 'input', field: 'user' },
        { id: 'i', op: 'input', field: 'item' },
        ...(loss === 'bpr' ? [{ id: 'n', op: 'input' as const, field: 'item' as const }] : []),
      ];
      const epoch = { dataset: dataset as never, users: data.users, items: data.items, seen, loss, negatives: 3 };
      const { xs, ys } = epochExamples(epoch, inputs, makeRng('n'), makeRng('s'));
      const got = xs.map((x) => Array.from(x.values));
      const labels = Array.from(ys.values);

      const rng = makeRng('n');
      const ex =
        loss === 'bce'
          ? trainingExamples(data.users, data.items, seen, 46, 3, rng)
          : pairwiseExamples(data.users, data.items, seen, 46, 3, rng);
      const order = shuffleInPlace(range(ex.users.length), makeRng('s'));
      const want =
        'labels' in ex
          ? [ex.users, ex.items].map((c) => Array.from(gatherInt(c, order)))
          : [ex.users, ex.positives, ex.negatives].map((c) => Array.from(gatherInt(c, order)));
      assert.deepEqual(got, want);
      if ('labels' in ex)
        assert.deepEqual(
          labels,
          Array.from(order, (r) => ex.labels[r]),
        );
    });
});
