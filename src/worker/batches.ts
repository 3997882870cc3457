/**
 * Groups per-batch losses into one message at most every `intervalMs`: a fast model runs hundreds
 * of batches a second, and one IPC message (then one webview message) per batch would cost more
 * than the chart gains. No loss is dropped.
 */
import type { BatchEvent } from '../core/engine/events';
import type { BatchesMessage } from '../protocol/worker';

export class BatchCoalescer {
  private pending: BatchesMessage | undefined;
  private lastSent = 0;

  constructor(
    private readonly send: (message: BatchesMessage) => void,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  add(event: BatchEvent): void {
    // Batch numbers in events are 1-based; the message speaks 0-based positions within the epoch.
    if (this.pending && this.pending.epoch !== event.epoch) this.flush();
    this.pending ??= {
      type: 'batches',
      epoch: event.epoch,
      firstBatch: event.batch - 1,
      batches: event.batches,
      losses: [],
    };
    this.pending.losses.push(event.loss);
    if (this.now() - this.lastSent >= this.intervalMs) this.flush();
  }

  flush(): void {
    if (!this.pending) return;
    this.send(this.pending);
    this.pending = undefined;
    this.lastSent = this.now();
  }
}
