/** How many threads the fast engine trains on unless told: NCF_THREADS, else every core. */
import { availableParallelism } from 'node:os';
import type { ParallelMode } from './dataParallel';
import { prestartWorkers } from './wasm/team';

/** The variable a parent process sets for its children (a search's workers share the cores). */
export const THREADS_VARIABLE = 'NCF_THREADS';

export function defaultThreads(): number {
  const set = Number(process.env[THREADS_VARIABLE]);
  return Number.isInteger(set) && set >= 1 ? set : availableParallelism();
}

/** The variable that picks how threads share a step: `products` (the default) or `data` (dataParallel.ts). */
export const PARALLEL_VARIABLE = 'NCF_PARALLEL';

export function defaultParallel(): ParallelMode {
  const set = process.env[PARALLEL_VARIABLE];
  if (set === undefined || set === '' || set === 'products') return 'products';
  if (set === 'data') return 'data';
  throw new Error(`${PARALLEL_VARIABLE}=${set}: expected 'products' or 'data'`);
}

/**
 * Boots the worker threads a run on `threads` threads will use while the run still reads its data
 * (a worker takes tens of milliseconds to start), so that its first step does not wait for them.
 */
export function prestartThreads(threads = defaultThreads()): void {
  prestartWorkers(threads - 1);
}
