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
  for (; bytes >= 1000 && k < units.length - 1; k++) bytes /= 1000;
  return `${k === 0 ? bytes : bytes.toFixed(1)} ${units[k]}`;
}

const floatsOf = (shape: Shape | undefined) =>
  !shape
    ? 0
    : shape.kind === 'vector'
      ? shape.width
      : shape.kind === 'sequence'
        ? shape.length * shape.width
        : shape.length;

/** The node's numeric field with the largest value (what sizes it: `dim`, `units`), if any. */
function sizingField(node: SpecNode): { field: string; value: number } | undefined {
  let best: { field: string; value: number } | undefined;
  for (const [field, v] of Object.entries(node)) {
    const value =
      typeof v === 'number'
        ? v
        : Array.isArray(v) && v.every((x) => typeof x === 'number')
          ? Math.max(...(v as number[]))
          : NaN;
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

/** A batch small enough that a model which still does not fit is too big by itself, not by its batch. */
const MODEST_BATCH = 256;

/** Problems with the model's size: empty when it fits in `limitBytes`. `rows` caps the batch, as training does. */
export function sizeIssues(
  graph: SizedGraph,
  indexOf: (id: string) => number,
  limitBytes = MEMORY_LIMIT_BYTES,
  rows?: number,
): SpecIssue[] {
  const { optimizer } = graph.spec.training;
  const batchSize = Math.min(graph.spec.training.batchSize, rows ?? Infinity);
  const perWeight = FLOAT * (2 + OPTIMIZER_SLOTS[optimizer]);
  const modestBatch = Math.min(batchSize, MODEST_BATCH);
  /** A node's memory: its weights with their gradients and optimiser state, and its outputs and their gradients for a batch. */
  const nodeBytes = (node: SpecNode, batch: number) =>
    (graph.params[node.id] ?? 0) * perWeight + batch * floatsOf(graph.shapes[node.id]) * FLOAT * 2;
  let total = 0;
  let atModestBatch = 0;
  let biggest: SpecNode | undefined;
  for (const node of graph.order) {
    total += nodeBytes(node, batchSize);
    atModestBatch += nodeBytes(node, modestBatch);
    if (!biggest || nodeBytes(node, modestBatch) > nodeBytes(biggest, modestBatch)) biggest = node;
  }
  if (total <= limitBytes) return [];
  const limit = `more than the ${formatBytes(limitBytes)} a model can use`;
  if (biggest && atModestBatch > limitBytes) {
    const params = graph.params[biggest.id] ?? 0;
    const sizing = sizingField(biggest);
    const field = sizing?.field ?? 'inputs';
    const factor =
      sizing && params && Number.isInteger(params / sizing.value)
        ? `${count(sizing.value)} × ${count(params / sizing.value)} = `
        : '';
    const message = params
      ? `${factor}${count(params)} parameters need ${formatBytes(params * perWeight)} with their gradients and ${optimizer}'s state, ${limit}`
      : `${count(floatsOf(graph.shapes[biggest.id]))} outputs per example need ${formatBytes(nodeBytes(biggest, modestBatch))} for a batch of ${count(modestBatch)}, ${limit}`;
    return [{ message, nodeId: biggest.id, field, path: ['nodes', indexOf(biggest.id), field] }];
  }
  const floatsPerExample = graph.order.reduce((n, node) => n + floatsOf(graph.shapes[node.id]), 0);
  const message = `a batch of ${count(batchSize)} needs ${formatBytes(batchSize * floatsPerExample * FLOAT * 2)} for the layers' outputs and gradients (${count(floatsPerExample)} floats per example), ${limit}`;
  return [{ message, field: 'training.batchSize', path: ['training', 'batchSize'] }];
}
