/**
 * Lets the event loop run — a stop request, a signal, progress output, a worker's messages — at
 * least every few milliseconds of synchronous training work, however that work is cut into
 * batches, epochs and evaluation. One clock for the process: every loop that calls it frees the
 * same event loop, so the clock must not restart when one loop hands over to another.
 */
const EVERY_MS = 10;
let last = performance.now();

export async function yieldPoint(): Promise<void> {
  if (performance.now() - last < EVERY_MS) return;
  await new Promise((resolve) => setImmediate(resolve));
  last = performance.now();
}
