/** The predicted rating (width 1), optionally offset by the training set's mean rating μ. */
import { z } from 'zod';
import { kw } from '../../codegen/expr';
import { py, pyApply, pyLayer, ts, tsApply, tsLayer, tsOut } from '../../codegen/layerCode';
import { CLASS_COUNT, ShapeError } from '../../spec/shapes';
import { defineOp } from '../definition';
import { inputIds, nodeSchema } from '../fields';
import { vectorWidth } from '../shapeRules';
import { torchInfix } from '../../codegen/torchCode';

const schema = nodeSchema('output', {
  globalMean: z.boolean().default(false).describe("Add the training set's mean rating μ as a fixed offset"),
  inputs: inputIds(),
});

export const output = defineOp(schema, {
  title: 'Output (rating)',
  description: 'The predicted rating (width 1)',
  group: 'Output',
  icon: () => 'target',
  summary: (p) => (p.globalMean === true ? 'rating + global mean μ' : 'predicted rating'),
  palette: { idBase: 'rating', params: {} },
  minInputs: 1,
  maxInputs: 1,
  infer(_node, [x], vocab) {
    const width = vectorWidth(x, 'Output');
    const classes = vocab[CLASS_COUNT];
    if (classes > 2 && width !== classes)
      throw new ShapeError(
        `Output needs width ${classes} (one probability per class; the labels have ${classes} classes): ${x.id} is ${width}; end in a Dense with ${classes} units and softmax`,
      );
    if (classes > 2 || (classes === 0 && width > 1)) return x.shape;
    if (width !== 1)
      throw new ShapeError(`Output needs width 1 (one predicted rating): ${x.id} is ${width}; add a Dense with 1 unit`);
    return x.shape;
  },
  params: () => 0,
  describe: (node) =>
    node.globalMean ? 'the predicted rating, offset by the mean training rating μ' : 'the predicted rating',
  ts: (node, ctx) => [
    tsOut(
      tsApply(
        node.globalMean
          ? tsLayer('rescaling', { name: ts(node.id), scale: ts(1), offset: ctx.globalMean })
          : tsLayer('activation', { name: ts(node.id), activation: ts('linear') }),
        ctx.inputs[0],
      ),
    ),
  ],
  py: (node, ctx) => [
    pyApply(
      node.globalMean
        ? pyLayer('Rescaling', py(1), kw('offset', ctx.globalMean), kw('name', py(node.id)))
        : pyLayer('Activation', py('linear'), kw('name', py(node.id))),
      ctx.inputs[0],
    ),
  ],
  pytorch: (node, ctx) => ({
    init: [],
    forward: [node.globalMean ? torchInfix('+', [ctx.inputs[0], ctx.globalMean]) : ctx.inputs[0]],
    l2: [],
  }),
});
