import * as tf from '@tensorflow/tfjs';
import { apply, denseLayer, joined } from '../../engine/layers';
import { FastDense } from '../../engine/fast/nodes/dense';
import { fastActivation } from '../../engine/fast/nodes/activations';
import type { Value } from '../../engine/fast/nodes/value';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';
import { towerLayers } from '.';

export const mlpEngine: OpEngine<NodeOf<'mlp'>> = {
  layer(node, inputs, ctx) {
    let x = joined(node.id, inputs);
    for (const layer of towerLayers(node)) {
      x = apply(denseLayer(layer.name, layer.units, node.activation, true, node.l2, ctx), x);
      if (layer.dropout)
        x = apply(
          tf.layers.dropout({
            name: layer.dropout.name,
            rate: node.dropout,
            seed: ctx.seedFor(layer.dropout.seedName),
          }),
          x,
        );
    }
    return x;
  },
  fast: {
    unsupported: (node) => (node.dropout > 0 ? 'dropout' : node.activation === 'softmax' ? 'softmax' : null),
    compile(node, inputs, build) {
      let x: Value[] = inputs;
      towerLayers(node).forEach((layer, k) => {
        // The last layer's output is the tower's: it carries the node's id.
        const dense = new FastDense(
          k === node.units.length - 1 ? node.id : layer.name,
          layer.name,
          x,
          layer.units,
          fastActivation(node.activation),
          true,
          node.l2 ?? 0,
          build.arena,
          build.maxRows,
        );
        build.add(dense);
        x = [dense.value];
      });
      return x[0];
    },
  },
};
