import * as tf from '@tensorflow/tfjs';
import { apply } from '../../engine/layers';
import { layerName } from '../conventions';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';
import { sequenceLength } from '.';

export const poolingEngine: OpEngine<NodeOf<'pooling'>> = {
  layer(node, [x], ctx) {
    if (node.mode === 'max') return apply(tf.layers.globalMaxPooling1d({ name: node.id }), x);
    if (node.mode === 'mean') return apply(tf.layers.globalAveragePooling1d({ name: node.id }), x);
    const mean = apply(tf.layers.globalAveragePooling1d({ name: layerName.poolingMean(node.id) }), x);
    return apply(tf.layers.rescaling({ name: node.id, scale: sequenceLength(node, ctx), offset: 0 }), mean);
  },
  fast: { unsupported: () => 'pooling' },
};
