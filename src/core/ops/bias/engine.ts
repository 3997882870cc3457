import { table } from '../../engine/layers';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';
import { compileTable } from '../../engine/fast/nodes/table';

export const biasEngine: OpEngine<NodeOf<'bias'>> = {
  layer: (node, [x], ctx) => table(node, 1, x, 'zeros', ctx),
  fast: { compile: (node, [ids], build) => compileTable(node, ids, 1, build) },
};
