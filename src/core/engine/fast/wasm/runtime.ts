/**
 * The compiled kernels (kernels.c) and the linear memory they work in. Each training run gets its
 * own instance and memory, so a finished run's buffers go away with it; the module is compiled once.
 */
import { setFlagsFromString } from 'node:v8';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernels.wasm';
import { SHARED_MAX_PAGES, withSharedMemory } from './sharedMemory';
import { KernelTeam } from './team';
import { compileAheadOfTime } from '../../../util/wasm/compile';

/** A byte offset into the arena's memory. */
export type Ptr = number;

/** The exports of kernels.c; see there for what each computes. `acc`: 0 overwrites, 1 adds. */
export interface Kernels {
  gemm(C: Ptr, A: Ptr, B: Ptr, M: number, N: number, K: number, sam: number, sak: number, acc: number): void;
  transpose(out: Ptr, input: Ptr, M: number, N: number): void;
  bias_relu(Y: Ptr, bias: Ptr, M: number, N: number, relu: number): void;
  relu_backward(dZ: Ptr, dY: Ptr, Y: Ptr, n: number): void;
  column_sums(db: Ptr, dZ: Ptr, M: number, N: number, acc: number): void;
  gather_rows(out: Ptr, table: Ptr, ids: Ptr, n: number, dim: number): void;
  copy_columns(
    dst: Ptr,
    dstStride: number,
    src: Ptr,
    srcStride: number,
    rows: number,
    width: number,
    acc: number,
  ): void;
  multiply(out: Ptr, a: Ptr, b: Ptr, n: number, acc: number): void;
  add_to(out: Ptr, a: Ptr, n: number, acc: number): void;
  row_dot(out: Ptr, a: Ptr, b: Ptr, rows: number, width: number): void;
  scale_rows(da: Ptr, g: Ptr, b: Ptr, rows: number, width: number, acc: number): void;
  mse(dp: Ptr, p: Ptr, y: Ptr, n: number): number;
  sum_squares(x: Ptr, n: number): number;
  scale(x: Ptr, n: number, factor: number): void;
  axpy(g: Ptr, w: Ptr, n: number, alpha: number): void;
  scatter_sgd(table: Ptr, ids: Ptr, d: Ptr, n: number, dim: number, lr: number): void;
  group_rows(uniq: Ptr, start: Ptr, cursor: Ptr, positions: Ptr, slot: Ptr, ids: Ptr, n: number): number;
  adam_grouped(
    w: Ptr,
    m: Ptr,
    v: Ptr,
    uniq: Ptr,
    count: number,
    start: Ptr,
    positions: Ptr,
    d: Ptr,
    slot: Ptr,
    dim: number,
    lr: number,
    b1: number,
    b2: number,
    eps: number,
    c1: number,
    c2: number,
    l2x2: number,
  ): number;
  adam(
    w: Ptr,
    g: Ptr,
    m: Ptr,
    v: Ptr,
    n: number,
    lr: number,
    b1: number,
    b2: number,
    eps: number,
    c1: number,
    c2: number,
  ): void;
  sgd(w: Ptr, g: Ptr, n: number, lr: number): void;
}

const PAGE = 65536;
const ALIGN = 16;
/** What a 32-bit WebAssembly memory can address: 65,536 pages of 64 KiB. */
export const WASM_MAX_BYTES = 65536 * PAGE;

/** The model cannot be laid out in the engine's memory: one line for the user, with the sizes. */
export class ModelTooLargeError extends Error {}

const gigabytes = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;

/** Refuses up front what could never fit, before a byte is allocated. */
export function checkFits(bytes: number, what: string): void {
  if (bytes > WASM_MAX_BYTES)
    throw new ModelTooLargeError(
      `this model needs ${gigabytes(bytes)} for ${what}; the WebAssembly engine can address ${gigabytes(WASM_MAX_BYTES)}`,
    );
}

/** `simd`: 128-bit SIMD, multiply then add. `relaxed`: the same with relaxed SIMD's fused multiply-add. */
export type KernelVariant = 'simd' | 'relaxed';

const BINARIES: Record<KernelVariant, string> = { simd: KERNELS_WASM_BASE64, relaxed: KERNELS_RELAXED_WASM_BASE64 };

let relaxedProbe: boolean | undefined;
/**
 * Whether this runtime runs relaxed SIMD. Electron (VS Code's extension host) and Node 22+ have it;
 * Node 20's V8 has it finished but behind --experimental-wasm-relaxed-simd, which is switched on here
 * before the module is first compiled (a V8 flag read at compile time; nothing else changes).
 * NCF_KERNELS=simd keeps the plain kernels (to compare the two, or to rule the fused ones out).
 */
export function relaxedSimdAvailable(): boolean {
  if (relaxedProbe === undefined) {
    const binary = Buffer.from(KERNELS_RELAXED_WASM_BASE64, 'base64');
    relaxedProbe = WebAssembly.validate(binary);
    if (!relaxedProbe && process.versions.node.startsWith('20.')) {
      setFlagsFromString('--experimental-wasm-relaxed-simd');
      relaxedProbe = WebAssembly.validate(binary);
    }
  }
  return relaxedProbe;
}

/** The variant a training run uses: fused multiply-add where the runtime has it. */
export function defaultKernelVariant(): KernelVariant {
  return process.env.NCF_KERNELS !== 'simd' && relaxedSimdAvailable() ? 'relaxed' : 'simd';
}

const compiled = new Map<string, WebAssembly.Module>();
/** The kernels over a memory of their own (`shared` false) or one that a thread team shares. */
function kernelModule(variant: KernelVariant, shared: boolean): WebAssembly.Module {
  if (variant === 'relaxed' && !relaxedSimdAvailable())
    throw new Error('this runtime has no relaxed SIMD: use the simd kernels');
  const key = `${variant}:${shared}`;
  let module = compiled.get(key);
  if (!module) {
    const binary = Buffer.from(BINARIES[variant], 'base64');
    // Small enough (tens of kB) to compile synchronously.
    module = compileAheadOfTime(shared ? withSharedMemory(binary) : binary);
    compiled.set(key, module);
  }
  return module;
}

/**
 * A bump allocator over the kernels' memory. Buffers are allocated while a model is set up and
 * live as long as the arena; `mark`/`release` recycle the tail (the epoch's data) when it changes size.
 */
export class Arena {
  readonly kernels: Kernels;
  private readonly memory: WebAssembly.Memory;
  /** The worker threads beside this one, when `threads` is above 1. */
  readonly team: KernelTeam | null = null;
  private top: number;
  private floats!: Float32Array;
  private ints!: Int32Array;

  /** `threads` above 1: the memory is shared with `threads` − 1 worker threads that take part in the largest kernel calls (team.ts). */
  constructor(
    readonly variant: KernelVariant = defaultKernelVariant(),
    readonly threads = 1,
  ) {
    const shared = threads > 1;
    this.memory = shared
      ? new WebAssembly.Memory({ initial: 4, maximum: SHARED_MAX_PAGES, shared: true })
      : new WebAssembly.Memory({ initial: 4 });
    const module = kernelModule(variant, shared);
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    const exports = instance.exports as unknown as Kernels & { __heap_base: WebAssembly.Global };
    this.kernels = exports;
    if (shared) {
      this.team = new KernelTeam(module, this.memory, threads);
      this.kernels = this.team.wrap(exports);
    }
    this.top = align(Number(exports.__heap_base.value));
    this.refreshViews();
  }

  /** Kernel parts its worker threads have run. */
  get handOffs(): number {
    return this.team?.handOffs ?? 0;
  }

  /** Stops the arena's worker threads, if it has any; the memory goes when the arena is dropped. */
  dispose(): void {
    this.team?.dispose();
  }

  /** A zeroed buffer of n float32 (or int32) values. */
  alloc(n: number): Ptr {
    const ptr = this.top;
    const end = align(ptr + Math.max(n, 1) * 4);
    if (end > this.memory.buffer.byteLength) this.grow(end);
    this.top = end;
    this.f32(ptr, n).fill(0);
    return ptr;
  }

  mark(): number {
    return this.top;
  }

  /** Frees everything allocated since `mark` (the memory stays reserved for the next allocations). */
  release(mark: number): void {
    this.top = mark;
  }

  /** A view of n floats at ptr; valid until the next `alloc` that grows the memory. */
  f32(ptr: Ptr, n: number): Float32Array {
    // Unsigned: a pointer past 2 GB would turn negative under `>>`.
    return this.floats.subarray(ptr >>> 2, (ptr >>> 2) + n);
  }

  i32(ptr: Ptr, n: number): Int32Array {
    return this.ints.subarray(ptr >>> 2, (ptr >>> 2) + n);
  }

  get bytes(): number {
    return this.memory.buffer.byteLength;
  }

  private grow(end: number): void {
    checkFits(end, 'its tables and buffers');
    try {
      this.memory.grow(Math.ceil((end - this.memory.buffer.byteLength) / PAGE));
    } catch (e) {
      throw new ModelTooLargeError(
        `this model needs ${gigabytes(end)} of memory for the WebAssembly engine, more than this machine could give it (${(e as Error).message})`,
      );
    }
    this.refreshViews();
  }

  private refreshViews(): void {
    this.floats = new Float32Array(this.memory.buffer);
    this.ints = new Int32Array(this.memory.buffer);
  }
}

const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;
