import * as tf from '@tensorflow/tfjs';
import { apply } from '../../engine/layers';
import { FastAdd, compileMerge } from '../../engine/fast/nodes/merge';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';

export const addEngine: OpEngine<NodeOf<'add'>> = {
  layer: (node, inputs) => apply(tf.layers.add({ name: node.id }), inputs),
  fast: { compile: compileMerge(FastAdd) },
};
