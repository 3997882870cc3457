/**
 * The memory a model needs to train, estimated from the checked graph before anything is allocated:
 * each weight with its gradient and its optimiser's state, and each node's output and gradient for
 * a batch. A model that cannot fit is refused with the node and field that make it too big.
 */
import { OPTIMIZERS, SpecNode } from './schema';
import { Shape } from './shapes';
import { SpecIssue } from './issues';

/** WebAssembly (the fast engine, the wasm backend) addresses 4 GiB; a model above it cannot train here. */
export const MEMORY_LIMIT_BYTES = 4 * 1024 ** 3;

/** Floats of state per weight besides the weight and its gradient. */
const OPTIMIZER_SLOTS: Record<(typeof OPTIMIZERS)[number], number> = { sgd: 0, adam: 2, rmsprop: 1, adagrad: 1 };

const FLOAT = 4;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let k = 0;
  while (bytes >= 1000 && k < units.length - 1) (bytes /= 1000), k++;
  return `${k === 0 ? bytes : bytes.toFixed(1)} ${units[k]}`;
}

const floatsOf = (shape: Shape | undefined) => (!shape ? 0 : shape.kind === 'vector' ? shape.width : shape.kind === 'sequence' ? shape.length * shape.width : shape.length);

/** The node's numeric field with the largest value (what sizes it: `dim`, `units`), if any. */
function sizingField(node: SpecNode): { field: string; value: number } | undefined {
  let best: { field: string; value: number } | undefined;
  for (const [field, v] of Object.entries(node)) {
    const value = typeof v === 'number' ? v : Array.isArray(v) && v.every((x) => typeof x === 'number') ? Math.max(...(v as number[])) : NaN;
    if (field !== 'l2' && Number.isFinite(value) && value > 1 && (!best || value > best.value)) best = { field, value };
  }
  return best;
}

export interface SizedGraph {
  spec: { training: { optimizer: (typeof OPTIMIZERS)[number]; batchSize: number } };
  order: SpecNode[];
  shapes: Record<string, Shape>;
  params: Record<string, number>;
}

/** Problems with the model's size: empty when it fits in `limitBytes`. */
export function sizeIssues(graph: SizedGraph, indexOf: (id: string) => number, limitBytes = MEMORY_LIMIT_BYTES): SpecIssue[] {
  const { optimizer, batchSize } = graph.spec.training;
  const perWeight = FLOAT * (2 + OPTIMIZER_SLOTS[optimizer]);
  let weightBytes = 0;
  let floatsPerExample = 0;
  let biggest: SpecNode | undefined;
  for (const node of graph.order) {
    const params = graph.params[node.id] ?? 0;
    weightBytes += params * perWeight;
    floatsPerExample += floatsOf(graph.shapes[node.id]);
    if (!biggest || params > (graph.params[biggest.id] ?? 0)) biggest = node;
  }
  const activationBytes = batchSize * floatsPerExample * FLOAT * 2;
  if (weightBytes + activationBytes <= limitBytes) return [];
  const limit = `more than the ${formatBytes(limitBytes)} a model can use`;
  if (biggest && weightBytes >= activationBytes) {
    const params = graph.params[biggest.id];
    const sizing = sizingField(biggest);
    const factor = sizing && Number.isInteger(params / sizing.value) ? `${count(sizing.value)} × ${count(params / sizing.value)} = ` : '';
    const field = sizing?.field ?? 'inputs';
    const message = `${factor}${count(params)} parameters need ${formatBytes(params * perWeight)} with their gradients and ${optimizer}'s state, ${limit}`;
    return [{ message, nodeId: biggest.id, field, path: ['nodes', indexOf(biggest.id), field] }];
  }
  const message = `a batch of ${count(batchSize)} needs ${formatBytes(activationBytes)} for the layers' outputs and gradients (${count(floatsPerExample)} floats per example), ${limit}`;
  return [{ message, field: 'training.batchSize', path: ['training', 'batchSize'] }];
}
