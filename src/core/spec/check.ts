/**
 * Turns untrusted JSON into a checked graph: schema validation, graph structure (unknown ops,
 * duplicate or dangling ids, arity, cycles, reachability) and shape inference, with every
 * problem naming the node and field it belongs to.
 */
import { z } from 'zod';
import { closest, distance } from 'fastest-levenshtein';
import { OPS, isOpName, opOf } from './ops';
import { OP_NAMES, Spec, SpecNode } from './schema';
import { declaredFeatureSizes } from '../ops/input/featureShape';
import { CLASS_COUNT, DATA_FEATURES, DEFAULT_VOCABULARY, Shape, ShapeError, Vocabulary } from './shapes';
import { SpecIssue } from './issues';
import { sizeIssues } from './sizes';

export interface CheckedSpec {
  spec: Spec;
  /** Nodes in an order where every node comes after its inputs. */
  order: SpecNode[];
  shapes: Record<string, Shape>;
  params: Record<string, number>;
  totalParams: number;
  outputId: string;
}

export type CheckResult =
  | { ok: true; checked: CheckedSpec; issues: SpecIssue[] }
  | { ok: false; issues: SpecIssue[]; spec?: Spec; shapes: Record<string, Shape>; params: Record<string, number> };

const rawNodes = (raw: unknown): unknown[] =>
  raw && typeof raw === 'object' && Array.isArray((raw as { nodes?: unknown }).nodes)
    ? (raw as { nodes: unknown[] }).nodes
    : [];
const rawNodeId = (node: unknown): string | undefined => {
  const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
};

/** The fields an object at `path` may have: a node's are its op's, the others the spec's, the training's, early stopping's. */
function knownFields(raw: unknown, path: (string | number)[]): string[] {
  if (path[0] === 'nodes' && typeof path[1] === 'number') {
    const op = (rawNodes(raw)[path[1]] as { op?: unknown } | undefined)?.op;
    return isOpName(op) ? Object.keys((OPS[op].schema as unknown as z.ZodObject).shape) : [];
  }
  let schema: z.ZodType = Spec;
  for (const key of path) {
    while (schema instanceof z.ZodDefault || schema instanceof z.ZodNullable || schema instanceof z.ZodOptional)
      schema = (schema as z.ZodOptional<z.ZodType>).unwrap();
    if (!(schema instanceof z.ZodObject)) return [];
    schema = (schema.shape as Record<string, z.ZodType>)[String(key)];
  }
  while (schema instanceof z.ZodDefault || schema instanceof z.ZodNullable || schema instanceof z.ZodOptional)
    schema = (schema as z.ZodOptional<z.ZodType>).unwrap();
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** "unknown field "activaton"; did you mean "activation"?", or the fields there are when none is close. */
function unknownField(key: string, known: string[], where: string): string {
  const close = closest(key, known);
  const near =
    close !== undefined && distance(key.toLowerCase(), close.toLowerCase()) <= Math.max(2, Math.floor(key.length / 3));
  return near
    ? `unknown field "${key}"; did you mean "${close}"?`
    : `unknown field "${key}"; ${where} has: ${known.join(', ')}`;
}

function schemaIssues(raw: unknown, error: z.ZodError): SpecIssue[] {
  const nodes = rawNodes(raw);
  return error.issues.flatMap((issue): SpecIssue[] => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      const known = knownFields(raw, path);
      const isNode = path[0] === 'nodes' && typeof path[1] === 'number' && path.length === 2;
      const op = isNode ? (nodes[path[1] as number] as { op?: unknown }).op : undefined;
      const where = isNode
        ? `${isOpName(op) ? OPS[op].title : 'this node'}`
        : path.length
          ? `"${path.join('.')}"`
          : 'a spec';
      return issue.keys.map((key) => ({
        message: unknownField(key, known, where),
        ...(isNode ? { nodeId: rawNodeId(nodes[path[1] as number]) ?? `#${path[1]}` } : {}),
        field: isNode ? key : [...path, key].join('.'),
        path: [...path, key],
      }));
    }
    if (path[0] === 'nodes' && typeof path[1] === 'number') {
      const node = nodes[path[1]];
      const op = node && typeof node === 'object' ? (node as { op?: unknown }).op : undefined;
      const field = path.length > 2 ? path.slice(2).join('.') : 'op';
      const message =
        field === 'op' && issue.code === 'invalid_union'
          ? `unknown op ${JSON.stringify(op)}; known ops: ${OP_NAMES.join(', ')}`
          : issue.message;
      return [{ message, nodeId: rawNodeId(node) ?? `#${path[1]}`, field, path }];
    }
    return [{ message: issue.message, field: path.join('.') || undefined, path }];
  });
}

function structureIssues(spec: Spec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const seen = new Map<string, number>();
  spec.nodes.forEach((node, index) => {
    const at = (field: string, message: string) =>
      issues.push({ message, nodeId: node.id, field, path: ['nodes', index, field] });
    if (seen.has(node.id)) at('id', `duplicate id (also nodes[${seen.get(node.id)}])`);
    seen.set(node.id, index);
    const inputs = node.inputs ?? [];
    const rule = opOf(node);
    if (inputs.length < rule.minInputs || inputs.length > rule.maxInputs) {
      const want =
        rule.minInputs === rule.maxInputs
          ? `exactly ${rule.minInputs}`
          : rule.maxInputs === Infinity
            ? `at least ${rule.minInputs}`
            : `${rule.minInputs} to ${rule.maxInputs}`;
      const named = rule.maxInputs === Infinity ? rule.minInputs : rule.maxInputs;
      at('inputs', `${rule.title} takes ${want} input${named === 1 ? '' : 's'}, got ${inputs.length}`);
    }
  });
  spec.nodes.forEach((node, index) => {
    (node.inputs ?? []).forEach((input, k) => {
      if (!seen.has(input))
        issues.push({
          message: `input '${input}' is not a node of this spec`,
          nodeId: node.id,
          field: 'inputs',
          path: ['nodes', index, 'inputs', k],
        });
      if (input === node.id)
        issues.push({
          message: 'a node cannot feed itself',
          nodeId: node.id,
          field: 'inputs',
          path: ['nodes', index, 'inputs', k],
        });
    });
  });
  const outputs = spec.nodes.map((n, i) => [n, i] as const).filter(([n]) => n.op === 'output');
  if (outputs.length === 0) issues.push({ message: 'the spec has no output node', path: ['nodes'] });
  for (const [n, i] of outputs.slice(1))
    issues.push({
      message: `a spec has one output; '${outputs[0][0].id}' is the first`,
      nodeId: n.id,
      field: 'op',
      path: ['nodes', i, 'op'],
    });
  return issues;
}

/** Kahn's topological sort, linear in the size of the graph; whatever is left over sits on or below a cycle. */
function topologicalOrder(nodes: SpecNode[]): { order: SpecNode[]; leftover: SpecNode[] } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const pending = new Map(nodes.map((n) => [n.id, new Set((n.inputs ?? []).filter((i) => byId.has(i))).size]));
  const consumers = new Map<string, string[]>();
  for (const n of nodes) {
    for (const i of new Set(n.inputs ?? [])) {
      if (!byId.has(i)) continue;
      const list = consumers.get(i);
      if (list) list.push(n.id);
      else consumers.set(i, [n.id]);
    }
  }
  const ready = nodes.filter((n) => pending.get(n.id) === 0).map((n) => n.id);
  const order: SpecNode[] = [];
  for (let next = 0; next < ready.length; next++) {
    const id = ready[next];
    order.push(byId.get(id)!);
    for (const c of consumers.get(id) ?? []) {
      const left = pending.get(c)! - 1;
      pending.set(c, left);
      if (left === 0) ready.push(c);
    }
  }
  const placed = new Set(order.map((n) => n.id));
  return { order, leftover: nodes.filter((n) => !placed.has(n.id)) };
}

/**
 * The cycles among the nodes a topological sort could not place, each as the ids along it. Every
 * such node has an input that is also unplaced, so walking up inputs from one always ends on a
 * cycle; nodes merely downstream of a cycle are on none.
 */
function findCycles(leftover: SpecNode[]): string[][] {
  const byId = new Map(leftover.map((n) => [n.id, n]));
  const state = new Map<string, 'walking' | 'done'>();
  const cycles: string[][] = [];
  for (const start of leftover) {
    if (state.has(start.id)) continue;
    const path: string[] = [];
    let id: string | undefined = start.id;
    while (id !== undefined && !state.has(id)) {
      state.set(id, 'walking');
      path.push(id);
      id = byId.get(id)!.inputs?.find((i) => byId.has(i));
    }
    if (id !== undefined && state.get(id) === 'walking') cycles.push([...path.slice(path.indexOf(id)).reverse()]);
    for (const p of path) state.set(p, 'done');
  }
  return cycles;
}

function ancestors(id: string, byId: Map<string, SpecNode>): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    for (const i of byId.get(stack.pop()!)?.inputs ?? []) {
      if (!seen.has(i)) {
        seen.add(i);
        stack.push(i);
      }
    }
  }
  return seen;
}

/**
 * Validates an already-parsed JSON value. `vocab` sizes the embeddings for parameter counts; `rows`,
 * when the data is known, caps the batch the memory estimate assumes (training caps it the same way).
 */
export function checkSpec(
  raw: unknown,
  vocab: Vocabulary = DEFAULT_VOCABULARY,
  data: { rows?: number } = {},
): CheckResult {
  const parsed = Spec.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: schemaIssues(raw, parsed.error), shapes: {}, params: {} };
  const spec = parsed.data;
  if (spec.training.task === 'classification' && vocab[CLASS_COUNT] === undefined)
    vocab = { ...vocab, [CLASS_COUNT]: 0 };
  if (!vocab[DATA_FEATURES]) vocab = { ...declaredFeatureSizes(spec.nodes.filter((n) => n.op === 'input')), ...vocab };
  const indexOf = new Map(spec.nodes.map((n, i) => [n.id, i]));
  const issues = structureIssues(spec);
  const { order, leftover } = topologicalOrder(spec.nodes);
  for (const cycle of findCycles(leftover)) {
    const around = [...cycle, cycle[0]].map((id) => `'${id}'`).join(' → ');
    issues.push({
      message: `a cycle: ${around} (a node cannot depend on its own output)`,
      nodeId: cycle[0],
      field: 'inputs',
      path: ['nodes', indexOf.get(cycle[0])!, 'inputs'],
    });
  }

  const shapes: Record<string, Shape> = {};
  const params: Record<string, number> = {};
  for (const node of order) {
    const inputIds = node.inputs ?? [];
    if (!inputIds.every((i) => shapes[i])) continue; // an upstream problem is already reported
    const inputs = inputIds.map((id) => ({ id, shape: shapes[id] }));
    const rule = opOf(node);
    if (inputs.length < rule.minInputs || inputs.length > rule.maxInputs) continue;
    try {
      shapes[node.id] = rule.infer(node, inputs, vocab);
      params[node.id] = rule.params(node, inputs, vocab);
    } catch (e) {
      if (!(e instanceof ShapeError)) throw e;
      issues.push({
        message: e.message,
        nodeId: node.id,
        field: e.field,
        path: ['nodes', indexOf.get(node.id)!, e.field],
      });
    }
  }

  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  const output = spec.nodes.find((n) => n.op === 'output');
  if (output && leftover.length === 0) {
    const upstream = ancestors(output.id, byId);
    if (![...upstream].some((id) => byId.get(id)?.op === 'input')) {
      issues.push({
        message: 'no path from any input to the output',
        nodeId: output.id,
        field: 'inputs',
        path: ['nodes', indexOf.get(output.id)!, 'inputs'],
      });
    }
  }
  if (!issues.length)
    issues.push(...sizeIssues({ spec, order, shapes, params }, (id) => indexOf.get(id)!, undefined, data.rows));
  if (issues.length) return { ok: false, issues, spec, shapes, params };
  const totalParams = Object.values(params).reduce((a, b) => a + b, 0);
  return { ok: true, issues, checked: { spec, order, shapes, params, totalParams, outputId: output!.id } };
}
