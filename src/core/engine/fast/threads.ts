/** How many threads the fast engine trains on unless told: NCF_THREADS, else every core. */
import { availableParallelism } from 'node:os';
import { prestartWorkers } from './wasm/team';

/** The variable a parent process sets for its children (a search's workers share the cores). */
export const THREADS_VARIABLE = 'NCF_THREADS';

export function defaultThreads(): number {
  const set = Number(process.env[THREADS_VARIABLE]);
  return Number.isInteger(set) && set >= 1 ? set : availableParallelism();
}

/**
 * Boots the worker threads a run on `threads` threads will use while the run still reads its data
 * (a worker takes tens of milliseconds to start), so that its first step does not wait for them.
 */
export function prestartThreads(threads = defaultThreads()): void {
  prestartWorkers(threads - 1);
}
