import { strict as assert } from 'node:assert';
import { loadDataset } from '../../../src/core/data/load';
import { Dataset } from '../../../src/core/data/types';
import { UserItems, interactionRows } from '../../../src/core/ranking/interactions';
import { leaveOneOut } from '../../../src/core/ranking/loo';
import { evaluationNegatives, trainingExamples } from '../../../src/core/ranking/negatives';
import { makeRng } from '../../../src/core/util/random';
import { ML100K_MISSING, ml100kDir } from '../data/helpers';

/** Three users; timestamps out of file order, and a tie (user a's two latest at time 9) broken by item id. */
function tiny(): Dataset {
  return {
    name: 'tiny',
    users: Int32Array.from([0, 0, 0, 0, 1, 1, 1, 2]),
    items: Int32Array.from([3, 0, 1, 2, 0, 1, 2, 4]),
    ratings: Float32Array.from([5, 4, 3, 1, 5, 5, 5, 5]),
    timestamps: Float64Array.from([9, 1, 9, 2, 3, 2, 1, 1]),
    userIds: ['a', 'b', 'c'],
    itemIds: ['i0', 'i1', 'i2', 'i3', 'i4'],
    ratingRange: [1, 5],
    vocabulary: { user: 3, item: 5 },
  } as Dataset;
}

describe('ranking data: leave-one-out and negatives', () => {
  it("loo holds out each user's latest (ties by item id) for test and the one before for validation", () => {
    const data = tiny();
    const split = leaveOneOut(data, interactionRows(data));
    const item = (rows: Int32Array) =>
      Array.from(rows, (r) => `${data.userIds[data.users[r]]}:${data.items[r]}`).sort();
    assert.deepEqual(item(split.test), ['a:3', 'b:0']);
    assert.deepEqual(item(split.val!), ['a:1', 'b:1']);
    assert.deepEqual(item(split.train), ['a:0', 'a:2', 'b:2', 'c:4']);
  });

  it("ties: 'file' orders interactions at the same time as the file does (user a's tie goes the other way)", () => {
    const data = tiny();
    const split = leaveOneOut(data, interactionRows(data), 'file');
    const item = (rows: Int32Array) =>
      Array.from(rows, (r) => `${data.userIds[data.users[r]]}:${data.items[r]}`).sort();
    assert.deepEqual(item(split.test), ['a:1', 'b:0']);
    assert.deepEqual(item(split.val!), ['a:3', 'b:1']);
    assert.deepEqual(item(split.train), ['a:0', 'a:2', 'b:2', 'c:4']);
  });

  it('a tie goes by the raw item id (as a number), not by the order items first appear in the file', () => {
    // Index 0 is item "10", index 1 item "9": by index 0 comes first, by id "9" does (and "10" < "9" as text).
    const data = {
      ...tiny(),
      users: Int32Array.from([0, 0, 0]),
      items: Int32Array.from([0, 1, 2]),
      ratings: Float32Array.from([5, 5, 5]),
      timestamps: Float64Array.from([7, 7, 1]),
      userIds: ['a'],
      itemIds: ['10', '9', '3'],
      vocabulary: { user: 1, item: 3 },
    } as Dataset;
    const split = leaveOneOut(data, interactionRows(data));
    const ids = (rows: Int32Array) => Array.from(rows, (r) => data.itemIds[data.items[r]]);
    assert.deepEqual(ids(split.test), ['10']);
    assert.deepEqual(ids(split.val!), ['9']);
    assert.deepEqual(ids(split.train), ['3']);
  });

  it('a threshold keeps only ratings at or above it as interactions', () => {
    const data = tiny();
    assert.deepEqual(Array.from(interactionRows(data, 4)), [0, 1, 4, 5, 6, 7]);
    assert.throws(() => interactionRows(data, 6), /no rating of tiny is at or above the interaction threshold 6/);
  });

  it("training negatives never are one of the user's training items, and every positive gets k of them", () => {
    const data = tiny();
    const split = leaveOneOut(data, interactionRows(data));
    const seen = UserItems.of(data, split.train);
    const users = Int32Array.from(split.train, (r) => data.users[r]);
    const items = Int32Array.from(split.train, (r) => data.items[r]);
    const ex = trainingExamples(users, items, seen, 5, 4, makeRng(1));
    assert.equal(ex.users.length, users.length * 5);
    assert.equal(
      ex.labels.reduce((a, b) => a + b, 0),
      users.length,
    );
    for (let i = 0; i < ex.users.length; i++)
      if (ex.labels[i] === 0)
        assert.ok(
          !seen.has(ex.users[i], ex.items[i]),
          `negative ${ex.items[i]} of user ${ex.users[i]} is a training item`,
        );
  });

  it('on MovieLens-100K: no test item is in training or among the sampled negatives', async function () {
    const dir = ml100kDir();
    if (!dir) {
      console.log(`      skipped: ${ML100K_MISSING}`);
      this.skip();
    }
    const data = await loadDataset(`movielens:${dir}`);
    assert.ok(data.timestamps, 'u.data timestamps are read');
    const split = leaveOneOut(data, interactionRows(data));
    assert.equal(split.test.length, 943);
    assert.equal(split.val!.length, 943);
    assert.equal(split.train.length + split.val!.length + split.test.length, 100_000);
    const train = UserItems.of(data, split.train);
    const everything = UserItems.of(data, interactionRows(data));
    const users = Int32Array.from(split.test, (r) => data.users[r]);
    const negatives = evaluationNegatives(users, everything, data.itemIds.length, 99, makeRng(42));
    split.test.forEach((r, k) => {
      const [u, item] = [data.users[r], data.items[r]];
      assert.ok(!train.has(u, item), `test item ${item} of user ${u} is in training`);
      const drawn = negatives.subarray(k * 99, (k + 1) * 99);
      assert.equal(new Set(drawn).size, 99);
      for (const n of drawn) assert.ok(!everything.has(u, n), `negative ${n} of user ${u} is one of its interactions`);
      // The test item is the user's latest: no training or validation row is later.
      for (const t of split.train) if (data.users[t] === u) assert.ok(data.timestamps![t] <= data.timestamps![r]);
    });
  });
});
