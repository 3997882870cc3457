/** Reads a saved run folder back: the model, its id maps, its spec, and what it recorded of its data. */
import * as tf from '@tensorflow/tfjs';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { loadRunModel } from '../engine/save';
import { CheckedSpec, checkSpec } from '../spec/check';
import { formatIssue } from '../spec/issues';
import { DEFAULT_VOCABULARY } from '../spec/shapes';
import { Spec } from '../spec/schema';
import { Dataset } from '../data/types';
import { RunError } from './errors';
import { restoreAside } from '../run/temp';
import { FeatureColumns } from '../data/featureColumns';
import { featureColumnsOf, featureVocabulary } from '../data/features';
import { RUN_DATA_FILE, RUN_FEATURES_FILE, RunDataRecord, RunFeatures } from './runFiles';

const IdMaps = z.object({
  users: z.array(z.string()),
  items: z.array(z.string()),
  ratingRange: z.tuple([z.number(), z.number()]),
});
const DataRecord = z.object({
  source: z.string(),
  name: z.string(),
  ratings: z.number(),
  users: z.number(),
  items: z.number(),
});
const Encoding = z.object({
  side: z.enum(['user', 'item']),
  kind: z.enum(['numeric', 'categorical', 'multiHot']),
  source: z.string(),
  transform: z.enum(['ageGroup', 'zipRegion', 'decade', 'titleWords']).optional(),
  width: z.number().int().positive(),
  categories: z.array(z.string()).optional(),
  mean: z.number().optional(),
  sd: z.number().optional(),
  fallback: z.string().optional(),
  missing: z.number().optional(),
});
const Features = z.object({
  columns: z.record(z.string(), z.object({ encoding: Encoding, values: z.array(z.number()) })).optional(),
  user: z.record(z.string(), z.array(z.number())).optional(),
  item: z.record(z.string(), z.array(z.number())).optional(),
});

/** What the model predicts: a rating on the data's scale (clipped to it), or a ranking score. */
export type RunTask = 'rating' | 'ranking';

export interface SavedRun {
  dir: string;
  model: tf.LayersModel;
  spec: Spec;
  /** The spec's graph, to feed the model's inputs in its order. */
  checked: CheckedSpec;
  task: RunTask;
  userIds: string[];
  itemIds: string[];
  ratingRange: [number, number];
  /** Where the training data came from, when the run recorded it. */
  data?: RunDataRecord;
  features?: RunFeatures;
  /** The feature columns the model reads, with their encodings (from features.json). */
  columns: FeatureColumns;
  /** metrics.json as saved (absent for a run that did not finish writing it). */
  metrics?: Record<string, unknown>;
}

async function readJson<T>(dir: string, file: string, shape: z.ZodType<T>, required: true): Promise<T>;
async function readJson<T>(dir: string, file: string, shape: z.ZodType<T>, required: false): Promise<T | undefined>;
async function readJson<T>(dir: string, file: string, shape: z.ZodType<T>, required: boolean): Promise<T | undefined> {
  const path = join(dir, file);
  if (!existsSync(path)) {
    if (required) throw new RunError(`${dir}: not a complete run folder: ${file} is missing`);
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new RunError(`${path}: not valid JSON`);
  }
  const parsed = shape.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RunError(`${path}: ${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The task a spec trains for; specs from before tasks existed are rating models. */
export function taskOf(spec: Spec): RunTask {
  const task = (spec.training as { task?: unknown }).task;
  return task === 'ranking' ? 'ranking' : 'rating';
}

export async function loadRun(dir: string): Promise<SavedRun> {
  // A save killed between its two renames left the run aside: put it back before reading.
  restoreAside(dir);
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    throw new RunError(`${dir}: no such run folder`);
  }
  if (!isFolder)
    throw new RunError(`${dir}: is a file; --run expects a run folder (written by ncf train --out or by VS Code)`);
  if (!existsSync(join(dir, 'model.json'))) throw new RunError(`${dir}: not a run folder: it has no model.json`);
  const idmaps = await readJson(dir, 'idmaps.json', IdMaps, true);
  const rawSpec = await readJson(dir, 'spec.ncf.json', z.unknown(), true);
  const features = await readJson(dir, RUN_FEATURES_FILE, Features, false);
  const columns = runColumns(features);
  const check = checkSpec(rawSpec, {
    ...DEFAULT_VOCABULARY,
    ...(features?.columns ? featureVocabulary(columns) : {}),
    user: idmaps.users.length,
    item: idmaps.items.length,
  });
  if (!check.ok)
    throw new RunError(
      check.issues[0]
        ? formatIssue(check.issues[0], join(dir, 'spec.ncf.json'))
        : `${join(dir, 'spec.ncf.json')}: not a valid spec`,
    );
  const { checked } = check;
  const data = await readJson(dir, RUN_DATA_FILE, DataRecord, false);
  const metrics = await readJson(dir, 'metrics.json', z.record(z.string(), z.unknown()), false);
  let model: tf.LayersModel;
  try {
    model = await loadRunModel(dir);
  } catch (e) {
    throw new RunError(
      `${join(dir, 'model.json')}: the model cannot be loaded: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return {
    dir,
    model,
    checked,
    spec: checked.spec,
    task: taskOf(checked.spec),
    userIds: idmaps.users,
    itemIds: idmaps.items,
    ratingRange: idmaps.ratingRange,
    data,
    features,
    columns,
    metrics,
  };
}

/** features.json's columns as typed arrays; an older file's five MovieLens features by their fixed encodings. */
function runColumns(features: RunFeatures | undefined): FeatureColumns {
  if (!features) return {};
  if (features.columns)
    return Object.fromEntries(
      Object.entries(features.columns).map(([name, { encoding, values }]) => [
        name,
        { encoding, values: encoding.kind === 'categorical' ? Int32Array.from(values) : Float32Array.from(values) },
      ]),
    );
  const table = (t?: Record<string, number[]>) =>
    t &&
    Object.fromEntries(
      Object.entries(t).map(([k, v]) => [
        k,
        k === 'gender' || k === 'occupation' ? Int32Array.from(v) : Float32Array.from(v),
      ]),
    );
  return featureColumnsOf({
    userFeatures: table(features.user),
    itemFeatures: table(features.item),
    vocabulary: {},
  } as unknown as Dataset);
}
