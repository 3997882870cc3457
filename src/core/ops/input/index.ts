/** Where data enters: a user id, an item id, a side feature of either, or a token sequence. */
import { z } from 'zod';
import { call, kw, list, object, tuple } from '../../codegen/expr';
import { EmitContext, py, ts } from '../../codegen/layerCode';
import { ShapeError } from '../../spec/shapes';
import { defineOp } from '../definition';
import { nodeSchema, positiveInt } from '../fields';
import { param } from '../text';

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

const schema = nodeSchema('input', {
  field: z.enum(INPUT_FIELDS).describe('What the input carries: a user id, an item id, a side feature, or a token sequence'),
  feature: z.enum(Object.keys(FEATURES) as [FeatureName, ...FeatureName[]]).optional().describe('For userFeature / itemFeature: which feature'),
  length: positiveInt.optional().describe('For tokens: the padded sequence length'),
  inputs: z.array(z.string()).max(0, 'an input node takes no inputs').optional(),
});
type InputNode = z.output<typeof schema>;

const ICONS: Record<string, string> = { user: 'account', item: 'package', userFeature: 'person', itemFeature: 'tag', tokens: 'symbol-text' };
const KINDS: Record<string, string> = { user: 'user id', item: 'item id', userFeature: 'user feature', itemFeature: 'item feature', tokens: 'token sequence' };

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
  summary: (p) => [KINDS[String(p.field)] ?? param(p.field ?? '?'), param(p.feature), p.length !== undefined ? `length ${param(p.length)}` : ''].filter(Boolean).join(' · '),
  palette: {
    idBase: 'user',
    params: { field: 'user' },
    variants: [
      { key: 'input:user', title: 'User id', idBase: 'user', params: { field: 'user' }, description: 'The user of each rating' },
      { key: 'input:item', title: 'Item id', idBase: 'item', params: { field: 'item' }, description: 'The rated item' },
      { key: 'input:userFeature', title: 'User feature', idBase: 'userFeat', params: { field: 'userFeature', feature: 'age' }, description: 'A side feature of the user (age, gender, occupation)' },
      { key: 'input:itemFeature', title: 'Item feature', idBase: 'itemFeat', params: { field: 'itemFeature', feature: 'genres' }, description: 'A side feature of the item (genres, year)' },
      { key: 'input:tokens', title: 'Token sequence', idBase: 'tokens', params: { field: 'tokens', length: 50 }, description: 'Padded token ids, e.g. the words of a review' },
    ],
  },
  minInputs: 0,
  maxInputs: 0,
  infer(node) {
    switch (node.field) {
      case 'user':
      case 'item':
        return { kind: 'ids', length: 1, vocab: node.field };
      case 'tokens':
        if (!node.length) throw new ShapeError('a tokens input needs a sequence length', 'length');
        return { kind: 'ids', length: node.length, vocab: 'tokens' };
      default: {
        if (!node.feature) throw new ShapeError(`a ${node.field} input needs a feature (${Object.keys(FEATURES).join(', ')})`, 'feature');
        const f = FEATURES[node.feature];
        const side = node.field === 'userFeature' ? 'user' : 'item';
        if (f.side !== side) throw new ShapeError(`feature '${node.feature}' belongs to the ${f.side}, not the ${side}`, 'feature');
        return f.kind === 'categorical' ? { kind: 'ids', length: 1, vocab: node.feature } : { kind: 'vector', width: f.width };
      }
    }
  },
  params: () => 0,
  describe(node) {
    if (node.field === 'user' || node.field === 'item') return `${node.field} ids`;
    if (node.field === 'tokens') return `token ids, sequences of length ${node.length}`;
    const feature = FEATURES[node.feature!];
    const owner = node.field === 'userFeature' ? "the user's" : "the item's";
    return feature.kind === 'categorical' ? `${owner} ${node.feature} (category ids)` : `${owner} ${node.feature} (${feature.width === 1 ? 'one number' : `${feature.width} numbers`})`;
  },
  ts(node, ctx) {
    const { shape, dtype } = signature(node, ctx);
    return [call('tf.input', object({ shape: list([ts(shape)]), dtype: ts(dtype), name: ts(node.id) }))];
  },
  py(node, ctx) {
    const { shape, dtype } = signature(node, ctx);
    return [call('keras.Input', kw('shape', tuple([py(shape)])), kw('dtype', py(dtype)), kw('name', py(node.id)))];
  },
});
