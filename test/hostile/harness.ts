/**
 * The hostile suite's tools: the BUILT command line (`dist/cli.js`, as a user runs it) in a child
 * process with a time limit, a scratch workspace of the user's files, and the checks every case
 * makes — exit code, one line naming where, no stack trace, no internal error, the user's files
 * unchanged (hashed before and after), no temporary folders left, bounded time.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import seedrandom from 'seedrandom';
import { REPO_ROOT } from '../helpers/data';

export const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/** A pid no process can have (the kernel's PID_MAX_LIMIT; every pid is below it): the owner of a dead process's leftovers. */
export const DEAD_PID = 4_194_304;

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  /** Killed (and the run marked timedOut) after this long. */
  limitMs?: number;
  /** Called with all of stdout and stderr so far, and the child, whenever either grows: e.g. to send a signal when a line appears. */
  onOutput?: (stdout: string, stderr: string, child: ReturnType<typeof spawn>) => void;
}

export function builtCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm run build; npm run test:hostile does)`);
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NCF_DEBUG: '' },
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    options.onOutput?.(stdout, stderr, child);
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    options.onOutput?.(stdout, stderr, child);
  });
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.limitMs ?? 120_000);
  return new Promise((resolve) =>
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ms: performance.now() - started, timedOut });
    }),
  );
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** No trace of a crash: no stack frame, no internal error, no raw control character on the terminal. */
export function assertNoCrash(r: CliRun): void {
  assert.equal(r.timedOut, false, `hung: killed after ${Math.round(r.ms)} ms\n${r.stderr}`);
  assert.equal(r.signal, null, `died of ${r.signal}\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /^\s+at /m, `a stack trace:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr + r.stdout, /internal error/, `an internal error:\n${r.stderr}`);
  assert.doesNotMatch(
    r.stderr.replace(/\r|\n|\t/g, ''),
    CONTROL,
    `raw control characters on stderr:\n${JSON.stringify(r.stderr)}`,
  );
}

/** Refused: exit 1, no crash, and one error line, which matches `where`. */
export function assertRefused(r: CliRun, where: RegExp): string {
  assertNoCrash(r);
  assert.equal(r.status, 1, `exit code 1, got ${r.status}\n${r.stderr}`);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('ncf:'));
  assert.equal(lines.length, 1, `one error line, got:\n${r.stderr}`);
  assert.match(lines[0], where);
  return lines[0];
}

/** `ncf validate FILE` found one problem: exit 1, no crash, one line that names the file and matches `where`. */
export function assertSpecRefused(r: CliRun, file: string, where: RegExp): string {
  assertNoCrash(r);
  assert.equal(r.status, 1, `exit code 1, got ${r.status}\n${r.stdout}${r.stderr}`);
  const lines = r.stderr.split('\n').filter((l) => l.trim());
  assert.equal(lines.length, 1, `one line, got:\n${r.stderr}`);
  assert.ok(lines[0].includes(file), `the line names ${file}: ${lines[0]}`);
  assert.match(lines[0], where);
  return lines[0];
}

/** Refused before any training: no epoch was run. */
export function assertRefusedUpFront(r: CliRun, where: RegExp): string {
  const line = assertRefused(r, where);
  assert.doesNotMatch(r.stderr, /^epoch \d+/m, 'refused before training');
  return line;
}

/** A scratch folder holding a user's files, with hashes to prove they were not touched. */
export class Workspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'ncf-hostile-'));

  write(name: string, content: string | Buffer): string {
    const file = join(this.dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  /** Every file and folder below `dir` (relative path → content hash, or '/' for a folder). */
  snapshot(under = this.dir): Map<string, string> {
    const out = new Map<string, string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        const rel = relative(under, path);
        if (statSync(path).isDirectory()) {
          out.set(rel, '/');
          walk(path);
        } else out.set(rel, createHash('sha256').update(readFileSync(path)).digest('hex'));
      }
    };
    walk(under);
    return out;
  }

  /** What was there before is there still, byte for byte; `allowed` are new paths the run may add. */
  assertUntouched(before: Map<string, string>, allowed: (rel: string) => boolean = () => false): void {
    const after = this.snapshot();
    for (const [rel, hash] of before)
      assert.equal(after.get(rel), hash, `${rel} was ${after.has(rel) ? 'changed' : 'removed'}`);
    const added = [...after.keys()].filter((rel) => !before.has(rel) && !allowed(rel));
    assert.deepEqual(added, [], 'nothing new was written');
  }

  assertNoTemporaries(): void {
    const stray = [...this.snapshot().keys()].filter((rel) => /\.(partial|old)-\d+|\.ncf-probe-/.test(rel));
    assert.deepEqual(stray, [], 'no temporary folders left');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A small ratings CSV (header user,item,rating; ratings 1–5), the same for the same seed. */
export function ratingsCsv(seed: number, users = 40, items = 30, rows = 600): string {
  const rng = seedrandom(String(seed));
  const lines = ['user,item,rating'];
  const seen = new Set<string>();
  while (lines.length <= rows) {
    const u = 1 + Math.floor(rng() * users);
    const i = 1 + Math.floor(rng() * items);
    if (seen.has(`${u},${i}`)) continue;
    seen.add(`${u},${i}`);
    lines.push(`${u},${i},${1 + Math.floor(rng() * 5)}`);
  }
  return lines.join('\n') + '\n';
}

/** The same ratings as a MovieLens 100K folder: u.data (tab-separated, with timestamps) and a fold u1. */
export function movieLensFolder(ws: Workspace, name: string, seed: number): string {
  const rows = ratingsCsv(seed)
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const line = (r: string[]) => `${r[0]}\t${r[1]}\t${r[2]}\t881250949`;
  ws.write(`${name}/u.data`, rows.map(line).join('\n') + '\n');
  ws.write(
    `${name}/u1.base`,
    rows
      .filter((_, k) => k % 5 !== 0)
      .map(line)
      .join('\n') + '\n',
  );
  ws.write(
    `${name}/u1.test`,
    rows
      .filter((_, k) => k % 5 === 0)
      .map(line)
      .join('\n') + '\n',
  );
  return ws.path(name);
}

/** A preset's spec as a JSON value, to be changed by a case. */
export function presetJson(
  name: string,
): { nodes: Record<string, unknown>[]; training: Record<string, unknown> } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'src/core/presets', `${name}.ncf.json`), 'utf8'));
}

/** The time a case may take; generous, as the machines that run it are shared. */
export const LIMIT_MS = 120_000;
