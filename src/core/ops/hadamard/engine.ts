import * as tf from '@tensorflow/tfjs';
import { apply } from '../../engine/layers';
import { FastHadamard, compileMerge } from '../../engine/fast/nodes/merge';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';

export const hadamardEngine: OpEngine<NodeOf<'hadamard'>> = {
  layer: (node, inputs) => apply(tf.layers.multiply({ name: node.id }), inputs),
  fast: { compile: compileMerge(FastHadamard) },
};
