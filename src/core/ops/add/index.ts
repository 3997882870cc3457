/** The element-wise sum of equal-width vectors (e.g. a main effect plus biases). */
import { mergeLayer } from '../../codegen/layerCode';
import { defineOp } from '../definition';
import { inputIds, nodeSchema } from '../fields';
import { equalWidths } from '../shapeRules';
import { MERGE_OP } from '../merging';

export const add = defineOp(nodeSchema('add', { inputs: inputIds() }), {
  title: 'Add',
  description: 'Element-wise sum of equal-width vectors',
  ...MERGE_OP,
  icon: () => 'add',
  palette: { idBase: 'sum', params: {} },
  minInputs: 2,
  maxInputs: Infinity,
  infer: (_node, inputs) => ({ kind: 'vector', width: equalWidths(inputs, 'Add') }),
  describe: (node) => `sum ${node.inputs.join(' + ')}`,
  ...mergeLayer('add', 'Add'),
});
