/** A learned vector per id: a lookup table (a sequence of ids gives a sequence of vectors). */
import { idsShape, idsOf, vocabSize } from '../shapeRules';
import { pyTable, tsTable } from '../../codegen/layerCode';
import { defineOp } from '../definition';
import { inputIds, l2, nodeSchema, positiveInt } from '../fields';
import { idsWords, l2Summary, l2Words, param } from '../text';

const schema = nodeSchema('embedding', { dim: positiveInt.describe('Embedding size (latent factors)'), l2, inputs: inputIds() });

export const embedding = defineOp(schema, {
  title: 'Embedding',
  description: 'Looks up a learned vector per id',
  group: 'Layers',
  icon: () => 'symbol-array',
  summary: (p) => `dim ${param(p.dim)}${l2Summary(p)}`,
  palette: { idBase: 'emb', params: { dim: 32 } },
  minInputs: 1,
  maxInputs: 1,
  infer(node, [x]) {
    const s = idsOf(x, 'Embedding');
    return s.length === 1 ? { kind: 'vector', width: node.dim } : { kind: 'sequence', length: s.length, width: node.dim };
  },
  params: (node, [x], vocab) => vocabSize(vocab, idsOf(x, 'Embedding').vocab) * node.dim,
  describe: (node, shapes) => `${node.dim}-dimensional embedding of the ${idsWords(idsShape(shapes, node.inputs[0]).vocab)}${l2Words(node.l2)}`,
  ts: (node, ctx) => tsTable(node, node.dim, 'uniform', ctx),
  py: (node, ctx) => pyTable(node, node.dim, 'uniform', ctx),
});
