/**
 * Worker threads that share the kernels' memory and take a part of each large kernel call: a
 * matrix product is split by C's rows, Adam over whole tensors by its weights. Every number is
 * computed by the same code from the same inputs in the same order as on one thread, so training is
 * bit for bit the same on any number of threads. What is not split stays on the calling thread in
 * its order: lazy Adam on the touched rows of a table, for one, moves more memory between the cores'
 * caches than it saves (mf-bias trained at half the speed with its rows split, and about 8 % slower
 * than on one thread with whole tables given to a worker: the rows' weights and gradients crossed over).
 *
 * Hand-off is through a small shared control block per worker: the caller writes the kernel and its
 * arguments and bumps a sequence number; the worker spins on it for a while (a step's kernels come
 * microseconds apart) and then sleeps in Atomics.wait; the caller spins, then sleeps, until the
 * worker echoes the number.
 */
import { MessageChannel, MessagePort, Worker } from 'node:worker_threads';
import type { Kernels } from './runtime';

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
/** JOB values besides a kernel's index: take the module and memory waiting on the port, drop them, end. */
const BIND = -1;
const UNBIND = -2;
const STOP = -3;
/** A worker's answer in DONE when it could not instantiate the kernels it was given. */
const FAILED = -1;

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
let kernels = null;
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
    } catch (e) {
      kernels = null;
      answer = ${FAILED};
    }
  } else if (job === ${UNBIND}) {
    kernels = null;
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
      workerData: { control: this.shared, port: port2 },
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
  /** Kernel parts run on a worker so far (tests read it to know the team took part). */
  handOffs = 0;

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
        if (M * N * K < MIN_GEMM_WORK || rows >= M) return kernels.gemm(C, A, B, M, N, K, sam, sak, acc);
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
        if (n < MIN_ADAM_WEIGHTS || size >= n) return kernels.adam(w, g, m, v, n, lr, b1, b2, eps, c1, c2);
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
