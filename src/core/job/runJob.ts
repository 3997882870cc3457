/**
 * A whole training job as the CLI and the worker run it: the spec, the data, one or more splits
 * (k folds, or several official folds), and the mean ± std across them.
 */
import * as tf from '@tensorflow/tfjs';
import { loadDataset, LoadOptions } from '../data/load';
import { makeSplits } from '../data/split';
import { Dataset, Split } from '../data/types';
import { Spec } from '../spec/schema';
import { Metrics, TrainEvent, TrainResult, BackendChoice, EngineName } from '../engine/events';
import { trainModel, TrainOptions } from '../engine/train';

export interface JobOptions {
  spec: Spec;
  presetName?: string;
  data: string;
  /** How the data is read besides its source: feature files of the user's own, and their declared kinds. */
  load?: LoadOptions;
  /** `random:0.2`, `fold:u1`, `fold:u1,u2,u3,u4,u5`, `kfold:5`. */
  split: string;
  backend?: BackendChoice;
  engine?: EngineName;
  signal?: AbortSignal;
  onEvent?: (event: TrainEvent, fold: { index: number; count: number; name: string }) => void;
  /** Called once the data is loaded (e.g. to report its size). */
  onData?: (dataset: Dataset, splits: Split[]) => void;
  fastStepper?: TrainOptions['fastStepper'];
}

export interface Summary {
  mean: Metrics;
  std: Metrics;
}

export interface JobResult {
  /** The last split's result (the only one for a single split), with folds and their summary when there are several. */
  result: TrainResult & {
    folds?: Omit<TrainResult, 'history'>[];
    mean?: Metrics;
    std?: Metrics;
    baselinesMean?: { globalMean: Metrics; userItemBias: Metrics };
  };
  /** The model of the last split, for saving. */
  model: tf.LayersModel;
  dataset: Dataset;
}

export function summarise(values: Metrics[]): Summary {
  const n = values.length;
  const mean = { rmse: values.reduce((s, v) => s + v.rmse, 0) / n, mae: values.reduce((s, v) => s + v.mae, 0) / n };
  const sd = (k: keyof Metrics) =>
    Math.sqrt(values.reduce((s, v) => s + (v[k] - mean[k]) ** 2, 0) / Math.max(1, n - 1));
  return { mean, std: { rmse: sd('rmse'), mae: sd('mae') } };
}

export async function runJob(options: JobOptions): Promise<JobResult> {
  const seed = options.spec.training.seed;
  const dataset = await loadDataset(options.data, options.load);
  const splits = makeSplits(dataset, options.split, seed);
  options.onData?.(dataset, splits);
  const results: TrainResult[] = [];
  let model: tf.LayersModel | undefined;
  for (const [index, split] of splits.entries()) {
    model?.dispose();
    const run = await trainModel({
      spec: options.spec,
      dataset,
      split,
      backend: options.backend,
      engine: options.engine,
      signal: options.signal,
      presetName: options.presetName,
      fastStepper: options.fastStepper,
      onEvent: (e) => options.onEvent?.(e, { index, count: splits.length, name: split.name }),
    });
    results.push(run.result);
    model = run.model;
    if (run.result.cancelled) break;
  }
  const last = results[results.length - 1];
  if (results.length === 1) return { result: last, model: model!, dataset };
  const test = summarise(results.map((r) => r.test));
  const baselinesMean = {
    globalMean: summarise(results.map((r) => r.baselines.globalMean)).mean,
    userItemBias: summarise(results.map((r) => r.baselines.userItemBias)).mean,
  };
  const folds = results.map(({ history: _h, ...rest }) => rest);
  return {
    result: {
      ...last,
      split: options.split,
      test: test.mean,
      baselines: baselinesMean,
      folds,
      mean: test.mean,
      std: test.std,
      baselinesMean,
    },
    model: model!,
    dataset,
  };
}
