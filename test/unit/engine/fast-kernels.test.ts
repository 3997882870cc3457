import { strict as assert } from 'node:assert';
import { Arena, KernelVariant, relaxedSimdAvailable } from '../../../src/core/engine/fast/wasm/runtime';
import { makeRng } from '../../../src/core/util/random';

const rng = makeRng('kernels');
const randomArray = (n: number) => Float32Array.from({ length: n }, () => rng() * 2 - 1);

/** C = A·B in float64, A(m,k) at A[m*sam + k*sak]. */
function referenceGemm(
  A: Float32Array,
  B: Float32Array,
  M: number,
  N: number,
  K: number,
  sam: number,
  sak: number,
): Float64Array {
  const C = new Float64Array(M * N);
  for (let m = 0; m < M; m++)
    for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) C[m * N + n] += A[m * sam + k * sak] * B[k * N + n];
  return C;
}

describe('fast engine kernels (WebAssembly)', () => {
  // Shapes that hit every path: 6-, 4-row blocks and single rows, 8- and 4-wide columns, the
  // column paths of N = 1 and the scalar tail, K = 1, and a K long enough to be sliced.
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 2],
    [4, 8, 7],
    [9, 13, 1],
    [17, 31, 33],
    [64, 64, 256],
    [256, 1, 48],
    [48, 1, 600],
    [23, 6, 1030],
  ];
  const variants: KernelVariant[] = ['simd', 'relaxed'];
  for (const variant of variants)
    for (const transposed of [false, true]) {
      for (const [M, N, K] of shapes) {
        it(`gemm (${variant}) ${transposed ? 'Aᵀ·B' : 'A·B'} ${M}×${K} · ${K}×${N}, overwriting and accumulating`, () => {
          const arena = new Arena(variant);
          const [sam, sak] = transposed ? [1, M] : [K, 1];
          const a = arena.alloc(M * K);
          const b = arena.alloc(K * N);
          const c = arena.alloc(M * N);
          arena.f32(a, M * K).set(randomArray(M * K));
          arena.f32(b, K * N).set(randomArray(K * N));
          arena.f32(c, M * N).fill(123);
          const expected = referenceGemm(arena.f32(a, M * K), arena.f32(b, K * N), M, N, K, sam, sak);
          arena.kernels.gemm(c, a, b, M, N, K, sam, sak, 0);
          arena
            .f32(c, M * N)
            .forEach((x, i) =>
              assert.ok(
                Math.abs(x - expected[i]) < 1e-4 * Math.max(1, Math.sqrt(K)),
                `C[${i}] = ${x}, expected ${expected[i]}`,
              ),
            );
          arena.kernels.gemm(c, a, b, M, N, K, sam, sak, 1);
          arena
            .f32(c, M * N)
            .forEach((x, i) =>
              assert.ok(
                Math.abs(x - 2 * expected[i]) < 2e-4 * Math.max(1, Math.sqrt(K)),
                `C[${i}] = ${x}, expected ${2 * expected[i]}`,
              ),
            );
        });
      }
    }

  it('runs relaxed SIMD here (Node 20 behind a V8 flag the runtime sets, Node 22+ and Electron by default)', () => {
    assert.ok(relaxedSimdAvailable(), 'relaxed SIMD did not validate: the fused kernels would never be used');
    assert.equal(new Arena().variant, process.env.NCF_KERNELS === 'simd' ? 'simd' : 'relaxed');
  });

  it('the fused (relaxed) and the plain (simd) kernels agree within rounding at the NeuMF shapes', () => {
    const [plain, fused] = variants.map((v) => new Arena(v));
    for (const [M, N, K, sam, sak] of [
      [256, 64, 64, 64, 1],
      [64, 64, 256, 1, 64],
      [256, 48, 16, 16, 1],
      [48, 1, 256, 1, 48],
    ]) {
      const a = randomArray(M * K);
      const b = randomArray(K * N);
      const [cp, cf] = [plain, fused].map((arena) => {
        const [pa, pb, pc] = [a.length, b.length, M * N].map((n) => arena.alloc(n));
        arena.f32(pa, a.length).set(a);
        arena.f32(pb, b.length).set(b);
        arena.kernels.gemm(pc, pa, pb, M, N, K, sam, sak, 0);
        return Float32Array.from(arena.f32(pc, M * N));
      });
      let differ = 0;
      cp.forEach((x, i) => {
        assert.ok(Math.abs(x - cf[i]) < 1e-5 * Math.sqrt(K), `${M}×${K}·${K}×${N} C[${i}]: ${x} vs ${cf[i]}`);
        if (x !== cf[i]) differ++;
      });
      // Fused products round once, not twice: identical results everywhere would mean no fusion ran.
      if (K >= 64) assert.ok(differ > 0, `${M}×${K}·${K}×${N}: fused and plain gave identical bits`);
    }
  });

  it('group_rows lists each touched row once with its batch rows in order, and adam_grouped steps it by their summed gradient and resets the row map', () => {
    const arena = new Arena();
    const dim = 5;
    const ids = [3, 1, 3, 0, 3];
    const grads = randomArray(ids.length * dim);
    const idsPtr = arena.alloc(ids.length);
    arena.i32(idsPtr, ids.length).set(ids);
    const gradPtr = arena.alloc(grads.length);
    arena.f32(gradPtr, grads.length).set(grads);
    const slot = arena.alloc(4);
    arena.i32(slot, 4).fill(-1);
    const [uniq, start, cursor, positions] = [ids.length, ids.length + 1, ids.length, ids.length].map((n) =>
      arena.alloc(n),
    );
    const count = arena.kernels.group_rows(uniq, start, cursor, positions, slot, idsPtr, ids.length);
    assert.equal(count, 3);
    assert.deepEqual([...arena.i32(uniq, count)], [3, 1, 0]);
    assert.deepEqual([...arena.i32(start, count + 1)], [0, 3, 4, 5]);
    assert.deepEqual([...arena.i32(positions, ids.length)], [0, 2, 4, 1, 3]);
    const table = arena.alloc(4 * dim);
    arena.f32(table, 4 * dim).set(randomArray(4 * dim));
    const before = Float32Array.from(arena.f32(table, 4 * dim));
    const m = arena.alloc(4 * dim);
    const v = arena.alloc(4 * dim);
    const [lr, l2x2] = [0.1, 0.02];
    arena.kernels.adam_grouped(
      table,
      m,
      v,
      uniq,
      count,
      start,
      positions,
      gradPtr,
      slot,
      dim,
      lr,
      0.9,
      0.999,
      1e-7,
      0.1,
      0.001,
      l2x2,
    );
    assert.deepEqual([...arena.i32(slot, 4)], [-1, -1, -1, -1]);
    // Row 2 was not in the batch: lazy Adam leaves it (and its moments) alone.
    assert.deepEqual([...arena.f32(table + 2 * dim * 4, dim)], [...before.subarray(2 * dim, 3 * dim)]);
    assert.deepEqual([...arena.f32(m + 2 * dim * 4, dim)], [0, 0, 0, 0, 0]);
    // A first Adam step moves each touched weight by lr against the sign of its gradient: the sum of
    // its batch rows' gradients (row 3: batch rows 0, 2 and 4) plus the L2 term.
    const f = Math.fround;
    for (const [row, batchRows] of [
      [3, [0, 2, 4]],
      [1, [1]],
      [0, [3]],
    ] as const)
      for (let c = 0; c < dim; c++) {
        const w = before[row * dim + c];
        const g = f(batchRows.reduce((sum: number, i) => f(sum + grads[i * dim + c]), 0) + f(l2x2 * w));
        const moved = arena.f32(table, 4 * dim)[row * dim + c];
        assert.ok(Math.abs(moved - (w - lr * Math.sign(g))) < 1e-4, `w[${row},${c}] = ${moved}, gradient ${g}`);
        assert.ok(Math.abs(arena.f32(m, 4 * dim)[row * dim + c] - 0.1 * g) < 1e-6, `m[${row},${c}]`);
      }
  });
});
