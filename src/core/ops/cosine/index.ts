/** The cosine similarity of two equal-width vectors: their dot product over the product of their lengths (width 1). */
import { kw } from '../../codegen/expr';
import { mergeLayer, py, ts } from '../../codegen/layerCode';
import { defineOp } from '../definition';
import { inputIds, nodeSchema } from '../fields';
import { equalWidths } from '../shapeRules';
import { MERGE_OP } from '../merging';

export const cosine = defineOp(nodeSchema('cosine', { inputs: inputIds() }), {
  title: 'Cosine similarity',
  description: 'Cosine of the angle between two equal-width vectors (a normalised dot product)',
  ...MERGE_OP,
  icon: () => 'compass',
  palette: { idBase: 'cos', params: {} },
  minInputs: 2,
  maxInputs: 2,
  infer: (_node, inputs) => (equalWidths(inputs, 'Cosine'), { kind: 'vector', width: 1 }),
  describe: (node) => `cosine similarity of ${node.inputs[0]} and ${node.inputs[1]}`,
  ...mergeLayer('dot', 'Dot', { ts: { axes: ts(-1), normalize: ts(true) }, py: [kw('axes', py(1)), kw('normalize', py(true))] }),
});
