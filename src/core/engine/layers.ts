/**
 * How each op becomes TensorFlow.js layers. Layers are named after the node ids
 * (an embedding `p` is layer `p`, its flatten `p_flat`; an MLP tower `psi` is `psi_1`, `psi_2`, …),
 * and the code generators name theirs the same way, so weights can move between them.
 */
import * as tf from '@tensorflow/tfjs';
import { NodeOf, OpName, FEATURES } from '../spec/schema';
import { Shape } from '../spec/shapes';

export interface BuildContext {
  vocabulary: Record<string, number>;
  /** Mean training rating, added by an output node with `globalMean`. */
  globalMean: number;
  /** Gives each initialiser its own seed, derived from the run's seed and the layer name. */
  seedFor(layerName: string): number;
  shapes: Record<string, Shape>;
}

type SymbolicTensor = tf.SymbolicTensor;
type LayerBuilder<K extends OpName> = (node: NodeOf<K>, inputs: SymbolicTensor[], ctx: BuildContext) => SymbolicTensor;

const regularizer = (l2: number | undefined) => (l2 ? tf.regularizers.l2({ l2 }) : undefined);
const joined = (id: string, inputs: SymbolicTensor[]) =>
  inputs.length === 1 ? inputs[0] : (tf.layers.concatenate({ name: `${id}_concat` }).apply(inputs) as SymbolicTensor);
const apply = (layer: tf.layers.Layer, x: SymbolicTensor | SymbolicTensor[]) => layer.apply(x) as SymbolicTensor;

/** Embedding tables start uniform in ±0.05, as Keras does. */
export const EMBEDDING_INIT_RANGE = 0.05;

function table(node: { id: string; l2?: number }, outputDim: number, input: SymbolicTensor, inputShape: Shape, ctx: BuildContext, init: ReturnType<typeof tf.initializers.zeros>): SymbolicTensor {
  if (inputShape.kind !== 'ids') throw new Error(`${node.id}: embedding input must be ids`);
  const embedded = apply(
    tf.layers.embedding({
      name: node.id,
      inputDim: ctx.vocabulary[inputShape.vocab],
      outputDim,
      embeddingsInitializer: init,
      embeddingsRegularizer: regularizer(node.l2),
    }),
    input,
  );
  return inputShape.length === 1 ? apply(tf.layers.flatten({ name: `${node.id}_flat` }), embedded) : embedded;
}

export const LAYERS: { [K in OpName]: LayerBuilder<K> } = {
  input(node) {
    if (node.field === 'user' || node.field === 'item') return tf.input({ shape: [1], dtype: 'int32', name: node.id });
    if (node.field === 'tokens') return tf.input({ shape: [node.length ?? 1], dtype: 'int32', name: node.id });
    const feature = FEATURES[node.feature!];
    return feature.kind === 'categorical'
      ? tf.input({ shape: [1], dtype: 'int32', name: node.id })
      : tf.input({ shape: [feature.width], dtype: 'float32', name: node.id });
  },
  embedding: (node, [x], ctx) =>
    table(node, node.dim, x, ctx.shapes[node.inputs[0]], ctx, tf.initializers.randomUniform({ minval: -EMBEDDING_INIT_RANGE, maxval: EMBEDDING_INIT_RANGE, seed: ctx.seedFor(node.id) })),
  bias: (node, [x], ctx) => table(node, 1, x, ctx.shapes[node.inputs[0]], ctx, tf.initializers.zeros()),
  dense: (node, inputs, ctx) =>
    apply(
      tf.layers.dense({
        name: node.id,
        units: node.units,
        activation: node.activation,
        useBias: node.useBias,
        kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.seedFor(node.id) }),
        kernelRegularizer: regularizer(node.l2),
      }),
      joined(node.id, inputs),
    ),
  mlp(node, inputs, ctx) {
    let x = joined(node.id, inputs);
    node.units.forEach((units, k) => {
      const name = `${node.id}_${k + 1}`;
      x = apply(
        tf.layers.dense({ name, units, activation: node.activation, kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.seedFor(name) }), kernelRegularizer: regularizer(node.l2) }),
        x,
      );
      if (node.dropout > 0 && k < node.units.length - 1) x = apply(tf.layers.dropout({ name: `${node.id}_dropout${k + 1}`, rate: node.dropout, seed: ctx.seedFor(`${name}_dropout`) }), x);
    });
    return x;
  },
  dropout: (node, [x], ctx) => apply(tf.layers.dropout({ name: node.id, rate: node.rate, seed: ctx.seedFor(node.id) }), x),
  concat: (node, inputs) => apply(tf.layers.concatenate({ name: node.id }), inputs),
  hadamard: (node, inputs) => apply(tf.layers.multiply({ name: node.id }), inputs),
  dot: (node, inputs) => apply(tf.layers.dot({ name: node.id, axes: -1 }), inputs),
  add: (node, inputs) => apply(tf.layers.add({ name: node.id }), inputs),
  pooling(node, [x], ctx) {
    if (node.mode === 'max') return apply(tf.layers.globalMaxPooling1d({ name: node.id }), x);
    if (node.mode === 'mean') return apply(tf.layers.globalAveragePooling1d({ name: node.id }), x);
    const input = ctx.shapes[node.inputs[0]];
    const length = input.kind === 'sequence' ? input.length : 1;
    const mean = apply(tf.layers.globalAveragePooling1d({ name: `${node.id}_mean` }), x);
    return apply(tf.layers.rescaling({ name: node.id, scale: length, offset: 0 }), mean);
  },
  output: (node, [x], ctx) =>
    node.globalMean
      ? apply(tf.layers.rescaling({ name: node.id, scale: 1, offset: ctx.globalMean }), x)
      : apply(tf.layers.activation({ name: node.id, activation: 'linear' }), x),
};
