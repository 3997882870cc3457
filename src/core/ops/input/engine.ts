import * as tf from '@tensorflow/tfjs';
import { FastInput } from '../../engine/fast/nodes/io';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';

export const inputEngine: OpEngine<NodeOf<'input'>> = {
  layer(node, _inputs, ctx) {
    const shape = ctx.shapes[node.id];
    return shape.kind === 'ids'
      ? tf.input({ shape: [shape.length], dtype: 'int32', name: node.id })
      : tf.input({ shape: [shape.kind === 'vector' ? shape.width : shape.length], dtype: 'float32', name: node.id });
  },
  fast: {
    unsupported: (node) => (node.field === 'tokens' ? 'token sequences' : null),
    compile(node, _inputs, build) {
      const shape = build.shapes[node.id];
      const input = new FastInput(
        node.id,
        shape.kind === 'ids' ? 'ids' : 'vector',
        shape.kind === 'vector' ? shape.width : 1,
        build.arena,
      );
      build.add(input);
      return input.value;
    },
  },
};
