/** Reads back what `saveRun` wrote: the spec, the trained model and the id maps, or one line saying what is missing. */
import type * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../data/types';
import { Spec } from '../spec/schema';
import { checkSpec } from '../spec/check';
import { restoreAside } from '../run/temp';
import { loadRunModel } from './save';

export interface SavedRun {
  spec: Spec;
  model: tf.LayersModel;
  ids: { users: string[]; items: string[] };
  ratingRange: [number, number];
}

export async function readRun(dir: string): Promise<SavedRun> {
  // A save killed between its two renames left the run aside: put it back before reading.
  restoreAside(dir);
  for (const file of ['model.json', 'weights.bin', 'spec.ncf.json', 'idmaps.json']) {
    if (!existsSync(join(dir, file)))
      throw new DataError(
        `not a training run folder: there is no ${file} (a run is what \`ncf train --out DIR\` writes)`,
        dir,
      );
  }
  const json = async (file: string) => {
    try {
      return JSON.parse(await readFile(join(dir, file), 'utf8')) as unknown;
    } catch (e) {
      throw new DataError(`cannot read it: ${(e as Error).message}`, join(dir, file));
    }
  };
  const check = checkSpec(await json('spec.ncf.json'));
  if (!check.ok) throw new DataError(`not a valid spec: ${check.issues[0].message}`, join(dir, 'spec.ncf.json'));
  const idmaps = (await json('idmaps.json')) as { users?: string[]; items?: string[]; ratingRange?: [number, number] };
  if (!Array.isArray(idmaps.users) || !Array.isArray(idmaps.items) || !Array.isArray(idmaps.ratingRange)) {
    throw new DataError('needs users, items and ratingRange', join(dir, 'idmaps.json'));
  }
  const model = await loadRunModel(dir);
  return {
    spec: check.checked.spec,
    model,
    ids: { users: idmaps.users, items: idmaps.items },
    ratingRange: idmaps.ratingRange,
  };
}
