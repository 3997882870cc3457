/** The dot product of two equal-width vectors (MF's pᵤᵀqᵢ). */
import { kw } from '../../codegen/expr';
import { mergeLayer, py, ts } from '../../codegen/layerCode';
import { defineOp } from '../definition';
import { inputIds, nodeSchema } from '../fields';
import { equalWidths } from '../shapeRules';
import { MERGE_OP } from '../merging';

export const dot = defineOp(nodeSchema('dot', { inputs: inputIds() }), {
  title: 'Dot product',
  description: 'Dot product of two equal-width vectors',
  ...MERGE_OP,
  icon: () => 'circle-small-filled',
  palette: { idBase: 'dot', params: {} },
  minInputs: 2,
  maxInputs: 2,
  infer: (_node, inputs) => (equalWidths(inputs, 'Dot'), { kind: 'vector', width: 1 }),
  describe: (node) => `dot product ${node.inputs[0]}ᵀ${node.inputs[1]}`,
  ...mergeLayer('dot', 'Dot', { ts: { axes: ts(-1) }, py: [kw('axes', py(1))] }),
});
