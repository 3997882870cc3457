import * as tf from '@tensorflow/tfjs';
import { apply } from '../../engine/layers';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';

export const flattenEngine: OpEngine<NodeOf<'flatten'>> = {
  layer: (node, [x]) => apply(tf.layers.flatten({ name: node.id }), x),
  fast: { unsupported: () => 'flatten' },
};
