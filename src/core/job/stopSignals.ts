/**
 * Ctrl+C and SIGTERM: the first asks training to stop after the current batch (what was trained is
 * still reported and saved); the second quits at once, removing any half-written run folder.
 */
import { abandonSaves } from '../engine/save';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof EXIT_CODES;

/** Installs the handlers; returns the signal that asked to stop, once one has. */
export function stopOnSignals(controller: AbortController): () => StopSignal | undefined {
  let received: StopSignal | undefined;
  const handle = (signal: StopSignal) => {
    if (received) {
      abandonSaves();
      process.exit(EXIT_CODES[signal]);
    }
    received = signal;
    const again = signal === 'SIGINT' ? 'Ctrl+C' : 'a second signal';
    process.stderr.write(`\nstopping after this batch (${again} quits at once)…\n`);
    controller.abort();
  };
  for (const signal of Object.keys(EXIT_CODES) as StopSignal[]) process.on(signal, handle);
  return () => received;
}

export function exitCodeFor(signal: StopSignal): number {
  return EXIT_CODES[signal];
}
