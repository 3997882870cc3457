/** Where a run is written: `<runs folder>/<spec-name>-<timestamp>/`, never reusing an existing folder. */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** A file-system-safe form of the spec's name (it is the user's free text). */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 60);
  return s || 'model';
}

/** Local time as 20250131-142530: sorts by date and reads at a glance. */
export function timestamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

export function newRunDir(runsFolder: string, specName: string, date = new Date()): string {
  const base = `${slug(specName)}-${timestamp(date)}`;
  let dir = join(runsFolder, base);
  for (let n = 2; existsSync(dir); n++) dir = join(runsFolder, `${base}-${n}`);
  return dir;
}

/** The runs folder setting is relative to the workspace folder unless absolute. */
export function resolveRunsFolder(setting: string, workspaceRoot: string): string {
  return isAbsolute(setting) ? setting : join(workspaceRoot, setting || '.ncf/runs');
}
