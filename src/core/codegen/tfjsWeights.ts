/**
 * A run's trained weights for the exported TypeScript: the run's weights.bin as it is, with a
 * manifest (the weight specs, the id maps and the rating scale) that the generated
 * `loadTrainedModel()` reads. No TensorFlow.js here: the run folder already holds the bytes.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureEncoding } from '../data/featureColumns';
import { encodingVocabulary } from '../data/features';
import { DataError } from '../data/types';
import { RUN_FEATURES_FILE } from '../predict/runFiles';
import { checkSpec } from '../spec/check';
import { DEFAULT_VOCABULARY } from '../spec/shapes';
import type { Spec } from '../spec/schema';
import type { CodegenOptions } from './plan';
import { TFJS_WEIGHTS_FORMAT } from './tfjsLoader';

interface ModelJson {
  modelTopology?: { config?: { layers?: { config?: { name?: string; offset?: number } }[] } };
  weightsManifest?: { paths: string[]; weights: unknown[] }[];
}

export interface TfjsExport {
  spec: Spec;
  /** The run's sizes, μ and scale as the defaults of the generated `buildModel()`, and the loader. */
  options: CodegenOptions;
  manifest: Record<string, unknown>;
  data: Uint8Array;
}

async function json<T>(dir: string, file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DataError(
      missing
        ? 'not a training run folder: there is no ' + file + ' (a run is what `ncf train --out DIR` writes)'
        : `cannot read it: ${(e as Error).message}`,
      missing ? dir : join(dir, file),
    );
  }
}

/** The encodings of the run's features (features.json's columns), if it has any. */
export async function runFeatureEncodings(dir: string): Promise<Record<string, FeatureEncoding> | undefined> {
  if (!existsSync(join(dir, RUN_FEATURES_FILE))) return undefined;
  const features = await json<{ columns?: Record<string, { encoding: FeatureEncoding }> }>(dir, RUN_FEATURES_FILE);
  if (!features.columns) return undefined;
  return Object.fromEntries(Object.entries(features.columns).map(([name, c]) => [name, c.encoding]));
}

/** Reads a run folder; `weightsFile` is the name the binary will have beside the exported code. */
export async function tfjsExport(dir: string, weightsFile: string): Promise<TfjsExport> {
  const model = await json<ModelJson>(dir, 'model.json');
  const ids = await json<{ users?: string[]; items?: string[]; ratingRange?: [number, number] }>(dir, 'idmaps.json');
  const encodings = await runFeatureEncodings(dir);
  const featureSizes = encodings ? encodingVocabulary(encodings) : {};
  const check = checkSpec(await json(dir, 'spec.ncf.json'), { ...DEFAULT_VOCABULARY, ...featureSizes });
  if (!check.ok) throw new DataError(`not a valid spec: ${check.issues[0].message}`, join(dir, 'spec.ncf.json'));
  if (!model.weightsManifest?.length) throw new DataError('has no weightsManifest', join(dir, 'model.json'));
  if (!Array.isArray(ids.users) || !Array.isArray(ids.items) || !Array.isArray(ids.ratingRange))
    throw new DataError('needs users, items and ratingRange', join(dir, 'idmaps.json'));
  const spec = check.checked.spec;
  // The weight groups' files, in order, are one buffer to decodeWeights.
  const parts = await Promise.all(
    model.weightsManifest.flatMap((g) => g.paths.map((p) => readFile(join(dir, p.replace(/^\.\//, ''))))),
  );
  const data = new Uint8Array(Buffer.concat(parts));
  // μ is the output layer's fixed offset, not a weight: it becomes buildModel()'s default.
  const outputId = check.checked.outputId;
  const offset = model.modelTopology?.config?.layers?.find((l) => l.config?.name === outputId)?.config?.offset;
  return {
    spec,
    options: {
      vocabulary: { ...featureSizes, user: ids.users.length, item: ids.items.length },
      ...(encodings ? { featureEncodings: encodings } : {}),
      ...(offset === undefined ? {} : { globalMean: offset }),
      ratingRange: ids.ratingRange,
      weightsLoader: true,
    },
    manifest: {
      format: TFJS_WEIGHTS_FORMAT,
      weightsFile,
      weightSpecs: model.weightsManifest.flatMap((g) => g.weights),
      users: ids.users,
      items: ids.items,
      ratingRange: ids.ratingRange,
    },
    data,
  };
}
