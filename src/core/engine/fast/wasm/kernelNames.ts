import type { Kernels } from './runtime';

/** Every kernel by name, in the order a recorded call names it by (team.ts's tapes). */
export const KERNEL_NAMES = [
  'gemm',
  'transpose',
  'bias_relu',
  'relu_backward',
  'column_sums',
  'gather_rows',
  'copy_columns',
  'multiply',
  'add_to',
  'row_dot',
  'scale_rows',
  'mse',
  'sum_squares',
  'scale',
  'axpy',
  'scatter_sgd',
  'group_rows',
  'adam_grouped',
  'adam',
  'sgd',
] as const satisfies readonly (keyof Kernels)[];
