/**
 * Writes a trained run to a folder: the model in the tfjs layers format, the id maps, the spec and
 * metrics.json. Everything goes to a temporary sibling first and is renamed at the end, so a failed
 * or interrupted save never leaves a half-written folder behind.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Dataset } from '../data/types';
import { Spec } from '../spec/schema';
import { TrainResult } from './events';

export interface RunArtifacts {
  model: tf.LayersModel;
  spec: Spec;
  dataset: Dataset;
  result: TrainResult | Record<string, unknown>;
  /** Extra text files, e.g. a training log. */
  files?: Record<string, string>;
}

async function writeModel(model: tf.LayersModel, dir: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData instanceof ArrayBuffer ? artifacts.weightData : tf.io.concatenateArrayBuffers(artifacts.weightData as ArrayBuffer[]);
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

export async function saveRun(dir: string, run: RunArtifacts): Promise<void> {
  const staging = join(dirname(dir), `.${basename(dir)}.partial-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await writeModel(run.model, staging);
    await writeFile(join(staging, 'idmaps.json'), JSON.stringify({ users: run.dataset.userIds, items: run.dataset.itemIds, ratingRange: run.dataset.ratingRange }));
    await writeFile(join(staging, 'spec.ncf.json'), JSON.stringify(run.spec, null, 2) + '\n');
    await writeFile(join(staging, 'metrics.json'), JSON.stringify(run.result, null, 2) + '\n');
    for (const [name, text] of Object.entries(run.files ?? {})) await writeFile(join(staging, name), text);
    if (existsSync(dir)) await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
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
