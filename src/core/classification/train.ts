/**
 * Training a text classifier on one split: the vocabulary is fitted on the training rows only, the
 * model is trained with binary cross-entropy (on its probability when it ends in a sigmoid, on its
 * logit otherwise), early stopping watches the validation loss and restores the best weights, and
 * the test figures come beside the majority class's.
 */
import * as tf from '@tensorflow/tfjs';
import { carveValidation } from '../data/split';
import { TextData } from '../data/textData';
import { Tokenizer, TokenizerOptions } from '../data/tokenizer';
import { DataError, Split } from '../data/types';
import { useBackend } from '../engine/backend';
import { BackendChoice, EngineName, StartEvent } from '../engine/events';
import { buildModel, modelInputNodes } from '../engine/model';
import { makeOptimizer } from '../engine/optimizer';
import { EpochStepper, LayersStepper } from '../engine/stepper';
import { BestWeights } from '../engine/bestWeights';
import { TrainingDivergedError, TrainOptions } from '../engine/train';
import { yieldPoint } from '../engine/yieldPoint';
import { UsageError } from '../job/resolveSpec';
import { CheckedSpec, checkSpec } from '../spec/check';
import { SpecFileError } from '../spec/parse';
import { Spec } from '../spec/schema';
import { makeRng, shuffleInPlace } from '../util/random';
import { ClassificationEpochEvent, ClassificationEvent, ClassificationResult } from './events';
import { ClassMetrics, classMetrics, confusion, majorityProbabilities } from './metrics';
import { TextModel, probabilitiesOf, textModelOf } from './model';

export interface ClassificationOptions {
  spec: Spec;
  data: TextData;
  split: Split;
  tokenizer: Omit<TokenizerOptions, 'length'>;
  backend?: BackendChoice;
  engine?: EngineName;
  signal?: AbortSignal;
  presetName?: string;
  onEvent?: (event: ClassificationEvent) => void;
  fastStepper?: TrainOptions['fastStepper'];
}

export interface ClassificationRun {
  result: ClassificationResult;
  model: tf.LayersModel;
  tokenizer: Tokenizer;
  /** Whether the model's output is a probability (a sigmoid at the end) or a logit. */
  output: TextModel['output'];
}

/** The spec's token length, and a clear refusal of any input that is not a token sequence. */
export function tokenLength(checked: CheckedSpec): number {
  const inputs = modelInputNodes(checked);
  const lengths = new Set<number>();
  for (const node of inputs) {
    if (node.op !== 'input' || node.field !== 'tokens')
      throw new UsageError(
        `input '${node.id}' takes ${node.op === 'input' ? node.field : node.op}: a text classifier takes token sequences only`,
      );
    lengths.add(node.length ?? 1);
  }
  if (lengths.size !== 1)
    throw new UsageError(
      lengths.size === 0
        ? `'${checked.spec.name}' has no tokens input: text classification needs one`
        : `the tokens inputs have different lengths (${[...lengths].join(', ')}): give them one`,
    );
  return [...lengths][0];
}

/** The [n, L] token matrix of `rows`, once per model input. */
export function tokenTensors(ids: Int32Array, length: number, rows: Int32Array, inputs: number): tf.Tensor[] {
  const out = new Int32Array(rows.length * length);
  rows.forEach((r, k) => out.set(ids.subarray(r * length, (r + 1) * length), k * length));
  return Array.from({ length: inputs }, () => tf.tensor2d(out, [rows.length, length], 'int32'));
}

const PREDICT_BATCH = 4096;

export async function trainClassifier(options: ClassificationOptions): Promise<ClassificationRun> {
  const { spec, data, split, signal } = options;
  const emit = options.onEvent ?? (() => {});
  const backend = await useBackend(options.backend ?? 'auto');
  if (data.classes.length !== 2)
    throw new DataError(
      `${data.name} has ${data.classes.length} classes (${data.classes.slice(0, 5).join(', ')}…): only binary labels are trained so far`,
    );
  const first = checkSpec(spec);
  if (!first.ok) throw new SpecFileError(first.issues);
  const length = tokenLength(first.checked);
  const training = first.checked.spec.training;
  if (split.train.length === 0) throw new TrainingDivergedError(`split ${split.name} has no training rows`);
  const { train, val } = carveValidation(split.train, training.validation, training.seed);
  if (train.length === 0)
    throw new DataError(`split ${split.name} leaves no training rows once ${val.length} are held out for validation`);

  // Only the rows trained on shape the vocabulary: validation and test words are unknown to it, as they would be in use.
  const tokenizer = Tokenizer.fit(
    Array.from(train, (r) => data.texts[r]),
    { ...options.tokenizer, length },
  );
  const ids = tokenizer.encodeAll(data.texts);
  const vocabulary = { tokens: tokenizer.size };
  const check = checkSpec(spec, vocabulary, { rows: train.length });
  if (!check.ok) throw new SpecFileError(check.issues);
  const { checked } = check;
  const batchSize = Math.min(training.batchSize, train.length);
  const sizes = { vocabulary, globalMean: 0 };
  const model = buildModel(checked, { ...sizes, seed: training.seed });
  const text = textModelOf(checked);
  model.compile({ optimizer: makeOptimizer(training), loss: text.loss });
  const inputCount = modelInputNodes(checked).length;

  let stepper: EpochStepper = new LayersStepper(model);
  if (options.engine === 'fast' && options.fastStepper) {
    const trainingSpec = { ...checked.spec, training: { ...training, batchSize } };
    stepper = options.fastStepper(model, trainingSpec, sizes);
    // The fast engine's losses are the rating and ranking ones: whatever it could build, BCE on a probability is not among them.
    if (!(stepper instanceof LayersStepper)) {
      stepper.dispose();
      stepper = new LayersStepper(model, 'the fast engine does not train the classification loss');
    }
  }
  const engine: EngineName = stepper instanceof LayersStepper ? 'layers' : 'fast';
  const fallbackReason = stepper instanceof LayersStepper ? stepper.fallbackReason : undefined;
  const start: StartEvent = {
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
  };
  emit(start);

  const labelsOf = (rows: Int32Array) => Int32Array.from(rows, (r) => data.labels[r]);
  const predict = async (rows: Int32Array): Promise<Float32Array> => {
    const out = new Float32Array(rows.length);
    for (let from = 0; from < rows.length; from += PREDICT_BATCH) {
      const part = rows.subarray(from, from + PREDICT_BATCH);
      out.set(
        tf.tidy(() => {
          const y = model.predict(tokenTensors(ids, length, part, inputCount)) as tf.Tensor;
          return probabilitiesOf(y, text.output).dataSync() as Float32Array;
        }),
        from,
      );
      await yieldPoint();
    }
    return out;
  };
  const evaluate = async (rows: Int32Array): Promise<ClassMetrics> => classMetrics(await predict(rows), labelsOf(rows));

  const rng = makeRng(`${training.seed}:shuffle`);
  const order = Int32Array.from(train);
  const history: ClassificationEpochEvent[] = [];
  const best = new BestWeights(model, training.earlyStopping, true);
  let cancelled = false;
  let stoppedEarly = false;
  let fitSeconds = 0;
  const started = performance.now();
  try {
    for (let epoch = 1; epoch <= training.epochs && !cancelled; epoch++) {
      if (signal?.aborted) {
        cancelled = true;
        break;
      }
      shuffleInPlace(order, rng);
      const xs = tokenTensors(ids, length, order, inputCount);
      const ys = tf.tensor2d(
        Float32Array.from(order, (r) => data.labels[r]),
        [order.length, 1],
      );
      const batches = Math.ceil(order.length / batchSize);
      const t0 = performance.now();
      let losses: number[];
      try {
        losses = await stepper.fitEpoch(xs, ys, batchSize, (batch, loss) => {
          emit({ event: 'batch', epoch, batch: batch + 1, batches, loss });
          cancelled = signal?.aborted ?? false;
          return !cancelled;
        });
      } finally {
        tf.dispose([...xs, ys]);
      }
      const seconds = (performance.now() - t0) / 1000;
      fitSeconds += seconds;
      const loss = losses.reduce((a, b) => a + b, 0) / losses.length;
      if (!Number.isFinite(loss))
        throw new TrainingDivergedError(
          `training diverged in epoch ${epoch}: the loss became ${loss}; try a lower learning rate than ${training.learningRate}`,
        );
      const event: ClassificationEpochEvent = {
        event: 'epoch',
        task: 'classification',
        epoch,
        epochs: training.epochs,
        loss,
        train: await evaluate(train),
        val: val.length ? await evaluate(val) : null,
        seconds,
        examplesPerSec: (losses.length === batches ? order.length : losses.length * batchSize) / seconds,
      };
      history.push(event);
      emit(event);
      if (event.val && best.observe(event.val.loss, epoch)) {
        stoppedEarly = epoch < training.epochs;
        break;
      }
    }
    best.restore();
  } finally {
    best.dispose();
    stepper.dispose();
  }

  const bestEpoch = best.epoch ?? history.length;
  const kept = best.epoch !== undefined ? history[bestEpoch - 1] : undefined;
  const testLabels = labelsOf(split.test);
  const testProbabilities = await predict(split.test);
  const majority = majorityProbabilities(labelsOf(train), split.test.length);
  const result: ClassificationResult = {
    event: 'result',
    task: 'classification',
    preset: options.presetName,
    spec: checked.spec.name,
    backend,
    engine,
    fallbackReason,
    split: split.name,
    classes: data.classes,
    vocabulary: { size: tokenizer.size, length },
    train: kept ? kept.train : await evaluate(train),
    val: kept ? kept.val : val.length ? await evaluate(val) : null,
    test: { ...classMetrics(testProbabilities, testLabels), confusion: confusion(testProbabilities, testLabels) },
    baselines: { majority: { ...classMetrics(majority, testLabels), confusion: confusion(majority, testLabels) } },
    epochs: history.length,
    bestEpoch,
    stoppedEarly,
    cancelled,
    seconds: (performance.now() - started) / 1000,
    examplesPerSec: fitSeconds > 0 ? history.reduce((n, e) => n + e.examplesPerSec * e.seconds, 0) / fitSeconds : 0,
    params: checked.totalParams,
    history,
  };
  return { result, model, tokenizer, output: text.output };
}
