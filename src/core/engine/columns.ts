/**
 * Examples as plain typed arrays, one per model input, in the order they are to be used: what the
 * epoch loop hands a stepper. The fast engine copies them into its memory as they are; only the
 * TensorFlow.js stepper makes tensors of them (a round trip through tensors cost the fast engine a
 * sixth of a small model's epoch).
 */
import * as tf from '@tensorflow/tfjs';

/** `width` values per row, row after row. */
export interface Column {
  values: Int32Array | Float32Array;
  width: number;
}

export interface Examples {
  xs: Column[];
  ys: Column;
  rows: number;
}

export const columnTensor = (column: Column, rows: number): tf.Tensor2D =>
  tf.tensor2d(column.values, [rows, column.width], column.values instanceof Int32Array ? 'int32' : 'float32');
