/**
 * Deleting a run from the sidebar. Only a folder NCF Studio wrote is deleted: a direct child of the
 * runs folder holding a run's metrics.json and nothing but the files a run writes. Anything else
 * in it (a file the user put there) makes the delete refuse and say which file.
 */
import { readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunId, readRunSnapshot } from './runs';
import { RUN_FILES } from '../../core/run/files';

export type Deletable = { ok: true; dir: string; files: string[] } | { ok: false; reason: string };

export async function checkDeletable(runsFolder: string, id: string): Promise<Deletable> {
  if (!isRunId(id)) return { ok: false, reason: `'${id}' is not a run folder name` };
  const dir = join(runsFolder, id);
  if (!(await readRunSnapshot(runsFolder, id)))
    return { ok: false, reason: `${id} has no metrics.json of a run: NCF Studio did not write it` };
  const entries = await readdir(dir, { withFileTypes: true });
  const foreign = entries.find((e) => !e.isFile() || !(RUN_FILES as readonly string[]).includes(e.name));
  if (foreign)
    return {
      ok: false,
      reason: `${id} holds ${foreign.name}, which a run does not write; delete the folder yourself if you mean to`,
    };
  return { ok: true, dir, files: entries.map((e) => e.name).sort() };
}

/** Deletes the files a run wrote, then the folder; rmdir fails rather than remove anything that appeared meanwhile. */
export async function deleteRunFolder(target: Extract<Deletable, { ok: true }>): Promise<void> {
  for (const file of target.files) await rm(join(target.dir, file));
  await rmdir(target.dir);
}
