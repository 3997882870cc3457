import * as tf from '@tensorflow/tfjs';
import { apply } from '../../engine/layers';
import { FastOutput } from '../../engine/fast/nodes/io';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';

export const outputEngine: OpEngine<NodeOf<'output'>> = {
  layer: (node, [x], ctx) =>
    node.globalMean ? apply(tf.layers.rescaling({ name: node.id, scale: 1, offset: ctx.globalMean }), x) : apply(tf.layers.activation({ name: node.id, activation: 'linear' }), x),
  fast: {
    compile(node, [x], build) {
      const output = new FastOutput(node.id, x, node.globalMean ? build.globalMean : 0, build.arena, build.maxRows);
      build.add(output);
      return output.value;
    },
  },
};
