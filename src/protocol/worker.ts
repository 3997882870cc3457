/**
 * Messages between the extension host and the training worker (a forked Node process), one schema
 * per message kind. Both ends import these types, so changing a message breaks the build on both
 * sides, and each end parses what it receives: a malformed message is one line naming its field.
 */
import { z } from 'zod';
import type {
  Baselines,
  BackendChoice,
  BackendName,
  EngineName,
  EpochEvent,
  Metrics,
  StartEvent,
  TrainResult,
} from '../core/engine/events';
import type { ClassificationEpochEvent, ClassMetrics, TestMetrics } from '../core/classification/events';
import type { ClassificationJobResult } from '../core/classification/job';
import type { JobResult } from '../core/job/runJob';
import type { RankingBaselines, RankingEpochEvent, RankingResult } from '../core/ranking/events';
import type { SpecInput } from '../core/spec';
import { FeatureFilesSchema } from './featureFiles';
import { metricSchemas } from './metricSchemas';
import { Agrees, Parsed, parseWith, Same } from './parse';

/**
 * A measured value. Node's IPC speaks JSON, which turns NaN and ±Infinity (a diverged loss, a speed
 * over zero seconds) into null; they are read back as NaN, which the charts leave out.
 */
const measure = z
  .number()
  .nullable()
  .transform((v) => v ?? NaN);
const count = z.number().int().nonnegative();

const { MetricsSchema, ClassMetricsSchema } = metricSchemas(measure);
const BaselinesSchema = z.strictObject({
  globalMean: MetricsSchema,
  userItemBias: MetricsSchema,
  noiseFloorRmse: measure.optional(),
});
const BackendNameSchema = z.enum(['tensorflow', 'wasm', 'cpu']);
const BackendChoiceSchema = z.enum(['auto', ...BackendNameSchema.options]);
const EngineNameSchema = z.enum(['fast', 'layers']);

const RowGroupSchema = z.strictObject({ rows: count, test: MetricsSchema, userItemBias: MetricsSchema });
const ColdWarmSchema = z.strictObject({ cold: RowGroupSchema, warm: RowGroupSchema.nullable() });

const EpochEventSchema = z.strictObject({
  event: z.literal('epoch'),
  epoch: count,
  epochs: count,
  loss: measure,
  train: MetricsSchema,
  val: MetricsSchema.nullable(),
  seconds: measure,
  examplesPerSec: measure,
});

const TrainResultSchema = z.strictObject({
  event: z.literal('result'),
  preset: z.string().optional(),
  spec: z.string(),
  backend: BackendNameSchema,
  engine: EngineNameSchema,
  fallbackReason: z.string().optional(),
  split: z.string(),
  train: MetricsSchema,
  val: MetricsSchema.nullable(),
  test: MetricsSchema,
  baselines: BaselinesSchema,
  coldWarm: ColdWarmSchema.optional(),
  epochs: count,
  bestEpoch: count,
  stoppedEarly: z.boolean(),
  cancelled: z.boolean(),
  seconds: measure,
  examplesPerSec: measure,
  params: count,
  history: z.array(EpochEventSchema),
});

/** A job's result: with several folds, the last fold's result carries every fold and their summary. */
const JobResultSchema = TrainResultSchema.extend({
  folds: z.array(TrainResultSchema.omit({ history: true })).optional(),
  mean: MetricsSchema.optional(),
  std: MetricsSchema.optional(),
  baselinesMean: BaselinesSchema.optional(),
});

const TopKSchema = z.strictObject({ k: count, hr: measure, ndcg: measure });
const RankingMetricsSchema = TopKSchema.extend({
  full: z.strictObject({ hr: measure, ndcg: measure, mrr: measure, recall: measure }),
});
const RankingBaselinesSchema = z.strictObject({ itemPop: RankingMetricsSchema, random: RankingMetricsSchema });
const RankingEpochSchema = z.strictObject({
  event: z.literal('epoch'),
  task: z.literal('ranking'),
  epoch: count,
  epochs: count,
  loss: measure,
  val: TopKSchema.nullable(),
  seconds: measure,
  examplesPerSec: measure,
});
const RankingResultSchema = TrainResultSchema.pick({
  event: true,
  preset: true,
  spec: true,
  backend: true,
  engine: true,
  fallbackReason: true,
  split: true,
  epochs: true,
  bestEpoch: true,
  stoppedEarly: true,
  cancelled: true,
  seconds: true,
  examplesPerSec: true,
  params: true,
}).extend({
  task: z.literal('ranking'),
  loss: z.enum(['bce', 'bpr']),
  negatives: count,
  evalNegatives: count,
  users: z.strictObject({ evaluated: count }),
  val: TopKSchema.nullable(),
  test: RankingMetricsSchema,
  baselines: RankingBaselinesSchema,
  history: z.array(RankingEpochSchema),
});

const TestMetricsSchema = ClassMetricsSchema.extend({ confusion: z.array(z.array(count)) });
const ClassificationEpochSchema = z.strictObject({
  event: z.literal('epoch'),
  task: z.literal('classification'),
  epoch: count,
  epochs: count,
  loss: measure,
  train: ClassMetricsSchema,
  val: ClassMetricsSchema.nullable(),
  seconds: measure,
  examplesPerSec: measure,
});
const ClassificationResultSchema = RankingResultSchema.omit({
  task: true,
  loss: true,
  negatives: true,
  evalNegatives: true,
  users: true,
  val: true,
  test: true,
  baselines: true,
  history: true,
}).extend({
  task: z.literal('classification'),
  classes: z.array(z.string()),
  vocabulary: z.strictObject({ size: count, length: count }),
  train: ClassMetricsSchema,
  val: ClassMetricsSchema.nullable(),
  test: TestMetricsSchema,
  baselines: z.strictObject({ majority: TestMetricsSchema }),
  history: z.array(ClassificationEpochSchema),
});
/** A classification job's result: over folds, every fold's (without its epochs) and their mean ± std. */
const ClassificationJobResultSchema = ClassificationResultSchema.extend({
  folds: z.array(ClassificationResultSchema.omit({ history: true })).optional(),
  mean: ClassMetricsSchema.optional(),
  std: ClassMetricsSchema.optional(),
  baselinesMean: z.strictObject({ majority: ClassMetricsSchema }).optional(),
});

const StartFields = {
  backend: BackendNameSchema,
  engine: EngineNameSchema,
  fallbackReason: z.string().optional(),
  trainRows: count,
  valRows: count,
  testRows: count,
  params: count,
  batchSize: count,
  batchCappedFrom: count.optional(),
};

/** What to train, on what, and where to write the run folder. */
const MissingFeatureSchema = z.strictObject({
  node: z.string(),
  feature: z.string(),
  side: z.enum(['user', 'item']),
});
export type MissingFeature = z.output<typeof MissingFeatureSchema>;

const TrainRequestSchema = z.strictObject({
  /** The spec as a JSON value; the worker checks it again (it trusts nothing it did not parse). */
  spec: z.custom<SpecInput>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
    message: 'expected the spec as a JSON object',
  }),
  /** Where the spec came from, for messages and for the run's metadata (a file path or `preset:NAME`). */
  specSource: z.string().min(1),
  presetName: z.string().optional(),
  /** A data source as `loadDataset` takes it: `synthetic`, `movielens:DIR`, `csv:FILE`. */
  data: z.string().min(1),
  /** A split as `makeSplits` takes it, e.g. `random:0.2`; the first split made is used. */
  split: z.string().min(1),
  backend: BackendChoiceSchema,
  engine: EngineNameSchema.optional(),
  /** Overrides of the spec's own training settings (from the user's settings). */
  epochs: z.number().int().positive().optional(),
  batchSize: z.number().int().positive().optional(),
  /** The run folder the worker creates and fills (spec, log, model, metrics). */
  runDir: z.string().min(1),
  /** Feature files of the user's own (the settings ncf.userFeatures, ncf.itemFeatures), read beside the data. */
  features: FeatureFilesSchema.optional(),
});
export type TrainRequest = z.output<typeof TrainRequestSchema>;

export const HostToWorker = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('start'), request: TrainRequestSchema }),
  /** Stop after the current batch and save what was trained. */
  z.strictObject({ type: z.literal('cancel') }),
]);
export type HostToWorker = z.output<typeof HostToWorker>;

export const WorkerToHost = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({
    type: z.literal('started'),
    ...StartFields,
    epochs: count,
    dataName: z.string(),
    /** The reference metrics on the test rows, known before the first epoch. */
    baselines: BaselinesSchema.optional(),
    /** A ranking run's K and its baselines (ItemPop, random) on the test items. */
    ranking: z.strictObject({ k: count, baselines: RankingBaselinesSchema }).optional(),
    /** A text classifier's classes (the label column's values; the second is the positive one of two). */
    classification: z.strictObject({ classes: z.array(z.string()) }).optional(),
  }),
  /** A burst of per-batch losses; the worker coalesces batches so a fast model does not flood the channel. */
  z.strictObject({
    type: z.literal('batches'),
    epoch: count,
    /** 0-based index of the first batch in `losses` within its epoch. */
    firstBatch: count,
    batches: count,
    losses: z.array(measure),
  }),
  z.strictObject({ type: z.literal('epoch'), epoch: EpochEventSchema }),
  /** Training ended (finished, stopped early, or cancelled) and the run folder is written. */
  z.strictObject({ type: z.literal('result'), result: JobResultSchema, runDir: z.string() }),
  /** A ranking run's epoch (validation HR@K, NDCG@K) and its result; see `training.task`. */
  z.strictObject({ type: z.literal('rankingEpoch'), epoch: RankingEpochSchema }),
  z.strictObject({ type: z.literal('rankingResult'), result: RankingResultSchema, runDir: z.string() }),
  /** A text classifier's epoch (accuracy, AUC, log loss on training and validation) and its result. */
  z.strictObject({ type: z.literal('classificationEpoch'), epoch: ClassificationEpochSchema }),
  z.strictObject({
    type: z.literal('classificationResult'),
    result: ClassificationJobResultSchema,
    runDir: z.string(),
  }),
  /** A line for the output channel and the run's log. */
  z.strictObject({ type: z.literal('log'), line: z.string() }),
  /** Training could not run or failed; `message` is one line meant for a person. */
  z.strictObject({
    type: z.literal('error'),
    message: z.string(),
    detail: z.string().optional(),
    /** The spec reads a feature the data lacks: which node, which feature, whose (a feature file may add it). */
    missingFeature: MissingFeatureSchema.optional(),
  }),
]);
export type WorkerToHost = z.output<typeof WorkerToHost>;
export type BatchesMessage = Extract<WorkerToHost, { type: 'batches' }>;

export type { Parsed };

/** A message the host received from the worker, or one line saying what is wrong with it. */
export const parseWorkerMessage = (raw: unknown): Parsed<WorkerToHost> => parseWith(WorkerToHost, raw);

/** A message the worker received from the host, or one line saying what is wrong with it. */
export const parseHostMessage = (raw: unknown): Parsed<HostToWorker> => parseWith(HostToWorker, raw);

// The schemas describe the same values as the engine's own types: a field added to one and not the
// other fails the type-check here.
export type SchemasAgreeWithEngineTypes = [
  Agrees<Same<z.output<typeof MetricsSchema>, Metrics>>,
  Agrees<Same<z.output<typeof BaselinesSchema>, Baselines>>,
  Agrees<Same<z.output<typeof BackendNameSchema>, BackendName>>,
  Agrees<Same<z.output<typeof BackendChoiceSchema>, BackendChoice>>,
  Agrees<Same<z.output<typeof EngineNameSchema>, EngineName>>,
  Agrees<Same<z.output<typeof EpochEventSchema>, EpochEvent>>,
  Agrees<Same<z.output<typeof TrainResultSchema>, TrainResult>>,
  Agrees<Same<z.output<typeof JobResultSchema>, JobResult['result']>>,
  Agrees<Same<z.output<z.ZodObject<typeof StartFields>>, Omit<StartEvent, 'event'>>>,
  Agrees<Same<z.output<typeof RankingBaselinesSchema>, RankingBaselines>>,
  Agrees<Same<z.output<typeof RankingEpochSchema>, RankingEpochEvent>>,
  Agrees<Same<z.output<typeof RankingResultSchema>, RankingResult>>,
  Agrees<Same<z.output<typeof ClassMetricsSchema>, ClassMetrics>>,
  Agrees<Same<z.output<typeof TestMetricsSchema>, TestMetrics>>,
  Agrees<Same<z.output<typeof ClassificationEpochSchema>, ClassificationEpochEvent>>,
  Agrees<Same<z.output<typeof ClassificationJobResultSchema>, ClassificationJobResult['result']>>,
];
