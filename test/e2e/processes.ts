/**
 * Child processes the e2e harness starts, each in its own process group, so that stopping one
 * ends everything it spawned (code-server's helper, its extension host, our training worker)
 * and nothing else on the machine.
 */
import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';

const started = new Set<ChildProcess>();

export function spawnGroup(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  // Listed until its group is stopped: the leader may exit before the processes it spawned.
  started.add(child);
  return child;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM to the whole group, then SIGKILL to whatever is left after `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pgid = child.pid;
  started.delete(child);
  if (!pgid) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  for (let waited = 0; waited < graceMs && groupAlive(pgid); waited += 100) await sleep(100);
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

export async function stopAllGroups(): Promise<void> {
  await Promise.all([...started].map((c) => stopGroup(c)));
}

/** Runs a command to completion in its own group; rejects with its output on failure. */
export function runToEnd(
  command: string,
  args: string[],
  options: SpawnOptions = {},
  timeoutMs = 300_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    const timer = setTimeout(() => void stopGroup(child, 1000), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      started.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${out.slice(-4000)}`));
    });
  });
}
