/** Turns rating rows into the tensors a built model takes, one per input node. */
import * as tf from '@tensorflow/tfjs';
import { Dataset } from '../data/types';
import { FEATURES, SpecNode } from '../spec/schema';

export class DataMismatchError extends Error {}

/** The per-row values of one input node, as a flat array and its width. */
function columnFor(
  node: Extract<SpecNode, { op: 'input' }>,
  data: Dataset,
  rows: Int32Array,
): { values: Int32Array | Float32Array; width: number } {
  if (node.field === 'user') return { values: Int32Array.from(rows, (r) => data.users[r]), width: 1 };
  if (node.field === 'item') return { values: Int32Array.from(rows, (r) => data.items[r]), width: 1 };
  if (node.field === 'tokens')
    throw new DataMismatchError(`input '${node.id}' wants token sequences, which a ratings dataset does not have`);
  const name = node.feature!;
  const feature = FEATURES[name];
  const table = (node.field === 'userFeature' ? data.userFeatures : data.itemFeatures) as
    Record<string, Float32Array | Int32Array> | undefined;
  const source = table?.[name];
  if (!source)
    throw new DataMismatchError(
      `input '${node.id}' wants the ${feature.side} feature '${name}', which ${data.name} does not have`,
    );
  const owner = node.field === 'userFeature' ? data.users : data.items;
  const width = 'width' in feature ? feature.width : 1;
  const values = feature.kind === 'categorical' ? new Int32Array(rows.length) : new Float32Array(rows.length * width);
  rows.forEach((r, i) => {
    const o = owner[r] * width;
    for (let c = 0; c < width; c++) values[i * width + c] = source[o + c];
  });
  return { values, width };
}

export function inputTensors(inputs: SpecNode[], data: Dataset, rows: Int32Array): tf.Tensor[] {
  return inputs.map((node) => {
    if (node.op !== 'input') throw new Error(`${node.id} is not an input`);
    const { values, width } = columnFor(node, data, rows);
    return tf.tensor2d(values, [rows.length, width], values instanceof Int32Array ? 'int32' : 'float32');
  });
}

export const targetTensor = (data: Dataset, rows: Int32Array): tf.Tensor2D =>
  tf.tensor2d(
    Float32Array.from(rows, (r) => data.ratings[r]),
    [rows.length, 1],
  );
