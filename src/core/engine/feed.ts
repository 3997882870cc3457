/** Turns rating rows into the columns (and tensors) a built model takes, one per input node. */
import * as tf from '@tensorflow/tfjs';
import { Dataset } from '../data/types';
import { featureColumnsOf } from '../data/features';
import { SpecNode } from '../spec/schema';
import { gatherInt, gatherFloat } from '../util/gather';
import { Column, columnTensor } from './columns';

export class DataMismatchError extends Error {}

/** The per-row values of one input node, as a flat array and its width. */
function columnFor(node: Extract<SpecNode, { op: 'input' }>, data: Dataset, rows: Int32Array): Column {
  if (node.field === 'user') return { values: gatherInt(data.users, rows), width: 1 };
  if (node.field === 'item') return { values: gatherInt(data.items, rows), width: 1 };
  if (node.field === 'tokens')
    throw new DataMismatchError(`input '${node.id}' wants token sequences, which a ratings dataset does not have`);
  const name = node.feature!;
  const side = node.field === 'userFeature' ? 'user' : 'item';
  const column = featureColumnsOf(data)[name];
  if (!column || column.encoding.side !== side)
    throw new DataMismatchError(
      `input '${node.id}' wants the ${side} feature '${name}', which ${data.name} does not have`,
    );
  const owner = side === 'user' ? data.users : data.items;
  const { width, kind } = column.encoding;
  const source = column.values;
  const values = kind === 'categorical' ? new Int32Array(rows.length) : new Float32Array(rows.length * width);
  rows.forEach((r, i) => {
    const o = owner[r] * width;
    for (let c = 0; c < width; c++) values[i * width + c] = source[o + c];
  });
  if (kind === 'multiHot' && node.pooling && node.pooling !== 'sum') poolRows(values, width, node.pooling);
  return { values, width };
}

/** Scales each row of flags by 1/n (mean) or 1/√n (sqrtn): a dense layer over them then pools the values' embeddings. */
export function poolRows(values: Float32Array | Int32Array, width: number, pooling: 'mean' | 'sqrtn'): void {
  for (let o = 0; o < values.length; o += width) {
    let n = 0;
    for (let c = 0; c < width; c++) n += values[o + c];
    if (n <= 0) continue;
    const scale = pooling === 'mean' ? 1 / n : 1 / Math.sqrt(n);
    for (let c = 0; c < width; c++) values[o + c] *= scale;
  }
}

export function inputColumns(inputs: SpecNode[], data: Dataset, rows: Int32Array): Column[] {
  return inputs.map((node) => {
    if (node.op !== 'input') throw new Error(`${node.id} is not an input`);
    return columnFor(node, data, rows);
  });
}

export const inputTensors = (inputs: SpecNode[], data: Dataset, rows: Int32Array): tf.Tensor[] =>
  inputColumns(inputs, data, rows).map((column) => columnTensor(column, rows.length));

export const targetColumn = (data: Dataset, rows: Int32Array): Column => ({
  values: gatherFloat(data.ratings, rows),
  width: 1,
});
