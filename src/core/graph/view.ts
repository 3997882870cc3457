/**
 * Everything the canvas draws, derived from the file's text in one pass: nodes with their saved
 * or automatic positions, the shape on every wire, parameter counts, and each problem attached to
 * the node that causes it. A spec that fails validation still shows as much of its graph as can
 * be checked, so a person sees where the problem is rather than only a list.
 */
import { findNodeAtLocation, Node as JsonNode, parseTree } from 'jsonc-parser';
import {
  checkSpec,
  checkSpecText,
  DEFAULT_VOCABULARY,
  formatIssue,
  formatShape,
  isOpName,
  OPS,
  Shape,
  Spec,
  SpecIssue,
  SpecNode,
  Training,
  Vocabulary,
} from '../spec';
import { inputsOf, isObject, isRawNode, JsonObject, nodeList, Position, RawNode, readDocument } from './document';
import { positionsOf } from './layout';

export interface ViewIssue extends SpecIssue {
  /** One line for a person: "line 12: node 'gmf', field 'inputs': Hadamard needs equal widths: …". */
  text: string;
}

export interface NodeView {
  id: string;
  op: string;
  /** The op's title, or the unknown op's name. */
  title: string;
  label?: string;
  /** The node as written in the file. */
  raw: RawNode;
  inputs: string[];
  position: Position;
  shape?: string;
  params?: number;
  issues: ViewIssue[];
}

export interface EdgeView {
  id: string;
  source: string;
  target: string;
  /** Position among the target's inputs (order matters to concat and dense). */
  index: number;
  /** The shape flowing along the wire, e.g. `[32]`. */
  label?: string;
  /** The target reports a problem with its inputs. */
  faulty: boolean;
}

export type SpecView =
  | { kind: 'unreadable'; issues: ViewIssue[] }
  | {
      kind: 'graph';
      name: string;
      description?: string;
      formula?: string;
      nodes: NodeView[];
      edges: EdgeView[];
      /** Every problem, with node problems also on their nodes. */
      issues: ViewIssue[];
      totalParams: number;
      valid: boolean;
      /** The checked spec (defaults filled in), when valid: what training and code generation use. */
      spec?: Spec;
      /** Training settings as written, over the defaults. */
      training: JsonObject;
      empty: boolean;
    };

const toViewIssue = (issue: SpecIssue): ViewIssue => ({
  ...issue,
  text: formatIssue(issue, issue.line !== undefined ? 'line' : undefined).replace(/^line:(\d+)/, 'line $1'),
});

function lineOf(tree: JsonNode | undefined, text: string, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0 && tree; n--) {
    const found = findNodeAtLocation(tree, path.slice(0, n));
    if (found) return text.slice(0, found.offset).split('\n').length;
  }
  return undefined;
}

interface Checked {
  shapes: Record<string, Shape>;
  params: Record<string, number>;
  issues: SpecIssue[];
  spec?: Spec;
  totalParams?: number;
}

/**
 * When the schema rejects some nodes, check the graph of the nodes it accepts, so the others still
 * get shapes. Problems found that way are kept only for nodes with no rejected node upstream (the
 * rest are consequences of the rejected ones).
 */
function salvage(raw: JsonObject, text: string, schemaIssues: SpecIssue[], vocab: Vocabulary): Checked {
  const all = nodeList(raw) ?? [];
  const accepted = all.filter((n) => SpecNode.safeParse(n).success) as SpecNode[];
  const rejected = new Set(
    all
      .filter(isRawNode)
      .map((n) => n.id)
      .filter((id) => !accepted.some((a) => a.id === id)),
  );
  const second = checkSpec({ version: 1, name: 'salvage', nodes: accepted }, vocab);
  const byId = new Map(all.filter(isRawNode).map((n) => [n.id, n]));
  const tainted = (id: string, seen = new Set<string>()): boolean => {
    if (rejected.has(id)) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return inputsOf(byId.get(id) ?? {}).some((i) => tainted(i, seen));
  };
  const rawIndex = new Map(all.map((n, i) => [isRawNode(n) ? n.id : '', i]));
  const tree = parseTree(text);
  const extra = second.issues
    .filter((i) => i.nodeId !== undefined && !tainted(i.nodeId))
    .map((i) => {
      const path = ['nodes', rawIndex.get(i.nodeId!) ?? 0, ...i.path.slice(2)];
      return { ...i, path, line: lineOf(tree, text, path) };
    });
  const found = second.ok ? second.checked : second;
  return { shapes: found.shapes, params: found.params, issues: [...schemaIssues, ...extra] };
}

function check(text: string, raw: JsonObject, vocab: Vocabulary): Checked {
  const result = checkSpecText(text, vocab);
  if (result.ok) return { ...result.checked, issues: result.issues };
  if (result.spec) return result;
  return salvage(raw, text, result.issues, vocab);
}

/** Derives the canvas's view of the file's text (an empty file is an empty architecture). */
export function deriveView(text: string, vocab: Vocabulary = DEFAULT_VOCABULARY): SpecView {
  const read = readDocument(text);
  if (!read.ok)
    return { kind: 'unreadable', issues: [toViewIssue({ message: read.message, path: [], line: read.line })] };
  const doc = read.doc;
  const nodes = (nodeList(doc) ?? []).filter(isRawNode);
  const empty = nodes.length === 0 && text.trim() === '';
  const checked: Checked = empty ? { shapes: {}, params: {}, issues: [] } : check(text, doc, vocab);
  const issues = checked.issues.map(toViewIssue);
  const positions = positionsOf(doc);

  const seen = new Set<string>();
  const nodeViews: NodeView[] = [];
  for (const n of nodes) {
    if (seen.has(n.id)) continue; // a duplicate id is reported; the canvas shows the first
    seen.add(n.id);
    const op = typeof n.op === 'string' ? n.op : '?';
    const shape = checked.shapes[n.id];
    nodeViews.push({
      id: n.id,
      op,
      title: isOpName(op) ? OPS[op].title : `Unknown op “${op}”`,
      label: typeof n.label === 'string' ? n.label : undefined,
      raw: n,
      inputs: inputsOf(n),
      position: positions[n.id] ?? { x: 0, y: 0 },
      shape: shape ? formatShape(shape) : undefined,
      params: checked.params[n.id],
      issues: issues.filter((i) => i.nodeId === n.id),
    });
  }

  const edges: EdgeView[] = [];
  for (const n of nodeViews) {
    const faulty = n.issues.some((i) => i.field === 'inputs' || (i.field ?? '').startsWith('inputs.'));
    n.inputs.forEach((source, index) => {
      if (!seen.has(source)) return;
      const shape = checked.shapes[source];
      edges.push({
        id: `${source}->${n.id}#${index}`,
        source,
        target: n.id,
        index,
        label: shape ? formatShape(shape) : undefined,
        faulty,
      });
    });
  }

  const valid = !empty && issues.length === 0 && checked.spec !== undefined;
  return {
    kind: 'graph',
    name: typeof doc.name === 'string' ? doc.name : 'Untitled',
    description: typeof doc.description === 'string' ? doc.description : undefined,
    formula: typeof doc.formula === 'string' ? doc.formula : undefined,
    nodes: nodeViews,
    edges,
    issues,
    totalParams: checked.totalParams ?? Object.values(checked.params).reduce((a, b) => a + b, 0),
    valid,
    spec: valid ? checked.spec : undefined,
    training: { ...Training.parse({}), ...(isObject(doc.training) ? doc.training : {}) },
    empty,
  };
}
