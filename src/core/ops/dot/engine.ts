import * as tf from '@tensorflow/tfjs';
import { apply } from '../../engine/layers';
import { FastDot, compileMerge } from '../../engine/fast/nodes/merge';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';

export const dotEngine: OpEngine<NodeOf<'dot'>> = {
  layer: (node, inputs) => apply(tf.layers.dot({ name: node.id, axes: -1 }), inputs),
  fast: { compile: compileMerge(FastDot) },
};
