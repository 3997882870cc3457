/**
 * The architecture spec (`*.ncf.json`): one zod definition gives the TypeScript types,
 * the run-time validation and the JSON Schema that VS Code uses on the text file.
 */
import { z } from 'zod';
import { OP_SCHEMAS } from '../ops/registry';

export const SPEC_VERSION = 1;

export { ACTIVATIONS } from '../ops/fields';
export { FEATURES, INPUT_FIELDS, type FeatureName } from '../ops/input';
export { OP_NAMES, type NodeOf, type OpName } from '../ops/registry';

/** A node: one of the ops' schemas (src/core/ops/<op>/index.ts), told apart by `op`. */
export const SpecNode = z.discriminatedUnion('op', OP_SCHEMAS);

const positiveInt = z.number().int().positive();
export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adagrad'] as const;
export const TASKS = ['rating', 'ranking', 'classification'] as const;
export const LOSSES = ['mse', 'bce', 'bpr'] as const;
export const Training = z.strictObject({
  task: z
    .enum(TASKS)
    .default('rating')
    .describe(
      'rating: predict the rating (MSE; RMSE, MAE). ranking: implicit feedback, the output is a logit (HR@K, NDCG@K). classification: labelled text, a sigmoid output (BCE; accuracy, AUC)',
    ),
  loss: z.enum(LOSSES).optional().describe('mse for rating (its default); bce (the default) or bpr for ranking'),
  optimizer: z.enum(OPTIMIZERS).default('adam'),
  learningRate: z.number().positive().default(0.001),
  batchSize: positiveInt.default(256),
  epochs: positiveInt.default(20),
  validation: z
    .number()
    .min(0)
    .lt(1)
    .default(0.1)
    .describe('Fraction of the training part held out for validation and early stopping'),
  earlyStopping: z
    .strictObject({ patience: positiveInt.default(3), minDelta: z.number().min(0).default(0) })
    .nullable()
    .default({ patience: 3, minDelta: 0 })
    .describe(
      'Stop when validation RMSE has not improved for `patience` epochs and restore the best weights; null turns it off',
    ),
  seed: z.number().int().default(42),
  negatives: positiveInt
    .default(4)
    .describe(
      'Ranking: negatives sampled per positive, afresh every epoch, from the items the user has not interacted with',
    ),
  threshold: z
    .number()
    .optional()
    .describe('Ranking: only ratings at or above this count as interactions (all of them when absent)'),
  topK: positiveInt.default(10).describe('Ranking: the K of HR@K and NDCG@K'),
});

export const Spec = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(SPEC_VERSION),
  name: z.string().min(1),
  description: z.string().optional(),
  formula: z.string().optional().describe("The model's formula, e.g. r̂ = pᵤᵀqᵢ"),
  nodes: z.array(SpecNode).min(1, 'a spec needs at least one node'),
  training: Training.default(Training.parse({})),
  layout: z.record(z.string(), z.object({ x: z.number(), y: z.number() })).optional(),
});

export type Spec = z.output<typeof Spec>;
export type SpecInput = z.input<typeof Spec>;
export type SpecNode = z.output<typeof SpecNode>;
export type Training = z.output<typeof Training>;

/** JSON Schema of the file format (the input side: defaults may be omitted). */
export function specJsonSchema(): object {
  return z.toJSONSchema(Spec, { io: 'input', target: 'draft-7' });
}
