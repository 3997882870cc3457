/**
 * The training loop: seeded initialisation and shuffling, early stopping on validation RMSE with
 * the best weights restored, metrics on clipped predictions, and the baselines beside the result.
 */
import * as tf from '@tensorflow/tfjs';
import { carveValidation } from '../data/split';
import { Dataset, DataError, Split } from '../data/types';
import { Spec, SpecNode } from '../spec/schema';
import { checkSpec } from '../spec/check';
import { SpecFileError } from '../spec/parse';
import { UsageError } from '../job/resolveSpec';
import { makeRng, shuffleInPlace } from '../util/random';
import { useBackend } from './backend';
import { computeBaselines } from './baselines';
import { zeroUnseenIds } from './unseenIds';
import { coldWarmRows } from './coldRows';
import { BackendChoice, EngineName, EpochEvent, Metrics, RowGroupMetrics, TrainEvent, TrainResult } from './events';
import { inputColumns, inputTensors, targetColumn } from './feed';
import { errorMetrics } from './metrics';
import { buildModel, modelInputNodes } from './model';
import { makeOptimizer } from './optimizer';
import { EpochStepper, LayersStepper, engineOf } from './stepper';
import { TrainingDivergedError, loopFacts, runEpochs } from './epochLoop';
import { yieldPoint } from './yieldPoint';
import { gatherFloat } from '../util/gather';

export interface TrainOptions {
  spec: Spec;
  dataset: Dataset;
  split: Split;
  backend?: BackendChoice;
  engine?: EngineName;
  signal?: AbortSignal;
  onEvent?: (event: TrainEvent) => void;
  presetName?: string;
  /** Picks the stepper for the `fast` engine (given the sizes the model was built with); absent, `layers` is used. */
  fastStepper?: (
    model: tf.LayersModel,
    spec: Spec,
    sizes: { vocabulary: Record<string, number>; globalMean: number },
  ) => EpochStepper;
}

export { TrainingDivergedError } from './epochLoop';

const PREDICT_BATCH = 8192;
/**
 * An epoch's training metrics are taken on a fixed sample of this many training rows: a pass over
 * every row each epoch would cost a third of the epoch's training; the result's are on every row.
 */
const TRAIN_METRIC_ROWS = 10_000;

/** What the user is told when the batch size is capped to the training rows. */
export function batchCapLine(asked: number, used: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `batch size ${n(asked)} is more than the ${n(used)} training rows: using ${n(used)}`;
}

export function predictRows(model: tf.LayersModel, inputs: SpecNode[], data: Dataset, rows: Int32Array): Float32Array {
  return tf.tidy(() => {
    const xs = inputTensors(inputs, data, rows);
    const out = model.predict(xs, { batchSize: PREDICT_BATCH }) as tf.Tensor;
    return out.dataSync() as Float32Array;
  });
}

/** The cold and the warm test rows' figures apart, when some test rows are cold; nothing otherwise. */
async function coldWarmMetrics(
  dataset: Dataset,
  train: Int32Array,
  test: Int32Array,
  measure: (rows: Int32Array) => Promise<Metrics>,
): Promise<Pick<TrainResult, 'coldWarm'>> {
  const { cold, warm } = coldWarmRows(dataset, train, test);
  if (!cold.length) return {};
  const group = async (rows: Int32Array): Promise<RowGroupMetrics> => ({
    rows: rows.length,
    test: await measure(rows),
    userItemBias: computeBaselines(dataset, train, rows).userItemBias,
  });
  return { coldWarm: { cold: await group(cold), warm: warm.length ? await group(warm) : null } };
}

export function evaluateRows(model: tf.LayersModel, inputs: SpecNode[], data: Dataset, rows: Int32Array): Metrics {
  const predicted = predictRows(model, inputs, data, rows);
  return errorMetrics(predicted, gatherFloat(data.ratings, rows), data.ratingRange);
}

/**
 * `evaluateRows` a slice at a time, letting a stop request or a second Ctrl+C through between slices;
 * through the stepper's own forward pass when it has one (the fast engine's: the same predictions).
 */
async function evaluate(
  model: tf.LayersModel,
  inputs: SpecNode[],
  data: Dataset,
  rows: Int32Array,
  stepper: EpochStepper,
): Promise<Metrics> {
  let predicted: Float32Array = new Float32Array(rows.length);
  if (stepper.predict) {
    predicted = await stepper.predict(inputColumns(inputs, data, rows), rows.length);
  } else {
    for (let first = 0; first < rows.length; first += PREDICT_BATCH) {
      predicted.set(predictRows(model, inputs, data, rows.subarray(first, first + PREDICT_BATCH)), first);
      await yieldPoint();
    }
  }
  return errorMetrics(predicted, gatherFloat(data.ratings, rows), data.ratingRange);
}

/** At most `n` of `rows`, drawn once per run by the seed, in their original order. */
function sampleRows(rows: Int32Array, n: number, seed: string): Int32Array {
  if (rows.length <= n) return rows;
  const shuffled = Int32Array.from(rows);
  shuffleInPlace(shuffled, makeRng(seed));
  return shuffled.subarray(0, n).sort();
}

function meanRating(data: Dataset, rows: Int32Array): number {
  let sum = 0;
  for (const r of rows) sum += data.ratings[r];
  return sum / rows.length;
}

export async function trainModel(options: TrainOptions): Promise<{ result: TrainResult; model: tf.LayersModel }> {
  const { spec, dataset, split, signal } = options;
  const emit = options.onEvent ?? (() => {});
  const backend = await useBackend(options.backend ?? 'auto');
  const check = checkSpec(spec, dataset.vocabulary, { rows: split.train.length });
  if (!check.ok) throw new SpecFileError(check.issues);
  const { checked } = check;
  const training = checked.spec.training;
  if (training.task === 'ranking')
    throw new UsageError(
      `'${checked.spec.name}' is a ranking spec: train it with \`ncf train --task ranking\` (src/core/ranking)`,
    );
  if (training.task === 'classification')
    throw new UsageError(
      `'${checked.spec.name}' is a text classifier: train it on labelled text, \`ncf train --data text:FILE\` (src/core/classification)`,
    );
  if (split.train.length === 0) throw new TrainingDivergedError(`split ${split.name} has no training rows`);

  const { train, val } = carveValidation(split.train, training.validation, training.seed);
  if (train.length === 0)
    throw new DataError(`split ${split.name} leaves no training rows once ${val.length} are held out for validation`);
  // A batch larger than the data would only allocate room for rows that do not exist.
  const batchSize = Math.min(training.batchSize, train.length);
  const trainingSpec =
    batchSize === training.batchSize ? checked.spec : { ...checked.spec, training: { ...training, batchSize } };
  const sizes = { vocabulary: dataset.vocabulary, globalMean: meanRating(dataset, train) };
  const model = buildModel(checked, { ...sizes, seed: training.seed });
  model.compile({ optimizer: makeOptimizer(training), loss: 'meanSquaredError' });
  const stepper =
    options.engine === 'fast' && options.fastStepper
      ? options.fastStepper(model, trainingSpec, sizes)
      : new LayersStepper(model);
  // The fast engine falls back to the plain stepper for specs it cannot train; report what really ran, and why.
  const { engine, fallbackReason } = engineOf(stepper);
  const inputs = modelInputNodes(checked);
  emit({
    event: 'start',
    backend,
    engine,
    fallbackReason,
    trainRows: train.length,
    valRows: val.length,
    testRows: split.test.length,
    params: checked.totalParams,
    batchSize,
    ...(batchSize < training.batchSize ? { batchCappedFrom: training.batchSize } : {}),
  });

  const rng = makeRng(`${training.seed}:shuffle`);
  const trainMetricRows = sampleRows(train, TRAIN_METRIC_ROWS, `${training.seed}:train-metric`);
  const order = Int32Array.from(train);
  const started = performance.now();
  const loop = await runEpochs<EpochEvent>({
    model,
    stepper,
    training,
    batchSize,
    signal,
    onBatch: emit,
    examples: () => {
      shuffleInPlace(order, rng);
      return { xs: inputColumns(inputs, dataset, order), ys: targetColumn(dataset, order), rows: order.length };
    },
    measure: async (facts) => ({
      event: 'epoch',
      ...facts,
      // An epoch's training figures come from a fixed sample: the result's are on every row.
      train: await evaluate(model, inputs, dataset, trainMetricRows, stepper),
      val: val.length ? await evaluate(model, inputs, dataset, val, stepper) : null,
    }),
    onEpoch: emit,
    watch: (event) => (event.val ? -event.val.rmse : null),
  }).catch((e: unknown) => {
    stepper.dispose();
    throw e;
  });
  // Ids only the test rows have (cold start, rare items) were never trained: they add nothing.
  zeroUnseenIds(model, checked, dataset, split.train);

  const { history, bestEpoch } = loop;
  const kept = loop.restored ? history[bestEpoch - 1] : undefined;
  const result: TrainResult = {
    event: 'result',
    preset: options.presetName,
    spec: checked.spec.name,
    backend,
    engine,
    fallbackReason,
    split: split.name,
    train: await evaluate(model, inputs, dataset, train, stepper),
    val: kept ? kept.val : val.length ? await evaluate(model, inputs, dataset, val, stepper) : null,
    // A tuning trial trains on a split without test rows: it has no test metrics to report.
    test: split.test.length ? await evaluate(model, inputs, dataset, split.test, stepper) : { rmse: NaN, mae: NaN },
    baselines: computeBaselines(dataset, split.train, split.test),
    ...(await coldWarmMetrics(dataset, split.train, split.test, (rows) =>
      evaluate(model, inputs, dataset, rows, stepper),
    )),
    ...loopFacts(loop, started, checked.totalParams),
  };
  stepper.dispose();
  return { result, model };
}
