/**
 * Messages between a search (CLI or extension host) and its trial workers (forked Node processes),
 * one schema per message kind. Both ends import these types, so changing a message breaks the build
 * on both sides, and each end parses what it receives: a malformed message is one line naming its field.
 */
import { z } from 'zod';
import type { FeatureFiles } from '../core/data/load';
import type { BackendChoice, EngineName, Metrics } from '../core/engine/events';
import type { Spec } from '../core/spec/schema';
import type { PruneTable } from '../core/tune/pruner';
import type { TrialJob, WorkerOutcome } from '../core/tune/trial';
import type { ClassMetrics } from '../core/classification/metrics';
import type { FoldRecord, TuneMetric } from '../core/tune/types';
import { FeatureFilesSchema } from './featureFiles';
import { metricSchemas } from './metricSchemas';
import { Agrees, Parsed, parseWith, Same } from './parse';

/**
 * A measured value. The pool and its workers use structured-clone IPC, which keeps NaN and ±Infinity
 * (a diverged trial's loss); zod's own number refuses both.
 */
const measure = z.custom<number>((v) => typeof v === 'number', { message: 'expected a number' });
const count = z.number().int().nonnegative();

const { MetricsSchema, ClassMetricsSchema } = metricSchemas(measure);
const RatingFoldSchema = z.strictObject({
  fold: z.string(),
  seed: z.number().int(),
  params: count,
  epochs: z.array(z.strictObject({ epoch: count, train: MetricsSchema, val: MetricsSchema.nullable() })),
  bestEpoch: count,
  train: MetricsSchema,
  val: MetricsSchema.nullable(),
  test: MetricsSchema.optional(),
  baselines: z.strictObject({ globalMean: MetricsSchema, userItemBias: MetricsSchema }).optional(),
  refitEpochs: count.optional(),
  seconds: measure,
});
const ClassificationFoldSchema = z.strictObject({
  ...RatingFoldSchema.shape,
  epochs: z.array(z.strictObject({ epoch: count, train: ClassMetricsSchema, val: ClassMetricsSchema.nullable() })),
  train: ClassMetricsSchema,
  val: ClassMetricsSchema.nullable(),
  test: ClassMetricsSchema.optional(),
  baselines: z.strictObject({ majority: ClassMetricsSchema }).optional(),
});
/** A fold of a rating search or of a text classifier's: each field it carries is in one of the two. */
const FoldRecordSchema = z.union([RatingFoldSchema, ClassificationFoldSchema]);
const PruneTableSchema = z.array(z.array(measure));

const TrialJobSchema = z.strictObject({
  id: count,
  /** The spec the search already checked; the trainer checks its shapes again. */
  spec: z.custom<Spec>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
    message: 'expected the spec as an object',
  }),
  /** Indices into the split's folds. */
  folds: z.array(count),
  withTest: z.boolean(),
  prune: PruneTableSchema.nullable(),
});

const TrialOutcomeSchema = z.strictObject({
  id: count,
  status: z.enum(['complete', 'pruned', 'failed', 'cancelled']),
  folds: z.array(FoldRecordSchema),
  note: z.string().optional(),
  seconds: measure,
});

const TrialWorkerInitSchema = z.strictObject({
  /** A data source as `loadDataset` takes it, and the split; every worker makes the same folds from them. */
  data: z.string().min(1),
  split: z.string().min(1),
  splitSeed: z.number().int(),
  backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']),
  engine: z.enum(['fast', 'layers']),
  /** What the pruner compares; absent: RMSE. */
  metric: z.enum(['rmse', 'accuracy', 'auc', 'loss']).optional(),
  /** Folder relative data paths are taken from. */
  cwd: z.string(),
  /** Feature files of the user's own, read beside the data. */
  features: FeatureFilesSchema.optional(),
});
export type TrialWorkerInit = z.output<typeof TrialWorkerInitSchema>;

export const ToTrialWorker = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('init'), init: TrialWorkerInitSchema }),
  z.strictObject({ type: z.literal('run'), job: TrialJobSchema }),
  /** Stop the running trial after its current batch. */
  z.strictObject({ type: z.literal('cancel') }),
]);
export type ToTrialWorker = z.output<typeof ToTrialWorker>;

export const FromTrialWorker = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready'), folds: z.array(z.string()), dataName: z.string() }),
  z.strictObject({
    type: z.literal('epoch'),
    id: count,
    fold: count,
    epoch: count,
    val: measure.nullable(),
  }),
  z.strictObject({ type: z.literal('done'), outcome: TrialOutcomeSchema }),
  /** The data could not be loaded, or the worker broke: one line meant for a person. */
  z.strictObject({ type: z.literal('error'), message: z.string() }),
]);
export type FromTrialWorker = z.output<typeof FromTrialWorker>;

/** A message the search received from a trial worker, or one line saying what is wrong with it. */
export const parseFromTrialWorker = (raw: unknown): Parsed<FromTrialWorker> => parseWith(FromTrialWorker, raw);

/** A message a trial worker received from its search, or one line saying what is wrong with it. */
export const parseToTrialWorker = (raw: unknown): Parsed<ToTrialWorker> => parseWith(ToTrialWorker, raw);

// The schemas describe the same values as the search's own types: a field added to one and not the
// other fails the type-check here.
export type TuneSchemasAgreeWithSearchTypes = [
  Agrees<Same<z.output<typeof MetricsSchema>, Metrics>>,
  Agrees<Same<z.output<typeof RatingFoldSchema>, FoldRecord>>,
  Agrees<Same<z.output<typeof ClassificationFoldSchema>, FoldRecord<ClassMetrics>>>,
  Agrees<Same<z.output<typeof ClassMetricsSchema>, ClassMetrics>>,
  Agrees<Same<NonNullable<TrialWorkerInit['metric']>, TuneMetric>>,
  Agrees<Same<z.output<typeof PruneTableSchema>, PruneTable>>,
  Agrees<Same<z.output<typeof TrialJobSchema>, TrialJob>>,
  Agrees<Same<z.output<typeof TrialOutcomeSchema>, WorkerOutcome>>,
  Agrees<Same<TrialWorkerInit['backend'], BackendChoice>>,
  Agrees<Same<TrialWorkerInit['engine'], EngineName>>,
  Agrees<Same<NonNullable<TrialWorkerInit['features']>, FeatureFiles>>,
];
