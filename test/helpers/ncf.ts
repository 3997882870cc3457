/** Runs the `ncf` command line from source in a child process: a fresh process, as a user runs it. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './data';

export function runNcf(args: string[], cwd = REPO_ROOT): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON object on the last line of a command's output. */
export const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!);

/** A `--json` run's lines, parsed. */
export const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
