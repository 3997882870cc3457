/**
 * Where a run may be written, decided before any training: `--out` (or a run folder of the
 * extension) may be a new folder, an empty one, or an earlier run of NCF Studio, which is then
 * replaced whole. Anything else — a file, a folder of the user's, the current folder, a folder
 * holding the data or the spec — is refused with one line; with `force` the run's files are added
 * beside the user's, and even then no file NCF Studio did not write is removed or overwritten.
 */
import { accessSync, constants, lstatSync, mkdirSync, rmdirSync, statfsSync, Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { FolderContents, isWholeRun, listNames, readFolder, RUN_FILES } from './files';
import { probePath, sweepStale } from './temp';

/** The destination cannot take the run: one line for the user, naming the path. */
export class DestinationError extends Error {}

export interface DestinationOptions {
  /** Add the run's files to a folder that is not a run (never overwriting a file of the user's). */
  force?: boolean;
  /** Files and folders the run reads (the data, the spec): a destination holding one is refused. */
  protect?: string[];
  /** How the destination is called in messages (`--out`, `run folder`). */
  label?: string;
  cwd?: string;
}

export interface Destination {
  dir: string;
  /** `new`: nothing there; `replace`: an empty folder or an earlier run, replaced whole; `merge`: the run's files added beside the user's (`force`). */
  mode: 'new' | 'replace' | 'merge';
}

/** File systems that look writable but are views of the kernel: writing there hangs or fails oddly. */
const VIRTUAL_FS: Record<number, string> = {
  0x9fa0: 'proc',
  0x62656572: 'sysfs',
  0x64626720: 'debugfs',
  0x63677270: 'cgroup2',
  0x27e0eb: 'cgroup',
  0x73636673: 'securityfs',
  0x1cd1: 'devpts',
};

function statOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Whether `inner` is `outer` or lies inside it. */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Errno codes of writing, in words that say what to do. */
export function explainWriteError(code: string | undefined): string | undefined {
  switch (code) {
    case 'EROFS':
      return 'is on a read-only file system';
    case 'EACCES':
    case 'EPERM':
      return 'is not writable (permission denied)';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'has no space left on its device';
    case 'ENOTDIR':
      return 'lies under a file, not a folder';
    case 'ENAMETOOLONG':
      return 'is too long a path';
    case 'ELOOP':
      return 'goes through a loop of symbolic links';
    default:
      return undefined;
  }
}

/**
 * Checks `target` and says how a run will be written there, or throws a DestinationError. Also
 * sweeps the temporary folders that killed saves left beside it. Synchronous: it runs before
 * training and again just before a save commits, and nothing may change in between its steps.
 */
export function checkDestination(target: string, options: DestinationOptions = {}): Destination {
  const label = options.label ?? '--out';
  if (target.trim() === '') throw new DestinationError(`${label} is empty: name a folder for the run`);
  const cwd = options.cwd ?? process.cwd();
  const dir = resolve(cwd, target);
  const refuse = (why: string) => new DestinationError(`${label} ${dir} ${why}`);
  // First, so that a run a killed save left aside is back in its place before the path is judged.
  sweepStale(dirname(dir));

  // The nearest part of the path that exists must be a folder we can write in.
  let existing = dir;
  let stats = statOrNull(existing);
  while (!stats && dirname(existing) !== existing) {
    existing = dirname(existing);
    stats = statOrNull(existing);
  }
  if (stats && existing !== dir && !stats.isDirectory())
    throw refuse(`lies under ${existing}, which is a file, not a folder`);
  const fsType = VIRTUAL_FS[statfsSync(existing).type];
  if (fsType) throw refuse(`is in the ${fsType} file system (a view of the system, not storage)`);

  let mode: Destination['mode'] = 'new';
  if (existing === dir && stats) {
    if (stats.isSymbolicLink() || !stats.isDirectory())
      throw refuse(
        `is ${stats.isSymbolicLink() ? 'a symbolic link' : 'a file'}, not a folder; NCF Studio never replaces it`,
      );
    mode = modeForFolder(dir, readFolder(dir), options, cwd, refuse);
  }
  const probeIn = mode === 'new' ? existing : dirname(dir);
  probeWritable(probeIn, refuse);
  if (probeIn !== dirname(dir)) sweepStale(probeIn);
  return { dir, mode };
}

function modeForFolder(
  dir: string,
  contents: FolderContents,
  options: DestinationOptions,
  cwd: string,
  refuse: (why: string) => DestinationError,
): Destination['mode'] {
  const reasons: string[] = [];
  if (isWithin(cwd, dir)) reasons.push(cwd === dir ? 'is the current folder' : `holds the current folder ${cwd}`);
  for (const path of options.protect ?? [])
    if (isWithin(resolve(cwd, path), dir)) reasons.push(`holds ${resolve(cwd, path)}, which this run reads`);
  if (reasons.length === 0) {
    if (contents.entries.length === 0 || isWholeRun(contents)) return 'replace';
    reasons.push(
      contents.marked
        ? `is an earlier run, but also holds ${listNames(contents.foreign)}, which NCF Studio did not write`
        : `already holds ${listNames(contents.entries)}, and is not an NCF Studio run`,
    );
  }
  if (!options.force)
    throw refuse(`${reasons[0]}; choose a new folder, or pass --force to add the run's files beside what is there`);
  // With force, the run's files go beside the user's; a file of the same name that is not an earlier run's is in the way.
  const inTheWay = contents.marked
    ? []
    : contents.entries.filter((name) => (RUN_FILES as readonly string[]).includes(name));
  if (inTheWay.length)
    throw refuse(
      `holds ${listNames(inTheWay)}, which NCF Studio did not write and will not overwrite: move ${inTheWay.length === 1 ? 'it' : 'them'} or choose another folder`,
    );
  return 'merge';
}

/** Creates and removes an empty folder where the run's temporary folder will go: the only sure test of writability. */
function probeWritable(parent: string, refuse: (why: string) => DestinationError): void {
  const probe = probePath(parent);
  try {
    const existing = lstatSync(parent, { throwIfNoEntry: false });
    if (existing) accessSync(parent, constants.W_OK);
    mkdirSync(probe, { recursive: true });
    rmdirSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw refuse(explainWriteError(code) ?? `cannot be written (${code ?? (e as Error).message})`);
  }
}

/** Refuses, before training, a destination whose device cannot hold `bytes` (the run's estimated size). */
export function checkSpace(dir: string, bytes: number, label = '--out'): void {
  let existing = dir;
  while (!statOrNull(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const { bavail, bsize } = statfsSync(existing);
  const free = bavail * bsize;
  if (free < bytes)
    throw new DestinationError(
      `${label} ${dir} has no room for the run: it needs about ${megabytes(bytes)}, its device has ${megabytes(free)} free`,
    );
}

export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
