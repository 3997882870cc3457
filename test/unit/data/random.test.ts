/**
 * The engine's seeded generator continues seedrandom's stream over a byte array for speed: every
 * seeded split, shuffle and negative depends on it drawing exactly seedrandom's doubles.
 */
import * as assert from 'node:assert/strict';
import seedrandom from 'seedrandom';
import { makeRng, shuffleDraws, shuffleInPlace } from '../../../src/core/util/random';

describe('seeded randomness', () => {
  it("draws seedrandom's doubles, draw for draw, for number, string, empty and non-ASCII seeds", () => {
    for (const seed of [
      42,
      '7:shuffle',
      '',
      'ünïcode',
      'a much longer seed than two hundred and fifty six characters '.repeat(6),
    ]) {
      const ours = makeRng(seed);
      const theirs = seedrandom(String(seed));
      for (let k = 0; k < 200_000; k++) {
        const want = theirs();
        const got = ours();
        if (got !== want) assert.fail(`seed '${seed}', draw ${k}: ${got} instead of ${want}`);
      }
    }
  });

  it("shuffles as Fisher–Yates over seedrandom's draws does, and keeps every element", () => {
    const n = 10_000;
    const ours = shuffleInPlace(
      Int32Array.from({ length: n }, (_, k) => k),
      makeRng('shuffle-test'),
    );
    const reference = Array.from({ length: n }, (_, k) => k);
    const theirs = seedrandom('shuffle-test');
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(theirs() * (i + 1));
      [reference[i], reference[j]] = [reference[j], reference[i]];
    }
    assert.deepEqual(Array.from(ours), reference);
    assert.deepEqual(
      Array.from(ours).sort((a, b) => a - b),
      Array.from({ length: n }, (_, k) => k),
    );
    assert.notDeepEqual(
      Array.from(ours.subarray(0, 20)),
      Array.from({ length: 20 }, (_, k) => k),
    );
  });

  it("draws a long shuffle in WebAssembly as seedrandom's doubles would, over several stretches, and goes on from where it stopped", () => {
    for (const seed of ['long-shuffle', 7]) {
      const n = 150_001;
      const rng = makeRng(seed);
      const first = shuffleDraws(n, rng);
      const second = shuffleDraws(1_000, rng);
      const theirs = seedrandom(String(seed));
      const want = (size: number) => {
        const swaps = new Int32Array(size);
        for (let i = size - 1; i > 0; i--) swaps[i] = Math.floor(theirs() * (i + 1));
        return swaps;
      };
      assert.deepEqual(first, want(n), `seed '${seed}': the long shuffle`);
      assert.deepEqual(second, want(1_000), `seed '${seed}': the shuffle after it`);
      assert.equal(rng(), theirs(), `seed '${seed}': the draw after both`);
    }
  });

  it('draws a shuffle from any other generator in JavaScript', () => {
    let k = 0;
    const halves = () => (k++ % 2 ? 0.5 : 0.25);
    assert.deepEqual(Array.from(shuffleDraws(5, halves)), [0, 1, 0, 2, 1]);
  });
});
