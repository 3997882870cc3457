/** The element-wise product of equal-width vectors (GMF's pᵤ ∘ qᵢ). */
import { mergeLayer } from '../../codegen/layerCode';
import { defineOp } from '../definition';
import { inputIds, nodeSchema } from '../fields';
import { equalWidths } from '../shapeRules';
import { MERGE_OP } from '../merging';

export const hadamard = defineOp(nodeSchema('hadamard', { inputs: inputIds() }), {
  title: 'Hadamard product',
  description: 'Element-wise product of equal-width vectors',
  ...MERGE_OP,
  icon: () => 'close',
  palette: { idBase: 'prod', params: {} },
  minInputs: 2,
  maxInputs: Infinity,
  infer: (_node, inputs) => ({ kind: 'vector', width: equalWidths(inputs, 'Hadamard') }),
  describe: (node) => `element-wise product ${node.inputs.join(' ∘ ')}`,
  ...mergeLayer('multiply', 'Multiply'),
});
