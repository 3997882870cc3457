/**
 * The pieces the ops' TensorFlow.js layers are made of (each op's layer is in
 * src/core/ops/<op>/engine.ts). Layers are named after the node ids, as ../ops/conventions.ts says,
 * and the code generators name theirs the same way, so weights can move between them.
 */
import * as tf from '@tensorflow/tfjs';
import { EMBEDDING_INIT_RANGE, layerName } from '../ops/conventions';
import { Shape } from '../spec/shapes';

export interface BuildContext {
  vocabulary: Record<string, number>;
  /** Mean training rating, added by an output node with `globalMean`. */
  globalMean: number;
  /** Gives each initialiser its own seed, derived from the run's seed and the layer name. */
  seedFor(layerName: string): number;
  shapes: Record<string, Shape>;
}

export type SymbolicTensor = tf.SymbolicTensor;

export const regularizer = (l2: number | undefined) => (l2 ? tf.regularizers.l2({ l2 }) : undefined);
export const apply = (layer: tf.layers.Layer, x: SymbolicTensor | SymbolicTensor[]) => layer.apply(x) as SymbolicTensor;
/** Several inputs of a dense layer or tower are concatenated first. */
export const joined = (id: string, inputs: SymbolicTensor[]) =>
  inputs.length === 1 ? inputs[0] : apply(tf.layers.concatenate({ name: layerName.joined(id) }), inputs);

/** An embedding table (a bias is one of width 1), flattened to a vector when it looks up a single id. */
export function table(
  node: { id: string; l2?: number; inputs: string[] },
  outputDim: number,
  input: SymbolicTensor,
  init: 'uniform' | 'zeros',
  ctx: BuildContext,
): SymbolicTensor {
  const inputShape = ctx.shapes[node.inputs[0]];
  if (inputShape.kind !== 'ids') throw new Error(`${node.id}: embedding input must be ids`);
  const initializer =
    init === 'zeros'
      ? tf.initializers.zeros()
      : tf.initializers.randomUniform({
          minval: -EMBEDDING_INIT_RANGE,
          maxval: EMBEDDING_INIT_RANGE,
          seed: ctx.seedFor(node.id),
        });
  const embedded = apply(
    tf.layers.embedding({
      name: node.id,
      inputDim: ctx.vocabulary[inputShape.vocab],
      outputDim,
      embeddingsInitializer: initializer,
      embeddingsRegularizer: regularizer(node.l2),
    }),
    input,
  );
  return inputShape.length === 1 ? apply(tf.layers.flatten({ name: layerName.flat(node.id) }), embedded) : embedded;
}

export const denseLayer = (
  name: string,
  units: number,
  activation: Parameters<typeof tf.layers.dense>[0]['activation'],
  useBias: boolean,
  l2: number | undefined,
  ctx: BuildContext,
) =>
  tf.layers.dense({
    name,
    units,
    activation,
    useBias,
    kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.seedFor(name) }),
    kernelRegularizer: regularizer(l2),
  });
