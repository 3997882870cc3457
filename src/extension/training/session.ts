/**
 * One training run in its own worker process: forks the bundled worker, sends it the request,
 * relays what it streams, and settles `done` with how it ended. No `vscode` import, so it is
 * tested against a real worker in plain Node.
 */
import { ChildProcess, fork } from 'node:child_process';
import { PARALLEL_VARIABLE, THREADS_VARIABLE } from '../../core/engine/fast/threads';
import type { ParallelMode } from '../../core/engine/fast/dataParallel';
import type { TrainResult } from '../../core/engine/events';
import type { ClassificationJobResult } from '../../core/classification/job';
import type { RankingResult } from '../../core/ranking/events';
import { MissingFeature, TrainRequest, WorkerToHost, parseWorkerMessage } from '../../protocol/worker';

export type SessionOutcome =
  /** The worker finished and wrote the run folder; `result.cancelled` tells a stop by the user. */
  | { kind: 'finished'; result: TrainResult | RankingResult | ClassificationJobResult['result']; runDir: string }
  /** The worker reported a problem it understood (bad data, bad spec, diverged…). */
  | { kind: 'failed'; message: string; detail?: string; missingFeature?: MissingFeature }
  /** The worker died without saying why (killed, out of memory, a native crash). */
  | { kind: 'crashed'; message: string; exitCode: number | null; signal: NodeJS.Signals | null; stderr: string };

export interface SessionOptions {
  /** Path of the bundled worker (dist/worker.js). */
  workerPath: string;
  onMessage?: (message: WorkerToHost) => void;
  /** Whatever the worker writes to stdout/stderr (tfjs warnings, a crash's last words). */
  onOutput?: (text: string) => void;
  /** How long a cancelled worker may take to save its run before it is killed. */
  cancelGraceMs?: number;
  /** The fast engine's threads (the ncf.threads setting); undefined: every core. */
  threads?: number;
  /** How the threads share a step (the ncf.parallel setting); undefined: the default, split products. */
  parallel?: ParallelMode;
}

const STDERR_KEPT = 8000;

export class TrainingSession {
  readonly done: Promise<SessionOutcome>;
  private child: ChildProcess | undefined;
  private settle!: (outcome: SessionOutcome) => void;
  private ending: SessionOutcome | undefined;
  private stderr = '';
  private cancelTimer: NodeJS.Timeout | undefined;
  private cancelRequested = false;
  private settled = false;
  /** The first message from the worker that failed its schema, if any. */
  private malformed: string | undefined;

  constructor(
    readonly request: TrainRequest,
    private readonly options: SessionOptions,
  ) {
    this.done = new Promise((resolve) => (this.settle = resolve));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get cancelled(): boolean {
    return this.cancelRequested;
  }

  start(): void {
    if (this.child) throw new Error('a training session starts once');
    const child = fork(this.options.workerPath, [], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // The host's own flags (an inspector port, a loader) must not leak into the worker.
      execArgv: [],
      // Inside VS Code the host runs on Electron; this makes the child a plain Node.
      env: {
        ...process.env,
        ELECTRON_RUN_AS_NODE: '1',
        ...(this.options.threads ? { [THREADS_VARIABLE]: String(this.options.threads) } : {}),
        ...(this.options.parallel ? { [PARALLEL_VARIABLE]: this.options.parallel } : {}),
      },
    });
    this.child = child;
    const output = (chunk: Buffer) => {
      const text = chunk.toString();
      this.stderr = (this.stderr + text).slice(-STDERR_KEPT);
      this.options.onOutput?.(text);
    };
    child.stdout?.on('data', output);
    child.stderr?.on('data', output);
    child.on('message', (raw) => this.receive(raw));
    child.on('error', (error) =>
      this.finish({
        kind: 'crashed',
        message: `the training worker could not start: ${error.message}`,
        exitCode: null,
        signal: null,
        stderr: this.stderr,
      }),
    );
    child.on('exit', (code, signal) => this.exited(code, signal));
    child.send({ type: 'start', request: this.request });
  }

  /** Asks the worker to stop after the current batch and save what it has; kills it if it does not end in time. */
  cancel(): void {
    if (!this.child || this.cancelRequested || this.settled) return;
    this.cancelRequested = true;
    if (this.child.connected) this.child.send({ type: 'cancel' });
    this.cancelTimer = setTimeout(() => this.kill(), this.options.cancelGraceMs ?? 30_000);
    this.cancelTimer.unref();
  }

  /** Ends the worker at once (it keeps whatever it had written). */
  kill(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private receive(raw: unknown): void {
    const parsed = parseWorkerMessage(raw);
    if (!parsed.ok) {
      // Dropped, and said; if the worker then ends without a valid last word, this is why.
      const line = `malformed message from the training worker: ${parsed.error}`;
      this.malformed ??= line;
      this.options.onOutput?.(line + '\n');
      return;
    }
    const message = parsed.message;
    // A worker's last word is remembered and acted on when the process has really gone.
    if (message.type === 'result' || message.type === 'rankingResult' || message.type === 'classificationResult')
      this.ending = { kind: 'finished', result: message.result, runDir: message.runDir };
    else if (message.type === 'error')
      this.ending = {
        kind: 'failed',
        message: message.message,
        detail: message.detail,
        ...(message.missingFeature ? { missingFeature: message.missingFeature } : {}),
      };
    this.options.onMessage?.(message);
  }

  private exited(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.ending) return this.finish(this.ending);
    // Ended cleanly but its last word did not parse: that is why there is no result.
    if (this.malformed && code === 0) return this.finish({ kind: 'failed', message: this.malformed });
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    const message =
      this.cancelRequested && signal === 'SIGKILL'
        ? 'the training worker did not stop in time and was killed'
        : `the training worker ${how} before finishing`;
    this.finish({ kind: 'crashed', message, exitCode: code, signal, stderr: this.stderr });
  }

  private finish(outcome: SessionOutcome): void {
    if (this.settled) return;
    this.settled = true;
    if (this.cancelTimer) clearTimeout(this.cancelTimer);
    this.settle(outcome);
  }
}
