/**
 * Turns untrusted JSON into a checked graph: schema validation, graph structure (unknown ops,
 * duplicate or dangling ids, arity, cycles, reachability) and shape inference, with every
 * problem naming the node and field it belongs to.
 */
import { z } from 'zod';
import { OPS } from './ops';
import { OP_NAMES, Spec, SpecNode } from './schema';
import { DEFAULT_VOCABULARY, Shape, ShapeError, Vocabulary } from './shapes';
import { SpecIssue } from './issues';

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
  raw && typeof raw === 'object' && Array.isArray((raw as { nodes?: unknown }).nodes) ? (raw as { nodes: unknown[] }).nodes : [];
const rawNodeId = (node: unknown): string | undefined => {
  const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
};

function schemaIssues(raw: unknown, error: z.ZodError): SpecIssue[] {
  const nodes = rawNodes(raw);
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (path[0] === 'nodes' && typeof path[1] === 'number') {
      const node = nodes[path[1]];
      const op = node && typeof node === 'object' ? (node as { op?: unknown }).op : undefined;
      const field = path.length > 2 ? path.slice(2).join('.') : 'op';
      const message =
        field === 'op' && issue.code === 'invalid_union'
          ? `unknown op ${JSON.stringify(op)}; known ops: ${OP_NAMES.join(', ')}`
          : issue.message;
      return { message, nodeId: rawNodeId(node) ?? `#${path[1]}`, field, path };
    }
    return { message: issue.message, field: path.join('.') || undefined, path };
  });
}

function structureIssues(spec: Spec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const seen = new Map<string, number>();
  spec.nodes.forEach((node, index) => {
    const at = (field: string, message: string) => issues.push({ message, nodeId: node.id, field, path: ['nodes', index, field] });
    if (seen.has(node.id)) at('id', `duplicate id (also nodes[${seen.get(node.id)}])`);
    seen.set(node.id, index);
    const inputs = node.inputs ?? [];
    const rule = OPS[node.op];
    if (inputs.length < rule.minInputs || inputs.length > rule.maxInputs) {
      const want = rule.minInputs === rule.maxInputs ? `exactly ${rule.minInputs}` : rule.maxInputs === Infinity ? `at least ${rule.minInputs}` : `${rule.minInputs} to ${rule.maxInputs}`;
      const named = rule.maxInputs === Infinity ? rule.minInputs : rule.maxInputs;
      at('inputs', `${rule.title} takes ${want} input${named === 1 ? '' : 's'}, got ${inputs.length}`);
    }
  });
  spec.nodes.forEach((node, index) => {
    (node.inputs ?? []).forEach((input, k) => {
      if (!seen.has(input)) issues.push({ message: `input '${input}' is not a node of this spec`, nodeId: node.id, field: 'inputs', path: ['nodes', index, 'inputs', k] });
      if (input === node.id) issues.push({ message: 'a node cannot feed itself', nodeId: node.id, field: 'inputs', path: ['nodes', index, 'inputs', k] });
    });
  });
  const outputs = spec.nodes.map((n, i) => [n, i] as const).filter(([n]) => n.op === 'output');
  if (outputs.length === 0) issues.push({ message: 'the spec has no output node', path: ['nodes'] });
  for (const [n, i] of outputs.slice(1)) issues.push({ message: `a spec has one output; '${outputs[0][0].id}' is the first`, nodeId: n.id, field: 'op', path: ['nodes', i, 'op'] });
  return issues;
}

/** Kahn's topological sort; whatever is left over sits on a cycle. */
function topologicalOrder(nodes: SpecNode[]): { order: SpecNode[]; cyclic: SpecNode[] } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const pending = new Map(nodes.map((n) => [n.id, new Set((n.inputs ?? []).filter((i) => byId.has(i))).size]));
  const consumers = new Map<string, string[]>();
  for (const n of nodes) for (const i of new Set(n.inputs ?? [])) if (byId.has(i)) consumers.set(i, [...(consumers.get(i) ?? []), n.id]);
  const ready = nodes.filter((n) => pending.get(n.id) === 0).map((n) => n.id);
  const order: SpecNode[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(byId.get(id)!);
    for (const c of consumers.get(id) ?? []) {
      const left = pending.get(c)! - 1;
      pending.set(c, left);
      if (left === 0) ready.push(c);
    }
  }
  const placed = new Set(order.map((n) => n.id));
  return { order, cyclic: nodes.filter((n) => !placed.has(n.id)) };
}

function ancestors(id: string, byId: Map<string, SpecNode>): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    for (const i of byId.get(stack.pop()!)?.inputs ?? []) if (!seen.has(i)) (seen.add(i), stack.push(i));
  }
  return seen;
}

/** Validates an already-parsed JSON value. `vocab` sizes the embeddings for parameter counts. */
export function checkSpec(raw: unknown, vocab: Vocabulary = DEFAULT_VOCABULARY): CheckResult {
  const parsed = Spec.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: schemaIssues(raw, parsed.error), shapes: {}, params: {} };
  const spec = parsed.data;
  const indexOf = new Map(spec.nodes.map((n, i) => [n.id, i]));
  const issues = structureIssues(spec);
  const { order, cyclic } = topologicalOrder(spec.nodes);
  for (const n of cyclic) issues.push({ message: 'this node is on a cycle: a node cannot depend on its own output', nodeId: n.id, field: 'inputs', path: ['nodes', indexOf.get(n.id)!, 'inputs'] });

  const shapes: Record<string, Shape> = {};
  const params: Record<string, number> = {};
  for (const node of order) {
    const inputIds = node.inputs ?? [];
    if (!inputIds.every((i) => shapes[i])) continue; // an upstream problem is already reported
    const inputs = inputIds.map((id) => ({ id, shape: shapes[id] }));
    const rule = OPS[node.op] as (typeof OPS)[typeof node.op] & { infer: (n: SpecNode, i: typeof inputs, v: Vocabulary) => Shape; params: (n: SpecNode, i: typeof inputs, v: Vocabulary) => number };
    if (inputs.length < rule.minInputs || inputs.length > rule.maxInputs) continue;
    try {
      shapes[node.id] = rule.infer(node, inputs, vocab);
      params[node.id] = rule.params(node, inputs, vocab);
    } catch (e) {
      if (!(e instanceof ShapeError)) throw e;
      issues.push({ message: e.message, nodeId: node.id, field: e.field, path: ['nodes', indexOf.get(node.id)!, e.field] });
    }
  }

  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  const output = spec.nodes.find((n) => n.op === 'output');
  if (output && cyclic.length === 0) {
    const upstream = ancestors(output.id, byId);
    if (![...upstream].some((id) => byId.get(id)?.op === 'input')) {
      issues.push({ message: 'no path from any input to the output', nodeId: output.id, field: 'inputs', path: ['nodes', indexOf.get(output.id)!, 'inputs'] });
    }
  }
  if (issues.length) return { ok: false, issues, spec, shapes, params };
  const totalParams = Object.values(params).reduce((a, b) => a + b, 0);
  return { ok: true, issues, checked: { spec, order, shapes, params, totalParams, outputId: output!.id } };
}
