import * as tf from '@tensorflow/tfjs';
import { apply } from '../../engine/layers';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';

export const dropoutEngine: OpEngine<NodeOf<'dropout'>> = {
  layer: (node, [x], ctx) => apply(tf.layers.dropout({ name: node.id, rate: node.rate, seed: ctx.seedFor(node.id) }), x),
  fast: {
    unsupported: (node) => (node.rate > 0 ? 'dropout' : null),
    // At rate 0 dropout passes its input through.
    compile: (_node, [x]) => x,
  },
};
