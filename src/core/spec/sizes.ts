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

/**
 * The share of the machine's memory a model may take: the other half is for the system, the editor
 * (or the shell) and the data, which training holds beside the model.
 */
export const MACHINE_MEMORY_SHARE = 0.5;

export interface MemoryLimit {
  bytes: number;
  /** How the limit reads in a message: "the 4.3 GB a model can use". */
  text: string;
}

/** The machine's memory, in Node; a browser (the builder's webview) cannot know it, and checks the engine's limit only. */
function machineMemory(): number | undefined {
  const os = (globalThis as { process?: NodeJS.Process }).process?.getBuiltinModule?.('os');
  return os?.totalmem();
}

/** What a model may use here: what the engine can address, and no more than its share of the machine. */
export function memoryLimit(totalBytes = machineMemory()): MemoryLimit {
  const share = totalBytes === undefined ? Infinity : Math.floor(totalBytes * MACHINE_MEMORY_SHARE);
  if (share >= MEMORY_LIMIT_BYTES)
    return { bytes: MEMORY_LIMIT_BYTES, text: `the ${formatBytes(MEMORY_LIMIT_BYTES)} a model can use` };
  return {
    bytes: share,
    text: `the ${formatBytes(share)} a model can use on this machine (${MACHINE_MEMORY_SHARE * 100} % of its ${formatBytes(totalBytes!)} of memory)`,
  };
}

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
  limit: MemoryLimit = memoryLimit(),
  rows?: number,
): SpecIssue[] {
  const limitBytes = limit.bytes;
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
  const tooMuch = `more than ${limit.text}`;
  if (biggest && atModestBatch > limitBytes) {
    const params = graph.params[biggest.id] ?? 0;
    const sizing = sizingField(biggest);
    const field = sizing?.field ?? 'inputs';
    const factor =
      sizing && params && Number.isInteger(params / sizing.value)
        ? `${count(sizing.value)} × ${count(params / sizing.value)} = `
        : '';
    const message = params
      ? `${factor}${count(params)} parameters need ${formatBytes(params * perWeight)} with their gradients and ${optimizer}'s state, ${tooMuch}`
      : `${count(floatsOf(graph.shapes[biggest.id]))} outputs per example need ${formatBytes(nodeBytes(biggest, modestBatch))} for a batch of ${count(modestBatch)}, ${tooMuch}`;
    return [{ message, nodeId: biggest.id, field, path: ['nodes', indexOf(biggest.id), field] }];
  }
  const floatsPerExample = graph.order.reduce((n, node) => n + floatsOf(graph.shapes[node.id]), 0);
  const message = `a batch of ${count(batchSize)} needs ${formatBytes(batchSize * floatsPerExample * FLOAT * 2)} for the layers' outputs and gradients (${count(floatsPerExample)} floats per example), ${tooMuch}`;
  return [{ message, field: 'training.batchSize', path: ['training', 'batchSize'] }];
}
