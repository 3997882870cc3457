/** A learned scalar per id (a 1-dimensional embedding that starts at 0). */
import { ShapeError, formatShape } from '../../spec/shapes';
import { pyTable, tsTable } from '../../codegen/layerCode';
import { idsOf, idsShape, vocabSize } from '../shapeRules';
import { defineOp } from '../definition';
import { inputIds, l2, nodeSchema } from '../fields';
import { idsWords, l2Summary, l2Words } from '../text';

const schema = nodeSchema('bias', { l2, inputs: inputIds() });

export const bias = defineOp(schema, {
  title: 'Bias',
  description: 'A learned scalar per id (a 1-dim embedding)',
  group: 'Layers',
  icon: () => 'symbol-constant',
  summary: (p) => `one weight per id${l2Summary(p)}`,
  palette: { idBase: 'bias', params: {} },
  minInputs: 1,
  maxInputs: 1,
  infer(_node, [x]) {
    if (idsOf(x, 'Bias').length !== 1) throw new ShapeError(`Bias needs a single id: ${x.id} is ${formatShape(x.shape)}`);
    return { kind: 'vector', width: 1 };
  },
  params: (_node, [x], vocab) => vocabSize(vocab, idsOf(x, 'Bias').vocab),
  describe: (node, shapes) => `a learned bias per ${idsWords(idsShape(shapes, node.inputs[0]).vocab).replace(/s$/, '')}, starting at 0${l2Words(node.l2)}`,
  ts: (node, ctx) => tsTable(node, 1, 'zeros', ctx),
  py: (node, ctx) => pyTable(node, 1, 'zeros', ctx),
});
