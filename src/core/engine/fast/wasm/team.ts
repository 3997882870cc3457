/**
 * Worker threads that share the kernels' memory and take a part of each large kernel call: a
 * matrix product is split by C's rows, Adam over whole tensors by its weights. Every number is
 * computed by the same code from the same inputs in the same order as on one thread, so training is
 * bit for bit the same on any number of threads. What is not split stays on the calling thread in
 * its order: lazy Adam on the touched rows of a table, for one, moves more memory between the cores'
 * caches than it saves (mf-bias trained at half the speed with its rows split, and about 8 % slower
 * than on one thread with whole tables given to a worker: the rows' weights and gradients crossed over).
 *
 * With NCF_PARALLEL=data a worker instead runs its part of a batch's rows through the whole forward
 * and backward pass: a tape of kernel calls the calling thread recorded (dataParallel.ts), run while
 * the calling thread runs its own part without splitting its calls.
 *
 * Hand-off is through a small shared control block per worker: the caller writes the kernel and its
 * arguments and bumps a sequence number; the worker spins on it for a while (a step's kernels come
 * microseconds apart) and then sleeps in Atomics.wait; the caller spins, then sleeps, until the
 * worker echoes the number.
 */
import { MessageChannel, MessagePort, Worker } from 'node:worker_threads';
import type { Kernels } from './runtime';
import { KERNEL_NAMES } from './kernelNames';

/** The kernels a worker runs, by their index in this list. */
const TEAM_KERNELS = ['gemm', 'adam'] as const;
const [GEMM, ADAM] = [0, 1];

/** Control block slots (Int32 each), then the arguments as Float64 (exact for pointers and float32s). */
const SEQ = 0;
const DONE = 1;
const SLEEPING = 2;
const JOB = 3;
const INTS = 4;
const MAX_ARGS = 11;
/** JOB values besides a kernel's index: take the module and memory waiting on the port, drop them, end, run the tape. */
const BIND = -1;
const UNBIND = -2;
const STOP = -3;
const TAPE = -4;
/** A worker's answer in DONE when it could not instantiate the kernels it was given, or a call of its tape failed. */
const FAILED = -1;
const TAPE_FAILED = -2;
/**
 * A tape holds calls as [kernel index in KERNEL_NAMES, argument count, result slot or −1, arguments…]
 * in TAPE_SLOTS float64s; the results of the calls that return one follow, MAX_RESULTS at most.
 */
export const TAPE_SLOTS = 1 << 15;
export const MAX_RESULTS = 64;
/** Arguments passed to every call of a tape: the most any kernel takes (extra ones are ignored). */
const MAX_KERNEL_ARGS = 17;

/** Below this many multiply-adds a product is not worth a hand-off (a few microseconds). */
const MIN_GEMM_WORK = 32 * 1024;
/** Below this many weights Adam is not worth a hand-off. */
const MIN_ADAM_WEIGHTS = 32 * 1024;
/** Row parts are whole multiples of this, so each part takes the same vector paths as one thread would. */
const ROW_GRAIN = 8;
/**
 * How long a waiting thread spins before it sleeps (Atomics.load runs about 10⁸ times a second):
 * the caller about 0.2 ms, a worker about 1 ms, longer than the gap between two training steps,
 * so that a worker is awake for the next step's first product (a wake-up costs tens of microseconds).
 */
const SPINS = 20_000;
const WORKER_SPINS = 100_000;
/** How long the caller waits on a worker that neither answers nor fails before giving up. */
const STALL_MS = 60_000;

const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const ctl = new Int32Array(workerData.control, 0, ${INTS});
const a = new Float64Array(workerData.control, ${INTS * 4}, ${MAX_ARGS});
const tape = new Float64Array(workerData.tape);
let kernels = null;
let all = null;
function runTape(end) {
  for (let p = 0; p < end; ) {
    const f = all[tape[p]];
    const argc = tape[p + 1];
    const slot = tape[p + 2];
    p += 3;
    const r = f(${Array.from({ length: MAX_KERNEL_ARGS }, (_, k) => `tape[p + ${k}]`).join(', ')});
    if (slot >= 0) tape[${TAPE_SLOTS} + slot] = r;
    p += argc;
  }
}
let seen = 0;
for (;;) {
  let spins = 0;
  while (Atomics.load(ctl, ${SEQ}) === seen) {
    if (++spins < ${WORKER_SPINS}) continue;
    Atomics.store(ctl, ${SLEEPING}, 1);
    if (Atomics.load(ctl, ${SEQ}) === seen) Atomics.wait(ctl, ${SEQ}, seen);
    Atomics.store(ctl, ${SLEEPING}, 0);
    spins = 0;
  }
  seen = Atomics.load(ctl, ${SEQ});
  const job = ctl[${JOB}];
  if (job === ${STOP}) break;
  let answer = seen;
  if (job === ${BIND}) {
    try {
      const { module, memory } = receiveMessageOnPort(workerData.port).message;
      const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
      kernels = ${JSON.stringify(TEAM_KERNELS)}.map((name) => exports[name]);
      all = ${JSON.stringify(KERNEL_NAMES)}.map((name) => exports[name]);
    } catch (e) {
      kernels = null;
      all = null;
      answer = ${FAILED};
    }
  } else if (job === ${UNBIND}) {
    kernels = null;
    all = null;
  } else if (job === ${TAPE}) {
    try {
      runTape(a[0]);
    } catch (e) {
      answer = ${TAPE_FAILED};
    }
  } else {
    kernels[job](a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]);
  }
  Atomics.store(ctl, ${DONE}, answer);
  Atomics.notify(ctl, ${DONE});
}
`;

/**
 * A worker thread of the process's pool: bound to one arena's kernels and memory at a time, and
 * kept (asleep) between training runs, so that only the first run of a process waits for it to boot.
 */
class TeamWorker {
  private readonly shared = new SharedArrayBuffer(INTS * 4 + MAX_ARGS * 8);
  private readonly control = new Int32Array(this.shared, 0, INTS);
  private readonly args = new Float64Array(this.shared, INTS * 4, MAX_ARGS);
  private readonly tapeBuffer = new SharedArrayBuffer((TAPE_SLOTS + MAX_RESULTS) * 8);
  /** The calls of this worker's next part of a batch, then their results. */
  readonly tape = new Float64Array(this.tapeBuffer, 0, TAPE_SLOTS);
  readonly results = new Float64Array(this.tapeBuffer, TAPE_SLOTS * 8, MAX_RESULTS);
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private seq = 0;
  /** A bind or unbind not yet waited for: the next job waits for it first. */
  private pending = false;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { control: this.shared, port: port2, tape: this.tapeBuffer },
      transferList: [port2],
    });
    // A worker must never keep a finished CLI run alive.
    this.worker.unref();
    this.port.unref();
  }

  /** Gives the worker an arena's kernels; returns at once (a booting worker takes them when it is up). */
  bind(module: WebAssembly.Module, memory: WebAssembly.Memory): void {
    this.settle();
    this.port.postMessage({ module, memory });
    this.post(BIND);
    this.pending = true;
  }

  /** Lets go of the arena's memory (so that it can be collected) without waiting. */
  unbind(): void {
    this.settle();
    this.post(UNBIND);
    this.pending = true;
  }

  start(kernel: number, ...args: number[]): void {
    this.settle();
    for (let i = 0; i < args.length; i++) this.args[i] = args[i];
    this.post(kernel);
  }

  /** Waits for the worker's part. */
  finish(): void {
    const ctl = this.control;
    const started = Date.now();
    let spins = 0;
    for (;;) {
      const done = Atomics.load(ctl, DONE);
      if (done === this.seq) return;
      if (done === FAILED) throw new Error('fast engine: a training thread could not start its kernels');
      if (done === TAPE_FAILED) throw new Error('fast engine: a training thread failed in its part of the batch');
      if (++spins < SPINS) continue;
      Atomics.wait(ctl, DONE, done, 100);
      if (Date.now() - started > STALL_MS)
        throw new Error('fast engine: a training thread stopped answering (try --threads 1)');
    }
  }

  stop(): void {
    this.post(STOP);
    void this.worker.terminate();
  }

  private settle(): void {
    if (!this.pending) return;
    this.pending = false;
    this.finish();
  }

  private post(job: number): void {
    const ctl = this.control;
    ctl[JOB] = job;
    Atomics.store(ctl, SEQ, ++this.seq);
    if (Atomics.load(ctl, SLEEPING)) Atomics.notify(ctl, SEQ);
  }
}

/** Workers not bound to any arena, ready for the next. */
const idle: TeamWorker[] = [];

/** Starts workers ahead of need (a CLI run does while it reads its data), so that the first step does not wait for them to boot. */
export function prestartWorkers(count: number): void {
  while (idle.length < count) idle.push(new TeamWorker());
}

/** `threads` − 1 workers of the pool beside the calling thread, bound to one arena until disposed. */
export class KernelTeam {
  private workers: TeamWorker[];
  /** Kernel parts and tapes run on a worker so far (tests read it to know the team took part). */
  handOffs = 0;
  /** While the workers run tapes, the calling thread's calls are not split (its own part of the batch). */
  private solo = false;

  constructor(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    readonly threads: number,
  ) {
    prestartWorkers(threads - 1);
    this.workers = idle.splice(0, threads - 1);
    for (const worker of this.workers) worker.bind(module, memory);
  }

  /** The kernels with gemm and adam split across the team when the call is large enough. */
  wrap(kernels: Kernels): Kernels {
    return {
      ...kernels,
      gemm: (C, A, B, M, N, K, sam, sak, acc) => {
        const rows = this.partSize(M, ROW_GRAIN);
        if (this.solo || M * N * K < MIN_GEMM_WORK || rows >= M) return kernels.gemm(C, A, B, M, N, K, sam, sak, acc);
        let used = 0;
        for (let first = rows; first < M; first += rows) {
          const worker = this.workers[used++];
          worker.start(GEMM, C + first * N * 4, A + first * sam * 4, B, Math.min(rows, M - first), N, K, sam, sak, acc);
        }
        kernels.gemm(C, A, B, rows, N, K, sam, sak, acc);
        this.finish(used);
      },
      adam: (w, g, m, v, n, lr, b1, b2, eps, c1, c2) => {
        const size = this.partSize(n, 4);
        if (this.solo || n < MIN_ADAM_WEIGHTS || size >= n) return kernels.adam(w, g, m, v, n, lr, b1, b2, eps, c1, c2);
        let used = 0;
        for (let first = size; first < n; first += size) {
          const at = first * 4;
          const worker = this.workers[used++];
          worker.start(ADAM, w + at, g + at, m + at, v + at, Math.min(size, n - first), lr, b1, b2, eps, c1, c2);
        }
        kernels.adam(w, g, m, v, size, lr, b1, b2, eps, c1, c2);
        this.finish(used);
      },
    };
  }

  /** The workers beside the calling thread (0 once the team has stopped). */
  get workerCount(): number {
    return this.workers.length;
  }

  /** Worker `w`'s tape, where the calls of its part of a batch are recorded, and the results of those that return one. */
  tapeOf(w: number): { calls: Float64Array; results: Float64Array } {
    return { calls: this.workers[w].tape, results: this.workers[w].results };
  }

  /** Starts worker w on the first `lengths[w]` slots of its tape; the calling thread's calls stay whole until `finishTapes`. */
  startTapes(lengths: number[]): void {
    lengths.forEach((length, w) => this.workers[w].start(TAPE, length));
    this.solo = true;
  }

  /** Waits for every worker's tape. */
  finishTapes(): void {
    try {
      this.finish(this.workers.length);
    } finally {
      this.solo = false;
    }
  }

  /** The size of each part when `count` items are shared out in whole `grain`s; `count` itself once the team has stopped. */
  private partSize(count: number, grain: number): number {
    return this.workers.length ? Math.ceil(count / this.threads / grain) * grain : count;
  }

  private finish(used: number): void {
    for (let w = 0; w < used; w++) this.workers[w].finish();
    this.handOffs += used;
  }

  /** Returns the workers to the pool; a worker that failed is stopped instead. */
  dispose(): void {
    for (const worker of this.workers) {
      try {
        worker.unbind();
        idle.push(worker);
      } catch {
        worker.stop();
      }
    }
    this.workers = [];
  }
}
