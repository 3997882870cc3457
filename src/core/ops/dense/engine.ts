import { apply, denseLayer, joined } from '../../engine/layers';
import { FastDense } from '../../engine/fast/nodes/dense';
import { fastActivation } from '../../engine/fast/nodes/activations';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';

export const denseEngine: OpEngine<NodeOf<'dense'>> = {
  layer: (node, inputs, ctx) =>
    apply(denseLayer(node.id, node.units, node.activation, node.useBias, node.l2, ctx), joined(node.id, inputs)),
  fast: {
    unsupported: (node) => (node.activation === 'softmax' ? 'softmax' : null),
    compile(node, inputs, build) {
      const layer = new FastDense(
        node.id,
        node.id,
        inputs,
        node.units,
        fastActivation(node.activation),
        node.useBias,
        node.l2 ?? 0,
        build.arena,
        build.maxRows,
      );
      build.add(layer);
      return layer.value;
    },
  },
};
