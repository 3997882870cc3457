/**
 * The architecture spec (`*.ncf.json`): one zod definition gives the TypeScript types,
 * the run-time validation and the JSON Schema that VS Code uses on the text file.
 */
import { z } from 'zod';

export const SPEC_VERSION = 1;

const nodeId = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must start with a letter or _ and hold only letters, digits and _ (it names a layer and a variable)')
  .describe('Unique id; names the layer in the built model and the variable in generated code');
// How many inputs each op takes is checked with the graph (src/core/spec/ops.ts), where the message can name the op.
const inputIds = () => z.array(z.string()).describe('Ids of the nodes that feed this one');
const l2 = z.number().min(0).optional().describe('L2 regularisation strength λ on this layer\'s weights (0 or absent: none)');
const positiveInt = z.number().int().positive();
export const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh', 'elu', 'selu', 'softplus'] as const;
const activation = z.enum(ACTIVATIONS);
const base = { id: nodeId, label: z.string().optional().describe('Display name in the visual editor') };

export const INPUT_FIELDS = ['user', 'item', 'userFeature', 'itemFeature', 'tokens'] as const;
/** Side features the data layer provides: categorical ones are ids, numeric ones and multi-hot genres are vectors. */
export const FEATURES = {
  age: { side: 'user', kind: 'numeric', width: 1 },
  gender: { side: 'user', kind: 'categorical' },
  occupation: { side: 'user', kind: 'categorical' },
  genres: { side: 'item', kind: 'multiHot', width: 19 },
  year: { side: 'item', kind: 'numeric', width: 1 },
} as const;
export type FeatureName = keyof typeof FEATURES;

export const InputNode = z.object({
  ...base,
  op: z.literal('input'),
  field: z.enum(INPUT_FIELDS).describe('What the input carries: a user id, an item id, a side feature, or a token sequence'),
  feature: z.enum(Object.keys(FEATURES) as [FeatureName, ...FeatureName[]]).optional().describe('For userFeature / itemFeature: which feature'),
  length: positiveInt.optional().describe('For tokens: the padded sequence length'),
  inputs: z.array(z.string()).max(0, 'an input node takes no inputs').optional(),
});
export const EmbeddingNode = z.object({
  ...base,
  op: z.literal('embedding'),
  dim: positiveInt.describe('Embedding size (latent factors)'),
  l2,
  inputs: inputIds(),
});
export const BiasNode = z.object({
  ...base,
  op: z.literal('bias'),
  l2,
  inputs: inputIds(),
});
export const DenseNode = z.object({
  ...base,
  op: z.literal('dense'),
  units: positiveInt,
  activation: activation.default('linear'),
  useBias: z.boolean().default(true),
  l2,
  inputs: inputIds(),
});
export const MlpNode = z.object({
  ...base,
  op: z.literal('mlp'),
  units: z.array(positiveInt).min(1, 'an MLP tower needs at least one layer').describe('Width of each dense layer, first to last'),
  activation: activation.default('relu'),
  dropout: z.number().min(0).lt(1).default(0).describe('Dropout rate after each layer but the last'),
  l2,
  inputs: inputIds(),
});
export const DropoutNode = z.object({ ...base, op: z.literal('dropout'), rate: z.number().min(0).lt(1), inputs: inputIds() });
export const ConcatNode = z.object({ ...base, op: z.literal('concat'), inputs: inputIds() });
export const HadamardNode = z.object({ ...base, op: z.literal('hadamard'), inputs: inputIds() });
export const DotNode = z.object({ ...base, op: z.literal('dot'), inputs: inputIds() });
export const AddNode = z.object({ ...base, op: z.literal('add'), inputs: inputIds() });
export const PoolingNode = z.object({
  ...base,
  op: z.literal('pooling'),
  mode: z.enum(['mean', 'sum', 'max']).default('mean'),
  inputs: inputIds(),
});
export const OutputNode = z.object({
  ...base,
  op: z.literal('output'),
  globalMean: z.boolean().default(false).describe('Add the training set\'s mean rating μ as a fixed offset'),
  inputs: inputIds(),
});

export const SpecNode = z.discriminatedUnion('op', [
  InputNode, EmbeddingNode, BiasNode, DenseNode, MlpNode, DropoutNode,
  ConcatNode, HadamardNode, DotNode, AddNode, PoolingNode, OutputNode,
]);

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adagrad'] as const;
export const Training = z.object({
  loss: z.literal('mse').default('mse'),
  optimizer: z.enum(OPTIMIZERS).default('adam'),
  learningRate: z.number().positive().default(0.001),
  batchSize: positiveInt.default(256),
  epochs: positiveInt.default(20),
  validation: z.number().min(0).lt(1).default(0.1).describe('Fraction of the training part held out for validation and early stopping'),
  earlyStopping: z
    .object({ patience: positiveInt.default(3), minDelta: z.number().min(0).default(0) })
    .nullable()
    .default({ patience: 3, minDelta: 0 })
    .describe('Stop when validation RMSE has not improved for `patience` epochs and restore the best weights; null turns it off'),
  seed: z.number().int().default(42),
});

export const Spec = z.object({
  $schema: z.string().optional(),
  version: z.literal(SPEC_VERSION),
  name: z.string().min(1),
  description: z.string().optional(),
  formula: z.string().optional().describe('The model\'s formula, e.g. r̂ = pᵤᵀqᵢ'),
  nodes: z.array(SpecNode).min(1, 'a spec needs at least one node'),
  training: Training.default(Training.parse({})),
  layout: z.record(z.string(), z.object({ x: z.number(), y: z.number() })).optional(),
});

export type Spec = z.output<typeof Spec>;
export type SpecInput = z.input<typeof Spec>;
export type SpecNode = z.output<typeof SpecNode>;
export type Training = z.output<typeof Training>;
export type OpName = SpecNode['op'];
export type NodeOf<K extends OpName> = Extract<SpecNode, { op: K }>;
export const OP_NAMES = SpecNode.options.map((o) => o.shape.op.value) as OpName[];

/** JSON Schema of the file format (the input side: defaults may be omitted). */
export function specJsonSchema(): object {
  return z.toJSONSchema(Spec, { io: 'input', target: 'draft-7' });
}
