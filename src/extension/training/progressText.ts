/** The words of the progress notification: where training is, how fast it goes, and how long is left. */
import type { RunSnapshot } from '../../protocol/dashboard';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** The epochs done, whatever the task. */
const epochsDone = (run: RunSnapshot): { seconds: number; examplesPerSec: number }[] =>
  run.ranking?.history ?? run.classification?.history ?? run.history;

/** Seconds left, from the mean time of the epochs done; undefined until one epoch has ended. */
export function etaSeconds(run: RunSnapshot): number | undefined {
  const history = epochsDone(run);
  const done = history.length;
  if (!done || !run.epochs) return undefined;
  const perEpoch = history.reduce((s, e) => s + e.seconds, 0) / done;
  const batchesDone = run.batchesPerEpoch ? run.losses.length - done * run.batchesPerEpoch : 0;
  const partial = run.batchesPerEpoch ? Math.max(0, Math.min(1, batchesDone / run.batchesPerEpoch)) : 0;
  return Math.max(0, (run.epochs - done - partial) * perEpoch);
}

/** Fraction of the planned batches done (early stopping may end sooner). */
export function fractionDone(run: RunSnapshot): number {
  if (!run.epochs || !run.batchesPerEpoch) return 0;
  return Math.min(1, run.losses.length / (run.epochs * run.batchesPerEpoch));
}

export function progressMessage(run: RunSnapshot): string {
  if (run.status === 'starting') return 'loading data…';
  const history = epochsDone(run);
  const current = Math.min(run.epochs ?? 1, history.length + 1);
  const parts = [`epoch ${current} of ${run.epochs ?? '?'}`];
  const last = history[history.length - 1];
  if (last) parts.push(`${Math.round(last.examplesPerSec).toLocaleString('en-US')} examples/s`);
  const eta = etaSeconds(run);
  if (eta !== undefined) parts.push(`ETA ${formatDuration(eta)}`);
  return parts.join(' · ');
}
