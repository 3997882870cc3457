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
import { Column, columnTensor } from '../engine/columns';
import { BackendChoice, EngineName, StartEvent } from '../engine/events';
import { buildModel, modelInputNodes } from '../engine/model';
import { makeOptimizer } from '../engine/optimizer';
import { EpochStepper, LayersStepper, engineOf } from '../engine/stepper';
import { TrainingDivergedError, loopFacts, runEpochs } from '../engine/epochLoop';
import { TrainOptions } from '../engine/train';
import { yieldPoint } from '../engine/yieldPoint';
import { UsageError } from '../job/resolveSpec';
import { CheckedSpec, checkSpec } from '../spec/check';
import { SpecFileError } from '../spec/parse';
import { Spec } from '../spec/schema';
import { CLASS_COUNT, DEFAULT_VOCABULARY } from '../spec/shapes';
import { makeRng, shuffleInPlace } from '../util/random';
import { ClassificationEpochEvent, ClassificationEvent, ClassificationResult } from './events';
import { figuresFor } from './figures';
import { ClassMetrics } from './metrics';
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
function tokenColumns(ids: Int32Array, length: number, rows: Int32Array, inputs: number): Column[] {
  const out = new Int32Array(rows.length * length);
  rows.forEach((r, k) => out.set(ids.subarray(r * length, (r + 1) * length), k * length));
  return Array.from({ length: inputs }, () => ({ values: out, width: length }));
}

const tokenTensors = (ids: Int32Array, length: number, rows: Int32Array, inputs: number): tf.Tensor[] =>
  tokenColumns(ids, length, rows, inputs).map((column) => columnTensor(column, rows.length));

const PREDICT_BATCH = 4096;

/** Binary: a [n, 1] column of 0/1; multi-class: one-hot rows [n, K], as categorical cross-entropy wants. */
function labelColumn(rows: Int32Array, labels: ArrayLike<number>, classes: number): Column {
  if (classes === 2) return { values: Float32Array.from(rows, (r) => labels[r]), width: 1 };
  const out = new Float32Array(rows.length * classes);
  rows.forEach((r, k) => (out[k * classes + labels[r]] = 1));
  return { values: out, width: classes };
}

export async function trainClassifier(options: ClassificationOptions): Promise<ClassificationRun> {
  const { spec, data, split, signal } = options;
  const emit = options.onEvent ?? (() => {});
  const backend = await useBackend(options.backend ?? 'auto');
  const classes = data.classes.length;
  const figures = figuresFor(classes);
  const first = checkSpec(spec, { ...DEFAULT_VOCABULARY, [CLASS_COUNT]: classes });
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
  const check = checkSpec(spec, { ...vocabulary, [CLASS_COUNT]: classes }, { rows: train.length });
  if (!check.ok) throw new SpecFileError(check.issues);
  const { checked } = check;
  const batchSize = Math.min(training.batchSize, train.length);
  const sizes = { vocabulary, globalMean: 0 };
  const model = buildModel(checked, { ...sizes, seed: training.seed });
  const text = textModelOf(checked, classes);
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
  const { engine, fallbackReason } = engineOf(stepper);
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
  const width = figures.width;
  const predict = async (rows: Int32Array): Promise<Float32Array> => {
    const out = new Float32Array(rows.length * width);
    for (let from = 0; from < rows.length; from += PREDICT_BATCH) {
      const part = rows.subarray(from, from + PREDICT_BATCH);
      out.set(
        tf.tidy(() => {
          const y = model.predict(tokenTensors(ids, length, part, inputCount)) as tf.Tensor;
          return probabilitiesOf(y, text.output, classes).dataSync() as Float32Array;
        }),
        from * width,
      );
      await yieldPoint();
    }
    return out;
  };
  const evaluate = async (rows: Int32Array): Promise<ClassMetrics> =>
    figures.metrics(await predict(rows), labelsOf(rows));

  const rng = makeRng(`${training.seed}:shuffle`);
  const order = Int32Array.from(train);
  const started = performance.now();
  const loop = await runEpochs<ClassificationEpochEvent>({
    model,
    stepper,
    training,
    batchSize,
    signal,
    onBatch: emit,
    examples: () => {
      shuffleInPlace(order, rng);
      return {
        xs: tokenColumns(ids, length, order, inputCount),
        ys: labelColumn(order, data.labels, classes),
        rows: order.length,
      };
    },
    measure: async (facts) => ({
      event: 'epoch',
      task: 'classification',
      ...facts,
      train: await evaluate(train),
      val: val.length ? await evaluate(val) : null,
    }),
    onEpoch: emit,
    // Early stopping watches the validation log loss (the loop keeps the highest figure, hence the sign).
    watch: (event) => (event.val ? -event.val.loss : null),
  }).finally(() => stepper.dispose());

  const { history, bestEpoch } = loop;
  const kept = loop.restored ? history[bestEpoch - 1] : undefined;
  const testLabels = labelsOf(split.test);
  const testProbabilities = await predict(split.test);
  const majority = figures.majority(labelsOf(train), split.test.length);
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
    test: {
      ...figures.metrics(testProbabilities, testLabels),
      confusion: figures.confusion(testProbabilities, testLabels),
    },
    baselines: {
      majority: { ...figures.metrics(majority, testLabels), confusion: figures.confusion(majority, testLabels) },
    },
    ...loopFacts(loop, started, checked.totalParams),
  };
  return { result, model, tokenizer, output: text.output };
}
