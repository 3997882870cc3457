/** spec → `tf.LayersModel`: the checked graph, layer by layer (each op's own, src/core/ops/<op>/engine.ts), in dependency order. */
import * as tf from '@tensorflow/tfjs';
import { modelName } from '../ops/conventions';
import { engineOf } from '../ops/engines';
import { CheckedSpec } from '../spec/check';
import { liveNodes, modelInputNodes } from '../spec/live';
import { BuildContext } from './layers';

export { liveNodes, modelInputNodes } from '../spec/live';

export interface ModelOptions {
  vocabulary: Record<string, number>;
  globalMean: number;
  seed: number;
}

/** A stable 31-bit seed per layer: the same spec and seed give the same initial weights. */
export function layerSeed(seed: number, layerName: string): number {
  let h = (seed | 0) ^ 0x811c9dc5;
  for (let i = 0; i < layerName.length; i++) h = Math.imul(h ^ layerName.charCodeAt(i), 0x01000193);
  return (h >>> 1) % 2147483647;
}

export function buildModel(checked: CheckedSpec, options: ModelOptions): tf.LayersModel {
  const ctx: BuildContext = {
    vocabulary: options.vocabulary,
    globalMean: options.globalMean,
    seedFor: (name) => layerSeed(options.seed, name),
    shapes: checked.shapes,
  };
  const tensors = new Map<string, tf.SymbolicTensor>();
  for (const node of liveNodes(checked)) {
    const inputs = (node.inputs ?? []).map((id) => tensors.get(id)!);
    tensors.set(node.id, engineOf(node).layer(node, inputs, ctx));
  }
  const inputs = modelInputNodes(checked).map((n) => tensors.get(n.id)!);
  return tf.model({ inputs, outputs: tensors.get(checked.outputId)!, name: modelName(checked.spec.name) });
}
