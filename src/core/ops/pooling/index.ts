/** Turns a sequence of vectors into one: their mean, sum or element-wise maximum. */
import { z } from 'zod';
import { kw } from '../../codegen/expr';
import { EmitContext, py, pyApply, pyLayer, ts, tsApply, tsLayer, tsOut } from '../../codegen/layerCode';
import { ShapeError, formatShape } from '../../spec/shapes';
import { layerName } from '../conventions';
import { defineOp } from '../definition';
import { inputIds, nodeSchema } from '../fields';
import { param } from '../text';
import { call, member } from '../../codegen/expr';

const schema = nodeSchema('pooling', { mode: z.enum(['mean', 'sum', 'max']).default('mean'), inputs: inputIds() });

/** A sum is the mean times the sequence length, as the engine computes it. */
function sequenceLength(node: { inputs: string[] }, ctx: Pick<EmitContext, 'shapes'>): number {
  const shape = ctx.shapes[node.inputs[0]];
  return shape.kind === 'sequence' ? shape.length : 1;
}
export { sequenceLength };

export const pooling = defineOp(schema, {
  title: 'Pooling',
  description: 'Averages a sequence of vectors into one',
  group: 'Layers',
  icon: () => 'fold',
  summary: (p) => `${param(p.mode ?? 'mean')} over the sequence`,
  palette: { idBase: 'pool', params: { mode: 'mean' } },
  minInputs: 1,
  maxInputs: 1,
  infer(_node, [x]) {
    if (x.shape.kind !== 'sequence')
      throw new ShapeError(`Pooling needs a sequence: ${x.id} is ${formatShape(x.shape)}`);
    return { kind: 'vector', width: x.shape.width };
  },
  params: () => 0,
  describe: (node) => `${node.mode} over the sequence ${node.inputs[0]}`,
  ts(node, ctx) {
    if (node.mode !== 'sum') {
      return [
        tsOut(
          tsApply(
            tsLayer(node.mode === 'max' ? 'globalMaxPooling1d' : 'globalAveragePooling1d', { name: ts(node.id) }),
            ctx.inputs[0],
          ),
        ),
      ];
    }
    const mean = tsApply(
      tsLayer('globalAveragePooling1d', { name: ts(layerName.poolingMean(node.id)) }),
      ctx.inputs[0],
    );
    return [
      tsOut(
        tsApply(tsLayer('rescaling', { name: ts(node.id), scale: ts(sequenceLength(node, ctx)), offset: ts(0) }), mean),
      ),
    ];
  },
  py(node, ctx) {
    if (node.mode !== 'sum')
      return [
        pyApply(
          pyLayer(node.mode === 'max' ? 'GlobalMaxPooling1D' : 'GlobalAveragePooling1D', kw('name', py(node.id))),
          ctx.inputs[0],
        ),
      ];
    const mean = pyApply(
      pyLayer('GlobalAveragePooling1D', kw('name', py(layerName.poolingMean(node.id)))),
      ctx.inputs[0],
    );
    return [pyApply(pyLayer('Rescaling', py(sequenceLength(node, ctx)), kw('name', py(node.id))), mean)];
  },
  pytorch: (node, ctx) => ({
    init: [],
    forward: [call(member(ctx.inputs[0], { mean: 'mean', sum: 'sum', max: 'amax' }[node.mode]), kw('dim', py(1)))],
    l2: [],
  }),
});
