import * as tf from '@tensorflow/tfjs';
import { apply } from '../../engine/layers';
import { FastConcat, compileMerge } from '../../engine/fast/nodes/merge';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';

export const concatEngine: OpEngine<NodeOf<'concat'>> = {
  layer: (node, inputs) => apply(tf.layers.concatenate({ name: node.id }), inputs),
  fast: { compile: compileMerge(FastConcat) },
};
