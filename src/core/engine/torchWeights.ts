/**
 * A trained model's weights as the generated PyTorch module loads them (`load_weights()`): one
 * little-endian float32 file with every tensor in PyTorch's layout (a dense kernel transposed to
 * `nn.Linear`'s [out, in]), and a JSON manifest naming each tensor by its `state_dict` key, with
 * the constructor's arguments (sizes, μ, rating scale) and the raw ids of the table rows.
 */
import type * as tf from '@tensorflow/tfjs';
import { TORCH_WEIGHTS_FORMAT, planTorch } from '../codegen/pytorch';
import { vocabularyName } from '../codegen/names';
import { torchAttribute } from '../codegen/torchCode';
import { idsShape } from '../ops/shapeRules';
import { Spec } from '../spec/schema';

export interface TorchWeights {
  manifest: {
    format: string;
    version: 1;
    model: string;
    arguments: Record<string, number | number[]>;
    ids?: { users: string[]; items: string[] };
    data: string;
    tensors: { name: string; shape: number[]; offset: number }[];
  };
  data: Uint8Array;
}

export interface TorchWeightsOptions {
  /** Name of the float32 file, beside the manifest. */
  dataFile: string;
  ratingRange: [number, number];
  /** μ the model was trained with (the engine's output layer holds it). */
  globalMean: number;
  /** Raw ids of the table rows, so that predictions can speak raw ids. */
  ids?: { users: string[]; items: string[] };
}

/** [rows, cols] row-major → [cols, rows]. */
function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}

export function torchWeights(model: tf.LayersModel, spec: Spec, options: TorchWeightsOptions): TorchWeights {
  const tensors: TorchWeights['manifest']['tensors'] = [];
  const parts: Float32Array[] = [];
  let offset = 0;
  const add = (name: string, shape: number[], values: Float32Array) => {
    tensors.push({ name, shape, offset });
    parts.push(values);
    offset += values.length;
  };
  const sizes: Record<string, number> = {};
  for (const layer of model.layers) {
    const weights = layer.getWeights();
    if (!weights.length) continue;
    const attribute = torchAttribute(layer.name);
    const className = layer.getClassName();
    if (className === 'Embedding') {
      add(`${attribute}.weight`, weights[0].shape, weights[0].dataSync() as Float32Array);
      sizes[layer.name] = weights[0].shape[0];
    } else if (className === 'Dense') {
      const [rows, cols] = weights[0].shape;
      add(`${attribute}.weight`, [cols, rows], transpose(weights[0].dataSync() as Float32Array, rows, cols));
      if (weights[1]) add(`${attribute}.bias`, weights[1].shape, weights[1].dataSync() as Float32Array);
    } else {
      throw new Error(`layer ${layer.name} (${className}) has weights the PyTorch export does not know`);
    }
  }
  // The constructor's arguments: each vocabulary's size from the first table it sizes, then μ and the scale.
  const torch = planTorch(spec, {});
  const args: Record<string, number | number[]> = {};
  for (const node of torch.plan.nodes) {
    if (node.op !== 'embedding' && node.op !== 'bias') continue;
    args[vocabularyName(idsShape(torch.plan.checked.shapes, node.inputs[0]).vocab).py] ??= sizes[node.id];
  }
  if (torch.plan.globalMean !== null) args.global_mean = options.globalMean;
  args.rating_range = options.ratingRange;
  const data = new Float32Array(offset);
  let at = 0;
  for (const part of parts) {
    data.set(part, at);
    at += part.length;
  }
  // Float32Array is the platform's byte order; every platform Node runs on is little-endian.
  return {
    manifest: {
      format: TORCH_WEIGHTS_FORMAT,
      version: 1,
      model: torch.className,
      arguments: args,
      ...(options.ids ? { ids: options.ids } : {}),
      data: options.dataFile,
      tensors,
    },
    data: new Uint8Array(data.buffer),
  };
}

/** μ as the engine's output layer adds it (0 when the output adds none). */
export function globalMeanOf(model: tf.LayersModel, spec: Spec): number {
  const output = spec.nodes.find((n) => n.op === 'output');
  const config = output ? (model.getLayer(output.id).getConfig() as { offset?: number }) : {};
  return config.offset ?? 0;
}
