/** Lays a sequence of vectors end to end ([L, d] → [L·d]): the lecture's Keras example flattens instead of pooling. */
import { kw, call, member } from '../../codegen/expr';
import { py, pyApply, pyLayer, ts, tsApply, tsLayer, tsOut } from '../../codegen/layerCode';
import { ShapeError, formatShape } from '../../spec/shapes';
import { defineOp } from '../definition';
import { inputIds, nodeSchema } from '../fields';

const schema = nodeSchema('flatten', { inputs: inputIds() });

export const flatten = defineOp(schema, {
  title: 'Flatten',
  description: 'Lays a sequence of vectors end to end',
  group: 'Layers',
  icon: () => 'list-flat',
  summary: () => '[L, d] → [L·d]',
  palette: { idBase: 'flat', params: {} },
  minInputs: 1,
  maxInputs: 1,
  infer(_node, [x]) {
    if (x.shape.kind !== 'sequence')
      throw new ShapeError(`Flatten needs a sequence: ${x.id} is ${formatShape(x.shape)}`);
    return { kind: 'vector', width: x.shape.length * x.shape.width };
  },
  params: () => 0,
  describe: (node) => `the sequence ${node.inputs[0]} laid end to end`,
  ts: (node, ctx) => [tsOut(tsApply(tsLayer('flatten', { name: ts(node.id) }), ctx.inputs[0]))],
  py: (node, ctx) => [pyApply(pyLayer('Flatten', kw('name', py(node.id))), ctx.inputs[0])],
  pytorch: (_node, ctx) => ({
    init: [],
    forward: [call(member(ctx.inputs[0], 'flatten'), kw('start_dim', py(1)))],
    l2: [],
  }),
});
