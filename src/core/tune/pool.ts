/**
 * A pool of trial worker processes: each loads the data once and runs one trial at a time, so
 * `--jobs N` trains N configurations at once on N cores.
 */
import { ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFromTrialWorker, ToTrialWorker, TrialWorkerInit } from '../../protocol/tune';
import { UsageError } from '../job/resolveSpec';
import { BackendChoice, EngineName, Metrics } from '../engine/events';
import { TrialJob, TrialOutcome, WorkerOutcome } from './trial';
import { THREADS_VARIABLE, defaultThreads } from '../engine/fast/threads';
import { TuneMetrics } from './types';

/** How a search or a comparison runs its workers. */
export interface PoolOptions {
  jobs: number;
  backend?: BackendChoice;
  engine?: EngineName;
  signal?: AbortSignal;
  /** Folder relative data paths are taken from. */
  cwd?: string;
  workerScript?: WorkerScript;
  onReady?: (info: { folds: string[]; dataName: string; jobs: number }) => void;
}

export interface WorkerScript {
  path: string;
  execArgv: string[];
}

/** The bundled worker next to the bundle that runs this code, or its source through tsx (tests, `tsx`). */
export function trialWorkerScript(): WorkerScript {
  const bundled = join(__dirname, 'tune-worker.js');
  if (existsSync(bundled)) return { path: bundled, execArgv: [] };
  // tsx by absolute location: the search may run in any folder.
  return {
    path: join(__dirname, '../../worker/tuneWorker.ts'),
    execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href],
  };
}

interface Slot {
  child: ChildProcess;
  busy: { job: TrialJob; resolve: (o: AnyOutcome) => void; onEpoch?: EpochListener } | null;
}
type EpochListener = (fold: number, epoch: number, val: number | null) => void;
/** What a worker reports: its folds are a rating search's or a text classifier's, as the search's data is. */
type AnyOutcome = WorkerOutcome;

export class TrialPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { job: TrialJob; resolve: (o: AnyOutcome) => void; onEpoch?: EpochListener }[] = [];
  private cancelled = false;
  folds: string[] = [];
  dataName = '';

  private constructor(private readonly script: WorkerScript) {}

  /** Starts `size` workers and waits until each has loaded the data; a data error rejects with its message. */
  static async start(size: number, init: TrialWorkerInit, script = trialWorkerScript()): Promise<TrialPool> {
    const pool = new TrialPool(script);
    // The workers share the cores: each trains on its share of them (the fast engine's threads).
    const threads = String(Math.max(1, Math.floor(defaultThreads() / size)));
    try {
      await Promise.all(Array.from({ length: size }, () => pool.spawn(init, threads)));
    } catch (e) {
      pool.close();
      throw e;
    }
    return pool;
  }

  private spawn(init: TrialWorkerInit, threads: string): Promise<void> {
    const child = fork(this.script.path, [], {
      execArgv: this.script.execArgv,
      env: { ...process.env, [THREADS_VARIABLE]: threads },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const slot: Slot = { child, busy: null };
    this.slots.push(slot);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    return new Promise((resolve, reject) => {
      child.on('message', (received: unknown) => {
        const parsed = parseFromTrialWorker(received);
        if (!parsed.ok) {
          // A worker that speaks another protocol is broken: its trial fails, saying why, and the process goes.
          const problem = `a trial worker sent a malformed message: ${parsed.error}`;
          reject(new Error(problem));
          if (slot.busy) {
            const { job, resolve: finish } = slot.busy;
            slot.busy = null;
            finish({ id: job.id, status: 'failed', folds: [], note: problem, seconds: 0 });
          }
          child.kill();
          return;
        }
        const raw = parsed.message;
        if (raw.type === 'ready') {
          this.folds = raw.folds;
          this.dataName = raw.dataName;
          resolve();
        } else if (raw.type === 'error') reject(new UsageError(raw.message));
        else if (raw.type === 'epoch') slot.busy?.onEpoch?.(raw.fold, raw.epoch, raw.val);
        else if (raw.type === 'done' && slot.busy) {
          const { resolve: finish } = slot.busy;
          slot.busy = null;
          finish(raw.outcome);
          this.next(slot);
        }
      });
      child.on('exit', (code) => {
        const lastLine = stderr.trim().split('\n').pop() ?? '';
        reject(new Error(`a trial worker exited (code ${code}) before it was ready${lastLine ? `: ${lastLine}` : ''}`));
        if (slot.busy) {
          const { job, resolve: finish } = slot.busy;
          slot.busy = null;
          finish({
            id: job.id,
            status: this.cancelled ? 'cancelled' : 'failed',
            folds: [],
            note: `the trial worker exited (code ${code})`,
            seconds: 0,
          });
        }
        this.slots.splice(this.slots.indexOf(slot), 1);
        // With no worker left, the queued jobs would wait forever and the search would end without a word.
        if (this.slots.length === 0) this.failWaiting(`every trial worker exited (the last with code ${code})`);
      });
      this.send(child, { type: 'init', init });
    });
  }

  private send(child: ChildProcess, message: ToTrialWorker): void {
    if (child.connected) child.send(message);
  }

  private failWaiting(note: string): void {
    for (const item of this.waiting.splice(0)) {
      item.resolve({ id: item.job.id, status: this.cancelled ? 'cancelled' : 'failed', folds: [], note, seconds: 0 });
    }
  }

  private next(slot: Slot): void {
    const item = this.waiting.shift();
    if (!item) return;
    if (this.cancelled) return item.resolve({ id: item.job.id, status: 'cancelled', folds: [], seconds: 0 });
    slot.busy = item;
    this.send(slot.child, { type: 'run', job: item.job });
  }

  get size(): number {
    return this.slots.length;
  }

  /** Runs a job on the first free worker (queued while all are busy); M is the search's figures, as its data decides. */
  run<M extends TuneMetrics = Metrics>(job: TrialJob, onEpoch?: EpochListener): Promise<TrialOutcome<M>> {
    return new Promise<AnyOutcome>((resolve) => {
      if (this.cancelled) return resolve({ id: job.id, status: 'cancelled', folds: [], seconds: 0 });
      if (this.slots.length === 0)
        return resolve({ id: job.id, status: 'failed', folds: [], note: 'no trial worker is running', seconds: 0 });
      this.waiting.push({ job, resolve, onEpoch });
      const free = this.slots.find((s) => !s.busy);
      if (free) this.next(free);
    }) as Promise<TrialOutcome<M>>;
  }

  /** Stops every running trial after its current batch; queued ones are not started. */
  cancel(): void {
    this.cancelled = true;
    for (const slot of this.slots) if (slot.busy) this.send(slot.child, { type: 'cancel' });
    for (const item of this.waiting.splice(0))
      item.resolve({ id: item.job.id, status: 'cancelled', folds: [], seconds: 0 });
  }

  close(): void {
    for (const slot of [...this.slots]) {
      if (slot.child.connected) slot.child.disconnect();
      slot.child.kill();
    }
  }
}
