/** Randomly zeroes a fraction of its input while training (and passes it through otherwise). */
import { z } from 'zod';
import { kw } from '../../codegen/expr';
import { py, pyApply, pyLayer, ts, tsApply, tsLayer, tsOut } from '../../codegen/layerCode';
import { ShapeError, formatShape } from '../../spec/shapes';
import { defineOp } from '../definition';
import { inputIds, nodeSchema } from '../fields';
import { param } from '../text';
import { call } from '../../codegen/expr';

const schema = nodeSchema('dropout', { rate: z.number().min(0).lt(1), inputs: inputIds() });

export const dropout = defineOp(schema, {
  title: 'Dropout',
  description: 'Randomly zeroes inputs while training',
  group: 'Layers',
  icon: () => 'circle-slash',
  summary: (p) => `rate ${param(p.rate)}`,
  palette: { idBase: 'drop', params: { rate: 0.2 } },
  minInputs: 1,
  maxInputs: 1,
  infer(_node, [x]) {
    if (x.shape.kind === 'ids') throw new ShapeError(`Dropout needs vectors: ${x.id} is ${formatShape(x.shape)}`);
    return x.shape;
  },
  params: () => 0,
  describe: (node) => `dropout, rate ${node.rate} (only while training)`,
  ts: (node, ctx) => [
    tsOut(
      tsApply(tsLayer('dropout', { name: ts(node.id), rate: ts(node.rate), seed: ctx.seed(node.id) }), ctx.inputs[0]),
    ),
  ],
  py: (node, ctx) => [pyApply(pyLayer('Dropout', py(node.rate), kw('name', py(node.id))), ctx.inputs[0])],
  pytorch: (node, ctx) => ({
    init: [{ target: ctx.module(node.id), value: call('nn.Dropout', py(node.rate)) }],
    forward: [call(ctx.module(node.id), ctx.inputs[0])],
    l2: [],
  }),
});
