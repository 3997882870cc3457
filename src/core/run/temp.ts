/**
 * The temporary siblings of a run folder while it is saved: `.NAME.partial-PID` (the new run being
 * written) and `.NAME.old-PID` (the run it replaces, between the two renames). A process killed
 * while saving leaves them behind; the next save beside them sweeps those of dead processes.
 */
import { existsSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { readFolder } from './files';

export type TempKind = 'partial' | 'old';

export function tempPath(dir: string, kind: TempKind, pid = process.pid): string {
  return join(dirname(dir), `.${basename(dir)}.${kind}-${pid}`);
}

const TEMP_NAME = /^\.(.+)\.(partial|old)-(\d+)$/;
const PROBE_NAME = /^\.ncf-probe-(\d+)$/;

/** An empty folder made and removed at once to learn whether `parent` is writable. */
export function probePath(parent: string): string {
  return join(parent, `.ncf-probe-${process.pid}`);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but is someone else's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A temporary folder holds only a run's files (so removing it removes nothing of the user's). */
function holdsOnlyRunFiles(dir: string): boolean {
  try {
    return readFolder(dir).foreign.length === 0;
  } catch {
    return false;
  }
}

/**
 * Removes the temporary folders that dead processes left beside `dir` (all runs' in the folder
 * when `dir` is a folder of runs and `name` is omitted). A run that was renamed aside and never
 * replaced is put back where it was. Anything holding files other than a run's is left alone.
 */
export function sweepStale(parent: string, name?: string): void {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    const probe = PROBE_NAME.exec(entry);
    if (probe && !isAlive(Number(probe[1]))) {
      // rmdir removes only an empty folder: a probe, never anything of the user's.
      tryQuietly(() => rmdirSync(join(parent, entry)));
      continue;
    }
    const m = TEMP_NAME.exec(entry);
    if (!m || (name !== undefined && m[1] !== name) || isAlive(Number(m[3]))) continue;
    const temp = join(parent, entry);
    if (!holdsOnlyRunFiles(temp)) continue;
    const home = join(parent, m[1]);
    tryQuietly(() =>
      m[2] === 'old' && !existsSync(home) ? renameSync(temp, home) : rmSync(temp, { recursive: true, force: true }),
    );
  }
}

/** Another process may have swept it first, or it may not be ours to touch: either way nothing to do. */
function tryQuietly(action: () => void): void {
  try {
    action();
  } catch {
    // see above
  }
}

/** Puts back the run at `dir` if a save killed between its two renames left it aside (and sweeps that save's leftovers). */
export function restoreAside(dir: string): void {
  const path = resolve(dir);
  sweepStale(dirname(path), basename(path));
}
