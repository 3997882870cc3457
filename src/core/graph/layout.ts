/**
 * Where nodes sit on the canvas: the positions saved in the spec's `layout`, and an automatic
 * layered layout (dagre, top to bottom: inputs first, output last) for the "Arrange" action and
 * for nodes that have no saved position yet.
 */
import * as dagre from '@dagrejs/dagre';
import { inputsOf, JsonObject, layoutOf, Position, RawNode, rawNodes } from './document';

/** Node sizes the canvas draws (CSS uses the same width); the layout only needs them roughly. */
export const NODE_WIDTH = 220;
export function nodeHeight(op: unknown): number {
  return op === 'mlp' ? 116 : op === 'input' || op === 'output' ? 76 : 92;
}
const GAP_Y = 60;

/**
 * The last automatic layout, by the graph's structure: most edits (a width, a name, a setting)
 * leave the structure alone, and a 100-node layout costs tens of milliseconds.
 */
let memo: { key: string; positions: Record<string, Position> } | undefined;

/** Top-left positions for every node of the document, ignoring saved ones. */
export function autoLayout(doc: JsonObject): Record<string, Position> {
  const nodes = rawNodes(doc);
  const key = JSON.stringify(nodes.map((n) => [n.id, n.op, inputsOf(n)]));
  if (memo?.key !== key) memo = { key, positions: computeLayout(nodes) };
  return structuredClone(memo.positions);
}

function computeLayout(nodes: RawNode[]): Record<string, Position> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: GAP_Y, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) g.setNode(n.id, { width: NODE_WIDTH, height: nodeHeight(n.op) });
  const edges = nodes.flatMap((n) =>
    inputsOf(n)
      .filter((i) => ids.has(i) && i !== n.id)
      .map((i) => [i, n.id] as const),
  );
  // Dagre orders a rank against the order edges were added; adding them last to first keeps the
  // file's order left to right (the user input left of the item input, as people draw it).
  for (const [from, to] of edges.reverse()) g.setEdge(from, to);
  dagre.layout(g);
  const out: Record<string, Position> = {};
  for (const n of nodes) {
    const { x, y } = g.node(n.id);
    out[n.id] = { x: Math.round(x - NODE_WIDTH / 2), y: Math.round(y - nodeHeight(n.op) / 2) };
  }
  return out;
}

/**
 * Positions for every node: saved ones as they are; when none is saved, the automatic layout;
 * otherwise each unplaced node goes below its first placed input (or below everything), so a
 * node added in the text editor does not land on top of the drawing.
 */
export function positionsOf(doc: JsonObject): Record<string, Position> {
  const nodes = rawNodes(doc);
  const saved = layoutOf(doc);
  const missing = nodes.filter((n) => !saved[n.id]);
  if (!missing.length) return saved;
  if (missing.length === nodes.length) return autoLayout(doc);
  const out = { ...saved };
  const taken: Box[] = nodes.filter((n) => saved[n.id]).map((n) => ({ ...saved[n.id], h: nodeHeight(n.op) }));
  const bottom = Math.max(...taken.map((p) => p.y + p.h)) + GAP_Y;
  const left = Math.min(...taken.map((p) => p.x));
  for (const n of missing) {
    const anchor = inputsOf(n)
      .map((i) => out[i])
      .find(Boolean);
    const p = freeSpot(anchor ? { x: anchor.x, y: anchor.y + 140 } : { x: left, y: bottom }, taken, nodeHeight(n.op));
    out[n.id] = p;
    taken.push({ ...p, h: nodeHeight(n.op) });
  }
  return out;
}

type Box = Position & { h: number };
const MARGIN = 24;
const TALLEST = nodeHeight('mlp');

/** The first spot from `start` rightwards where a node of height `h` clears every placed node by a margin. */
function freeSpot(start: Position, taken: Box[], h: number): Position {
  const p = { ...start };
  const hits = (q: Box) =>
    Math.abs(q.x - p.x) < NODE_WIDTH + MARGIN && p.y < q.y + q.h + MARGIN && q.y < p.y + h + MARGIN;
  while (taken.some(hits)) p.x += NODE_WIDTH + 40;
  return p;
}

/** A free spot for a new node: below the given node, or below the whole drawing. */
export function spotForNewNode(doc: JsonObject, below?: string): Position {
  const positions = positionsOf(doc);
  const taken = rawNodes(doc)
    .filter((n) => positions[n.id])
    .map((n) => ({ id: n.id, ...positions[n.id], h: nodeHeight(n.op) }));
  if (!taken.length) return { x: 0, y: 0 };
  const anchor = below ? taken.find((b) => b.id === below) : undefined;
  const start = anchor
    ? { x: anchor.x, y: anchor.y + anchor.h + GAP_Y }
    : { x: Math.min(...taken.map((q) => q.x)), y: Math.max(...taken.map((q) => q.y + q.h)) + GAP_Y };
  return freeSpot(start, taken, TALLEST);
}
