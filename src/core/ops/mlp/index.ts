/** A tower of dense layers (with dropout between them, optionally); several inputs are concatenated first. */
import { z } from 'zod';
import { kw } from '../../codegen/expr';
import { Expr } from '../../codegen/expr';
import { py, pyApply, pyDense, pyJoined, pyLayer, ts, tsApply, tsDense, tsJoined, tsLayer, tsOut } from '../../codegen/layerCode';
import { layerName } from '../conventions';
import { defineOp } from '../definition';
import { activation, inputIds, l2, nodeSchema, positiveInt } from '../fields';
import { denseParams, totalWidth } from '../shapeRules';
import { l2Summary, l2Words, names, param } from '../text';

const schema = nodeSchema('mlp', {
  units: z.array(positiveInt).min(1, 'an MLP tower needs at least one layer').describe('Width of each dense layer, first to last'),
  activation: activation.default('relu'),
  dropout: z.number().min(0).lt(1).default(0).describe('Dropout rate after each layer but the last'),
  l2,
  inputs: inputIds(),
});
export type MlpNode = z.output<typeof schema>;

/** The tower's layers: name, width, and the dropout after it (none after the last). */
export const towerLayers = (node: MlpNode) =>
  node.units.map((units, k) => ({
    name: layerName.tower(node.id, k),
    units,
    dropout: node.dropout > 0 && k < node.units.length - 1 ? { name: layerName.towerDropout(node.id, k), seedName: layerName.towerDropoutSeed(node.id, k) } : null,
  }));

export const mlp = defineOp(schema, {
  title: 'MLP tower',
  description: 'A tower of dense layers',
  group: 'Layers',
  icon: () => 'layers-active',
  summary: (p) => `${param(p.activation ?? 'relu')}${p.dropout ? ` · dropout ${param(p.dropout)}` : ''}${l2Summary(p)}`,
  palette: { idBase: 'mlp', params: { units: [64, 32, 16], activation: 'relu' } },
  minInputs: 1,
  maxInputs: Infinity,
  infer: (node, inputs) => (totalWidth(inputs, 'MLP'), { kind: 'vector', width: node.units[node.units.length - 1] }),
  params(node, inputs) {
    let width = totalWidth(inputs, 'MLP');
    let count = 0;
    for (const units of node.units) {
      count += denseParams(width, units, true);
      width = units;
    }
    return count;
  },
  describe: (node) =>
    `MLP tower ${node.units.join(' → ')} (${node.activation}${node.dropout > 0 ? `, dropout ${node.dropout} between layers` : ''})${node.inputs.length > 1 ? ` on ${names(node.inputs)} concatenated` : ''}${l2Words(node.l2)}`,
  ts(node, ctx) {
    const steps: Expr[] = [];
    let x = tsJoined(node.id, ctx.inputs);
    for (const layer of towerLayers(node)) {
      steps.push(tsOut(tsApply(tsDense(layer.name, layer.units, node.activation, true, node.l2, ctx), x)));
      x = ctx.self;
      if (layer.dropout) steps.push(tsOut(tsApply(tsLayer('dropout', { name: ts(layer.dropout.name), rate: ts(node.dropout), seed: ctx.seed(layer.dropout.seedName) }), x)));
    }
    return steps;
  },
  py(node, ctx) {
    const steps: Expr[] = [];
    let x = pyJoined(node.id, ctx.inputs);
    for (const layer of towerLayers(node)) {
      steps.push(pyApply(pyDense(layer.name, layer.units, node.activation, true, node.l2), x));
      x = ctx.self;
      if (layer.dropout) steps.push(pyApply(pyLayer('Dropout', py(node.dropout), kw('name', py(layer.dropout.name))), x));
    }
    return steps;
  },
});
