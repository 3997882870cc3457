import { table } from '../../engine/layers';
import type { OpEngine } from '../engine';
import type { NodeOf } from '../registry';
import { compileTable } from '../../engine/fast/nodes/table';

export const embeddingEngine: OpEngine<NodeOf<'embedding'>> = {
  layer: (node, [x], ctx) => table(node, node.dim, x, 'uniform', ctx),
  fast: {
    unsupported(node, checked) {
      const input = checked.shapes[node.inputs[0]];
      return input.kind === 'ids' && input.length === 1 ? null : 'embeddings of sequences';
    },
    compile: (node, [ids], build) => compileTable(node, ids, node.dim, build),
  },
};
