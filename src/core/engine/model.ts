/** spec → `tf.LayersModel`: the checked graph, layer by layer, in dependency order. */
import * as tf from '@tensorflow/tfjs';
import { CheckedSpec } from '../spec/check';
import { SpecNode } from '../spec/schema';
import { BuildContext, LAYERS } from './layers';

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
  const live = liveNodes(checked);
  for (const node of live) {
    const inputs = (node.inputs ?? []).map((id) => tensors.get(id)!);
    const build = LAYERS[node.op] as (n: SpecNode, i: tf.SymbolicTensor[], c: BuildContext) => tf.SymbolicTensor;
    tensors.set(node.id, build(node, inputs, ctx));
  }
  const inputs = modelInputNodes(checked).map((n) => tensors.get(n.id)!);
  return tf.model({ inputs, outputs: tensors.get(checked.outputId)!, name: checked.spec.name.replace(/[^A-Za-z0-9_]/g, '_') });
}

/** The nodes the output depends on, in dependency order: a branch that leads nowhere is not built. */
export function liveNodes(checked: CheckedSpec): SpecNode[] {
  const byId = new Map(checked.order.map((n) => [n.id, n]));
  const live = new Set([checked.outputId]);
  const stack = [checked.outputId];
  while (stack.length) {
    for (const i of byId.get(stack.pop()!)?.inputs ?? []) {
      if (!live.has(i)) {
        live.add(i);
        stack.push(i);
      }
    }
  }
  return checked.order.filter((n) => live.has(n.id));
}

/** The input nodes the model takes, in the order of `model.inputs`. */
export function modelInputNodes(checked: CheckedSpec): SpecNode[] {
  return liveNodes(checked).filter((n) => n.op === 'input');
}
