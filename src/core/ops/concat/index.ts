/** Joins vectors end to end. */
import { mergeLayer } from '../../codegen/layerCode';
import { defineOp } from '../definition';
import { inputIds, nodeSchema } from '../fields';
import { totalWidth } from '../shapeRules';
import { MERGE_OP } from '../merging';

export const concat = defineOp(nodeSchema('concat', { inputs: inputIds() }), {
  title: 'Concatenate',
  description: 'Joins vectors end to end',
  ...MERGE_OP,
  icon: () => 'combine',
  palette: { idBase: 'concat', params: {} },
  minInputs: 2,
  maxInputs: Infinity,
  infer: (_node, inputs) => ({ kind: 'vector', width: totalWidth(inputs, 'Concatenate') }),
  describe: (node) => `concatenation [${node.inputs.join(', ')}]`,
  ...mergeLayer('concatenate', 'Concatenate'),
});
