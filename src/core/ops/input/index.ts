/** Where data enters: a user id, an item id, a side feature of either, or a token sequence. */
import { z } from 'zod';
import { call, kw, list, object, tuple } from '../../codegen/expr';
import { EmitContext, py, ts } from '../../codegen/layerCode';
import { torchNothing } from '../../codegen/torchCode';
import { ShapeError } from '../../spec/shapes';
import { featureShape } from './featureShape';
import { defineOp } from '../definition';
import { nodeSchema, positiveInt } from '../fields';
import { param } from '../text';

export const INPUT_FIELDS = ['user', 'item', 'userFeature', 'itemFeature', 'tokens'] as const;
import { FEATURES, FeatureName } from './features';

export { FEATURES, type FeatureName };
export const FEATURE_KINDS = ['numeric', 'categorical', 'multiHot'] as const;
export const POOLINGS = ['sum', 'mean', 'sqrtn'] as const;
/** What a spec can name a feature by: a feature file's column name. */
export const FEATURE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const schema = nodeSchema('input', {
  field: z
    .enum(INPUT_FIELDS)
    .describe('What the input carries: a user id, an item id, a side feature, or a token sequence'),
  feature: z
    .string()
    .regex(FEATURE_NAME, 'must be a column name: letters, digits, _ . -')
    .optional()
    .describe(
      `For userFeature / itemFeature: which feature (MovieLens: ${Object.keys(FEATURES).join(', ')}; or a column of a feature file)`,
    ),
  kind: z
    .enum(FEATURE_KINDS)
    .optional()
    .describe("A feature file's column kind, for checking the spec before its data is loaded (the data's kind wins)"),
  width: positiveInt
    .optional()
    .describe(
      "A feature file's column width (categories of a categorical or multi-valued one) before its data is loaded",
    ),
  pooling: z
    .enum(POOLINGS)
    .optional()
    .describe(
      'For a multi-valued feature: sum keeps the 0/1 flags; mean divides them by their count, sqrtn by its square root (a dense layer without bias over them is a pooled embedding)',
    ),
  length: positiveInt.optional().describe('For tokens: the padded sequence length'),
  inputs: z.array(z.string()).max(0, 'an input node takes no inputs').optional(),
});
type InputNode = z.output<typeof schema>;

const ICONS: Record<string, string> = {
  user: 'account',
  item: 'package',
  userFeature: 'person',
  itemFeature: 'tag',
  tokens: 'symbol-text',
};
const KINDS: Record<string, string> = {
  user: 'user id',
  item: 'item id',
  userFeature: 'user feature',
  itemFeature: 'item feature',
  tokens: 'token sequence',
};

/** The tensor the model takes for this input. */
function signature(node: InputNode, ctx: EmitContext): { shape: number; dtype: 'int32' | 'float32' } {
  const shape = ctx.shapes[node.id];
  if (shape.kind === 'ids') return { shape: shape.length, dtype: 'int32' };
  if (shape.kind === 'vector') return { shape: shape.width, dtype: 'float32' };
  return { shape: shape.length, dtype: 'float32' };
}

export const input = defineOp(schema, {
  title: 'Input',
  description: 'Where data enters the model',
  group: 'Inputs',
  icon: (p) => ICONS[String(p.field)] ?? 'symbol-variable',
  summary: (p) =>
    [
      KINDS[String(p.field)] ?? param(p.field ?? '?'),
      param(p.feature),
      p.length !== undefined ? `length ${param(p.length)}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
  palette: {
    idBase: 'user',
    params: { field: 'user' },
    variants: [
      {
        key: 'input:user',
        title: 'User id',
        idBase: 'user',
        params: { field: 'user' },
        description: 'The user of each rating',
      },
      { key: 'input:item', title: 'Item id', idBase: 'item', params: { field: 'item' }, description: 'The rated item' },
      {
        key: 'input:userFeature',
        title: 'User feature',
        idBase: 'userFeat',
        params: { field: 'userFeature', feature: 'age' },
        description:
          'A side feature of the user (age, age group, gender, occupation, zip region, or a feature file column)',
      },
      {
        key: 'input:itemFeature',
        title: 'Item feature',
        idBase: 'itemFeat',
        params: { field: 'itemFeature', feature: 'genres' },
        description: 'A side feature of the item (genres, year, decade, or a feature file column)',
      },
      {
        key: 'input:tokens',
        title: 'Token sequence',
        idBase: 'tokens',
        params: { field: 'tokens', length: 50 },
        description: 'Padded token ids, e.g. the words of a review',
      },
    ],
  },
  minInputs: 0,
  maxInputs: 0,
  infer(node, _inputs, vocab) {
    switch (node.field) {
      case 'user':
      case 'item':
        return { kind: 'ids', length: 1, vocab: node.field };
      case 'tokens':
        if (!node.length) throw new ShapeError('a tokens input needs a sequence length', 'length');
        return { kind: 'ids', length: node.length, vocab: 'tokens' };
      default:
        return featureShape(node, vocab);
    }
  },
  params: () => 0,
  describe(node, shapes) {
    if (node.field === 'user' || node.field === 'item') return `${node.field} ids`;
    if (node.field === 'tokens') return `token ids, sequences of length ${node.length}`;
    const owner = node.field === 'userFeature' ? "the user's" : "the item's";
    const shape = shapes[node.id];
    const pooled = node.pooling && node.pooling !== 'sum' ? `, ${node.pooling}-normalised` : '';
    return shape.kind === 'ids'
      ? `${owner} ${node.feature} (category ids)`
      : `${owner} ${node.feature} (${shape.kind === 'vector' && shape.width === 1 ? 'one number' : `${shape.kind === 'vector' ? shape.width : '?'} numbers`}${pooled})`;
  },
  ts(node, ctx) {
    const { shape, dtype } = signature(node, ctx);
    return [call('tf.input', object({ shape: list([ts(shape)]), dtype: ts(dtype), name: ts(node.id) }))];
  },
  py(node, ctx) {
    const { shape, dtype } = signature(node, ctx);
    return [call('keras.Input', kw('shape', tuple([py(shape)])), kw('dtype', py(dtype)), kw('name', py(node.id)))];
  },
  // In PyTorch an input is a parameter of forward(), not a layer.
  pytorch: torchNothing,
});
