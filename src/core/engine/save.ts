/**
 * Writes a trained run to a folder: the model in the tfjs layers format, the id maps, the spec,
 * metrics.json (with the marker that makes it a run) and any extra files. Everything goes to a
 * temporary sibling first; an earlier run is replaced by renaming it aside, renaming the new one
 * in, then removing the old, so the path holds a whole run (old or new) whenever a save is killed.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Dataset } from '../data/types';
import {
  checkDestination,
  checkSpace,
  Destination,
  DestinationError,
  DestinationOptions,
  explainWriteError,
} from '../run/destination';
import { RUN_MARKER, RUN_MARKER_VERSION } from '../run/files';
import { tempPath } from '../run/temp';
import { Spec } from '../spec/schema';
import { TrainResult } from './events';

export interface RunArtifacts {
  model: tf.LayersModel;
  spec: Spec;
  dataset: Dataset;
  result: TrainResult | Record<string, unknown>;
  /** Extra text files, e.g. a training log (their names must be among RUN_FILES). */
  files?: Record<string, string>;
}

/** Temporary folders being written now, removed by `abandonSaves` when the process must quit at once. */
const writing = new Set<string>();

/** The content of metrics.json: the result, marked as a run of NCF Studio. */
export function runMetrics(result: object): string {
  return JSON.stringify({ [RUN_MARKER]: RUN_MARKER_VERSION, ...result }, null, 2) + '\n';
}

/** About how many bytes a run of this model and data takes on disk. */
export function runBytes(params: number, dataset: Pick<Dataset, 'userIds' | 'itemIds'>): number {
  return params * 4 + (dataset.userIds.length + dataset.itemIds.length) * 16 + 256 * 1024;
}

async function writeModel(model: tf.LayersModel, dir: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights =
        artifacts.weightData instanceof ArrayBuffer
          ? artifacts.weightData
          : tf.io.concatenateArrayBuffers(artifacts.weightData as ArrayBuffer[]);
      const manifest = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      await writeFile(join(dir, 'model.json'), JSON.stringify(manifest));
      await writeFile(join(dir, 'weights.bin'), Buffer.from(weights));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

/** Saves the run at `target` under the rules of `checkDestination`; returns the folder written. */
export async function saveRun(target: string, run: RunArtifacts, options: DestinationOptions = {}): Promise<string> {
  const label = options.label ?? '--out';
  const first = checkDestination(target, options);
  const staging = tempPath(first.dir, 'partial');
  writing.add(staging);
  try {
    checkSpace(dirname(first.dir), runBytes(run.model.countParams(), run.dataset), label);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    await writeModel(run.model, staging);
    await writeFile(
      join(staging, 'idmaps.json'),
      JSON.stringify({ users: run.dataset.userIds, items: run.dataset.itemIds, ratingRange: run.dataset.ratingRange }),
    );
    await writeFile(join(staging, 'spec.ncf.json'), JSON.stringify(run.spec, null, 2) + '\n');
    await writeFile(join(staging, 'metrics.json'), runMetrics(run.result));
    for (const [name, text] of Object.entries(run.files ?? {})) await writeFile(join(staging, name), text);
    // Checked again: the folder may have changed during training. From here to the end nothing awaits.
    commit(checkDestination(target, options), staging);
    return first.dir;
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    if (e instanceof DestinationError) throw e;
    const why = explainWriteError((e as NodeJS.ErrnoException).code);
    throw why ? new DestinationError(`${label} ${first.dir} ${why}`) : e;
  } finally {
    writing.delete(staging);
  }
}

function commit(dest: Destination, staging: string): void {
  if (dest.mode === 'new') {
    mkdirSync(dirname(dest.dir), { recursive: true });
    return renameSync(staging, dest.dir);
  }
  if (dest.mode === 'replace') {
    // Renaming onto an empty folder replaces it in one step.
    if (readdirSync(dest.dir).length === 0) return renameSync(staging, dest.dir);
    const old = tempPath(dest.dir, 'old');
    renameSync(dest.dir, old);
    renameSync(staging, dest.dir);
    return rmSync(old, { recursive: true, force: true });
  }
  for (const name of readdirSync(staging)) {
    const from = join(staging, name);
    const to = join(dest.dir, name);
    // An existing name is an earlier run's file (checkDestination refuses any other); a link never overwrites.
    if (existsSync(to)) renameSync(from, to);
    else {
      linkSync(from, to);
      unlinkSync(from);
    }
  }
  rmdirSync(staging);
}

/** Removes the temporary folders of saves still being written (the process is about to exit at once). */
export function abandonSaves(): void {
  for (const staging of writing) rmSync(staging, { recursive: true, force: true });
  writing.clear();
}

/** Reads a saved model back (for predictions and tests). */
export async function loadRunModel(dir: string): Promise<tf.LayersModel> {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const weights = await readFile(join(dir, 'weights.bin'));
  await tf.ready();
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: manifest.modelTopology,
      weightSpecs: manifest.weightsManifest[0].weights,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }),
  );
}
