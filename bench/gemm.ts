/**
 * `npm run bench:gemm`: the fast engine's matrix-multiply kernel alone, in GFLOP/s, at the shapes one
 * NeuMF training step (d=32, MLP 64-32-16, ϕ on 48 inputs) multiplies: for every dense layer the
 * forward product x·W, the weight gradient xᵀ·dY and the input gradient dY·Wᵀ.
 *
 * A kernel change is judged by the ratio of two runs of this script back to back (the machines are
 * shared, absolute figures move with the load; the load average is printed beside them).
 *
 * Every kernel is timed in several rounds interleaved with the others, and the best round counts:
 * under load a round can only be slowed down, never sped up.
 *
 * Flags: --batches 256,1024 (default), --seconds S per round (default 0.2), --rounds N (default 5),
 * --kernels simd|relaxed|both (default: both when the runtime has relaxed SIMD, else simd),
 * --against FILE: also time the gemm of another build of kernels.wasm.ts (e.g. the one on main,
 * `git show main:src/core/engine/fast/wasm/kernels.wasm.ts > /tmp/before.ts`), as "before".
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import Table from 'cli-table3';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from '../src/core/engine/fast/wasm/kernels.wasm';
import { relaxedSimdAvailable } from '../src/core/engine/fast/wasm/runtime';

/** [inputs, units] of NeuMF's dense layers. */
const LAYERS: [number, number][] = [
  [64, 64],
  [64, 32],
  [32, 16],
  [48, 1],
];

interface Shape {
  name: string;
  M: number;
  N: number;
  K: number;
  sam: number;
  sak: number;
}

function shapes(batch: number): Shape[] {
  return LAYERS.flatMap(([inputs, units]) => [
    { name: `x·W    ${batch}×${inputs}·${inputs}×${units}`, M: batch, N: units, K: inputs, sam: inputs, sak: 1 },
    { name: `xᵀ·dY  ${inputs}×${batch}·${batch}×${units}`, M: inputs, N: units, K: batch, sam: 1, sak: inputs },
    { name: `dY·Wᵀ  ${batch}×${units}·${units}×${inputs}`, M: batch, N: inputs, K: units, sam: units, sak: 1 },
  ]);
}

type Gemm = (
  C: number,
  A: number,
  B: number,
  M: number,
  N: number,
  K: number,
  sam: number,
  sak: number,
  acc: number,
) => void;

/** The gemm of one build of the kernels, with A, B and C laid out for one shape in its own memory. */
function kernelFor(base64: string, s: Shape): () => void {
  const memory = new WebAssembly.Memory({ initial: 256 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(base64, 'base64')), { env: { memory } });
  const gemm = instance.exports.gemm as Gemm;
  const base = Math.ceil(Number((instance.exports.__heap_base as WebAssembly.Global).value) / 64) * 64;
  const floats = new Float32Array(memory.buffer);
  const [a, b, c] = [base, base + s.M * s.K * 4, base + (s.M + s.N) * s.K * 4].map((p) => Math.ceil(p / 64) * 64);
  floats.subarray(a / 4, a / 4 + s.M * s.K).forEach((_, i, v) => (v[i] = Math.sin(i)));
  floats.subarray(b / 4, b / 4 + s.K * s.N).forEach((_, i, v) => (v[i] = Math.cos(i)));
  return () => gemm(c, a, b, s.M, s.N, s.K, s.sam, s.sak, 0);
}

/** GFLOP/s of one round of gemm at one shape, timed over about `seconds`. */
function measure(kernel: () => void, s: Shape, seconds: number): number {
  const run = (n: number) => {
    for (let i = 0; i < n; i++) kernel();
  };
  run(20);
  let reps = 20;
  let elapsed: number;
  for (;;) {
    const start = process.hrtime.bigint();
    run(reps);
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    if (elapsed >= seconds) break;
    reps = Math.ceil(reps * Math.max(2, (seconds * 1.1) / Math.max(elapsed, 1e-6)));
  }
  return (2 * s.M * s.N * s.K * reps) / elapsed / 1e9;
}

function option(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at === -1 ? undefined : process.argv[at + 1];
}

/** The base64 WebAssembly of `KERNELS_WASM_BASE64` in another build of kernels.wasm.ts. */
function baselineBinary(file: string): string {
  const text = readFileSync(file, 'utf8');
  const body = /KERNELS_WASM_BASE64 =([^;]*);/.exec(text)?.[1];
  if (!body) throw new Error(`--against ${file}: no KERNELS_WASM_BASE64 in it`);
  return [...body.matchAll(/'([^']*)'/g)].map((m) => m[1]).join('');
}

function main(): void {
  const batches = (option('--batches') ?? '256,1024').split(',').map(Number);
  const seconds = Number(option('--seconds') ?? 0.2);
  const rounds = Number(option('--rounds') ?? 5);
  const wanted = option('--kernels') ?? (relaxedSimdAvailable() ? 'both' : 'simd');
  if (!['simd', 'relaxed', 'both'].includes(wanted)) throw new Error('--kernels must be simd, relaxed or both');
  if (wanted !== 'simd' && !relaxedSimdAvailable())
    throw new Error('--kernels relaxed: this runtime has no relaxed SIMD');
  const binaries: Record<string, string> = {};
  const against = option('--against');
  if (against) binaries.before = baselineBinary(against);
  if (wanted !== 'relaxed') binaries.simd = KERNELS_WASM_BASE64;
  if (wanted !== 'simd') binaries.relaxed = KERNELS_RELAXED_WASM_BASE64;
  const variants = Object.keys(binaries);
  const table = new Table({ head: ['shape', ...variants.map((v) => `${v} GFLOP/s`)] });
  const totals: Record<string, Record<string, number>> = {};
  for (const batch of batches) {
    const perVariant = variants.map(() => ({ flops: 0, seconds: 0 }));
    for (const s of shapes(batch)) {
      const row = [s.name];
      const kernels = variants.map((v) => kernelFor(binaries[v], s));
      const best = variants.map(() => 0);
      for (let round = 0; round < rounds; round++)
        kernels.forEach((kernel, i) => (best[i] = Math.max(best[i], measure(kernel, s, seconds))));
      variants.forEach((_, i) => {
        const gflops = best[i];
        const flops = 2 * s.M * s.N * s.K;
        perVariant[i].flops += flops;
        perVariant[i].seconds += flops / (gflops * 1e9);
        row.push(gflops.toFixed(1));
      });
      table.push(row);
    }
    const total = perVariant.map((p) => p.flops / p.seconds / 1e9);
    table.push([`all shapes, batch ${batch}`, ...total.map((t) => t.toFixed(1))]);
    totals[batch] = Object.fromEntries(variants.map((v, i) => [v, Number(total[i].toFixed(2))]));
  }
  console.log(table.toString());
  const load = loadavg().map((l) => Number(l.toFixed(2)));
  console.log(`load average ${load.join(' ')}`);
  console.log(JSON.stringify({ event: 'bench-gemm', gflops: totals, loadavg: load }));
}

main();
