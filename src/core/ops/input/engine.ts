import * as tf from '@tensorflow/tfjs';
import { FastInput } from '../../engine/fast/nodes/io';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';
import { FEATURES } from '.';

export const inputEngine: OpEngine<NodeOf<'input'>> = {
  layer(node) {
    if (node.field === 'user' || node.field === 'item') return tf.input({ shape: [1], dtype: 'int32', name: node.id });
    if (node.field === 'tokens') return tf.input({ shape: [node.length ?? 1], dtype: 'int32', name: node.id });
    const feature = FEATURES[node.feature!];
    return feature.kind === 'categorical' ? tf.input({ shape: [1], dtype: 'int32', name: node.id }) : tf.input({ shape: [feature.width], dtype: 'float32', name: node.id });
  },
  fast: {
    unsupported: (node) => (node.field === 'tokens' ? 'token sequences' : null),
    compile(node, _inputs, build) {
      const shape = build.shapes[node.id];
      const input = new FastInput(node.id, shape.kind === 'ids' ? 'ids' : 'vector', shape.kind === 'vector' ? shape.width : 1, build.arena);
      build.add(input);
      return input.value;
    },
  },
};
