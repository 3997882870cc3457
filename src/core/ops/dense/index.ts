/** A fully connected layer; several inputs are concatenated first. */
import { pyApply, pyDense, pyJoined, tsApply, tsDense, tsJoined, tsOut } from '../../codegen/layerCode';
import { defineOp } from '../definition';
import { activation, inputIds, l2, nodeSchema, positiveInt } from '../fields';
import { denseParams, totalWidth } from '../shapeRules';
import { l2Summary, l2Words, names, param, plural } from '../text';
import { z } from 'zod';

const schema = nodeSchema('dense', { units: positiveInt, activation: activation.default('linear'), useBias: z.boolean().default(true), l2, inputs: inputIds() });

export const dense = defineOp(schema, {
  title: 'Dense',
  description: 'A fully connected layer',
  group: 'Layers',
  icon: () => 'layers',
  summary: (p) => `${plural(p.units, 'unit')} · ${param(p.activation ?? 'linear')}${p.useBias === false ? ' · no bias' : ''}${l2Summary(p)}`,
  palette: { idBase: 'dense', params: { units: 1 } },
  minInputs: 1,
  maxInputs: Infinity,
  infer: (node, inputs) => (totalWidth(inputs, 'Dense'), { kind: 'vector', width: node.units }),
  params: (node, inputs) => denseParams(totalWidth(inputs, 'Dense'), node.units, node.useBias),
  describe: (node) =>
    `dense layer, ${plural(node.units, 'unit')}${node.activation === 'linear' ? '' : `, ${node.activation}`}${node.useBias ? '' : ', no bias'}${node.inputs.length > 1 ? `, on ${names(node.inputs)} concatenated` : ''}${l2Words(node.l2)}`,
  ts: (node, ctx) => [tsOut(tsApply(tsDense(node.id, node.units, node.activation, node.useBias, node.l2, ctx), tsJoined(node.id, ctx.inputs)))],
  py: (node, ctx) => [pyApply(pyDense(node.id, node.units, node.activation, node.useBias, node.l2), pyJoined(node.id, ctx.inputs))],
});
