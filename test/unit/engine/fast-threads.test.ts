import { strict as assert } from 'node:assert';
import { Arena, KernelVariant, relaxedSimdAvailable } from '../../../src/core/engine/fast/wasm/runtime';
import { withSharedMemory } from '../../../src/core/engine/fast/wasm/sharedMemory';
import { KERNELS_WASM_BASE64 } from '../../../src/core/engine/fast/wasm/kernels.wasm';
import { makeRng } from '../../../src/core/util/random';

const rng = makeRng('threads');
const randomArray = (n: number) => Float32Array.from({ length: n }, () => rng() * 2 - 1);

/** The same arena on 1, 2 and 3 threads, each filled with the same buffers by `fill`. */
function arenas(variant: KernelVariant): Arena[] {
  return [1, 2, 3].map((threads) => new Arena(variant, threads));
}

const variants: KernelVariant[] = relaxedSimdAvailable() ? ['simd', 'relaxed'] : ['simd'];

describe('fast engine on several threads', () => {
  it('declares the kernels\u2019 memory shared, and only that', () => {
    const binary = Buffer.from(KERNELS_WASM_BASE64, 'base64');
    const memory = new WebAssembly.Memory({ initial: 4, maximum: 65536, shared: true });
    assert.throws(() => new WebAssembly.Instance(new WebAssembly.Module(binary), { env: { memory } }));
    const shared = new WebAssembly.Module(withSharedMemory(binary));
    assert.deepEqual(
      WebAssembly.Module.exports(shared).map((e) => e.name),
      WebAssembly.Module.exports(new WebAssembly.Module(binary)).map((e) => e.name),
    );
    assert.ok(new WebAssembly.Instance(shared, { env: { memory } }));
  });

  // Rows not a multiple of the split's grain, N with a scalar tail, N = 1 (one dot per row), Aᵀ·B
  // (a weight gradient: rows are the input width, K the batch), and K long enough to be sliced.
  const shapes: [number, number, number, boolean][] = [
    [1030, 32, 64, false],
    [257, 7, 300, false],
    [515, 1, 64, false],
    [64, 32, 1024, true],
    [45, 19, 700, true],
  ];
  for (const variant of variants)
    for (const [M, N, K, transposed] of shapes)
      it(`gemm (${variant}) ${transposed ? 'Aᵀ·B' : 'A·B'} ${M}×${K} · ${K}×${N} gives the same bits on 1, 2 and 3 threads`, () => {
        const a = randomArray(M * K);
        const b = randomArray(K * N);
        const [sam, sak] = transposed ? [1, M] : [K, 1];
        const results = arenas(variant).map((arena) => {
          const [pa, pb, pc] = [arena.alloc(M * K), arena.alloc(K * N), arena.alloc(M * N)];
          arena.f32(pa, M * K).set(a);
          arena.f32(pb, K * N).set(b);
          arena.kernels.gemm(pc, pa, pb, M, N, K, sam, sak, 0);
          arena.kernels.gemm(pc, pa, pb, M, N, K, sam, sak, 1);
          const c = Float32Array.from(arena.f32(pc, M * N));
          const handOffs = arena.handOffs;
          arena.dispose();
          return { c, handOffs, threads: arena.threads };
        });
        for (const r of results.slice(1)) {
          assert.ok(r.handOffs >= 2 * (r.threads - 1), `${r.threads} threads: the workers took no part`);
          assert.deepEqual(r.c, results[0].c, `${r.threads} threads: another product than one thread's`);
        }
      });

  it('Adam over a whole table updates every weight as on one thread; lazy Adam over touched rows, which stays on the calling thread, too', () => {
    const n = 200_003;
    const [rows, dim, count] = [20_000, 32, 3000];
    const w = randomArray(n);
    const g = randomArray(n);
    const table = randomArray(rows * dim);
    const picked = new Set<number>();
    while (picked.size < count) picked.add(Math.floor(rng() * rows));
    // A batch of twice as many rows as it touches: each picked row used twice.
    const ids = Int32Array.from([...picked, ...picked]);
    const grads = randomArray(ids.length * dim);
    const results = arenas('simd').map((arena) => {
      const k = arena.kernels;
      const [pw, pg, pm, pv] = [arena.alloc(n), arena.alloc(n), arena.alloc(n), arena.alloc(n)];
      arena.f32(pw, n).set(w);
      arena.f32(pg, n).set(g);
      for (let step = 0; step < 2; step++) k.adam(pw, pg, pm, pv, n, 0.01, 0.9, 0.999, 1e-7, 0.1, 0.001);
      const size = rows * dim;
      const batch = ids.length;
      const [tw, tm, tv, pids, pg2, slot] = [size, size, size, batch, batch * dim, rows].map((s) => arena.alloc(s));
      const [uniq, start, cursor, positions] = [batch, batch + 1, batch, batch].map((s) => arena.alloc(s));
      arena.f32(tw, size).set(table);
      arena.i32(pids, batch).set(ids);
      arena.f32(pg2, batch * dim).set(grads);
      arena.i32(slot, rows).fill(-1);
      const touched = k.group_rows(uniq, start, cursor, positions, slot, pids, batch);
      assert.equal(touched, count);
      const change = k.adam_grouped(
        tw,
        tm,
        tv,
        uniq,
        touched,
        start,
        positions,
        pg2,
        slot,
        dim,
        0.01,
        0.9,
        0.999,
        1e-7,
        0.1,
        0.001,
        0.02,
      );
      const out = {
        weights: Float32Array.from(arena.f32(pw, n)),
        moments: Float32Array.from(arena.f32(pv, n)),
        table: Float32Array.from(arena.f32(tw, size)),
        slot: Int32Array.from(arena.i32(slot, rows)),
        change,
        handOffs: arena.handOffs,
      };
      arena.dispose();
      return out;
    });
    assert.ok(
      results[0].slot.every((s) => s === -1),
      'lazy Adam resets the row map it used',
    );
    assert.ok(
      results[0].table.some((x, i) => x !== table[i]),
      'lazy Adam moved the touched rows',
    );
    for (const r of results.slice(1)) {
      assert.ok(r.handOffs >= 2);
      assert.deepEqual(r.weights, results[0].weights);
      assert.deepEqual(r.moments, results[0].moments);
      assert.deepEqual(r.table, results[0].table);
      assert.deepEqual(r.slot, results[0].slot);
      assert.equal(r.change, results[0].change);
    }
  });
});
