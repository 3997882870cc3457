/**
 * The edits a person makes on the canvas, as data: the webview sends them, the host checks them
 * with these schemas (a webview is untrusted) and applies them to the document. Each edit is a
 * pure function of the document, so it is tested without an editor and undone by the editor.
 */
import { z } from 'zod';
import { OPS, OP_NAMES, OpName, Training, isOpName } from '../spec';
import { presetDocument, PRESET_NAMES } from '../presets';
import {
  BLANK_START,
  blankDocument,
  emptyDocument,
  inputsOf,
  isObject,
  isRawNode,
  JsonObject,
  layoutOf,
  nodeList,
  Position,
  rawNodes,
  readDocument,
} from './document';
import { formatSpecDocument } from './format';
import { autoLayout, positionsOf } from './layout';
import { newNodeIdBase, newNodeParams } from './palette';

const position = z.object({ x: z.number().finite(), y: z.number().finite() });
const nodeId = z.string().min(1).max(200);
const op = z.enum(OP_NAMES as [OpName, ...OpName[]]);
const jsonValue = z.json();
/** The loss is fixed (MSE), so it is not an editable setting. */
const TRAINING_FIELDS = Object.keys(Training.shape).filter((k) => k !== 'loss') as [
  keyof Training,
  ...(keyof Training)[],
];
/** Fields that only dedicated edits change, so that references stay consistent. */
const STRUCTURAL = new Set(['id', 'op', 'inputs']);

export const GraphEdit = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('addNode'),
    op,
    params: z.record(z.string(), jsonValue).optional(),
    idBase: z.string().max(60).optional(),
    position: position.optional(),
  }),
  z.strictObject({ kind: z.literal('connect'), source: nodeId, target: nodeId }),
  z.strictObject({ kind: z.literal('disconnect'), source: nodeId, target: nodeId }),
  z.strictObject({ kind: z.literal('setInputs'), id: nodeId, inputs: z.array(nodeId).max(100) }),
  z.strictObject({ kind: z.literal('deleteNodes'), ids: z.array(nodeId).min(1).max(10000) }),
  z.strictObject({ kind: z.literal('rename'), id: nodeId, newId: z.string().max(200) }),
  z.strictObject({
    kind: z.literal('setParam'),
    id: nodeId,
    field: z.string().min(1).max(100),
    value: jsonValue.nullable(),
  }),
  z.strictObject({ kind: z.literal('moveNodes'), positions: z.record(nodeId, position) }),
  z.strictObject({ kind: z.literal('arrange') }),
  z.strictObject({
    kind: z.literal('paste'),
    nodes: z.array(z.record(z.string(), jsonValue)).min(1).max(1000),
    positions: z.record(z.string(), position).optional(),
    offset: position.optional(),
  }),
  z.strictObject({ kind: z.literal('setTraining'), field: z.enum(TRAINING_FIELDS), value: jsonValue.nullable() }),
  z.strictObject({
    kind: z.literal('setMeta'),
    field: z.enum(['name', 'description', 'formula']),
    value: z.string().max(2000),
  }),
  z.strictObject({ kind: z.literal('loadPreset'), name: z.string() }),
]);
export type GraphEdit = z.infer<typeof GraphEdit>;

export type EditResult = { ok: true; doc: JsonObject; select?: string[] } | { ok: false; message: string };

const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `base`, or `base2`, `base3`, … whichever is free. */
export function uniqueId(base: string, taken: Set<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_') || 'node';
  if (!taken.has(clean)) return clean;
  for (let k = 2; ; k++) if (!taken.has(`${clean}${k}`)) return `${clean}${k}`;
}

/** The node list with `change` applied to each node object (other entries kept as they are). */
function mapNodes(doc: JsonObject, change: (n: JsonObject & { id: string }) => JsonObject | null): JsonObject {
  const nodes = (nodeList(doc) ?? []).flatMap((n) => {
    if (!isRawNode(n)) return [n];
    const next = change(n);
    return next ? [next] : [];
  });
  return { ...doc, nodes };
}

function withLayout(doc: JsonObject, positions: Record<string, Position>): JsonObject {
  const layout: Record<string, Position> = {};
  for (const n of rawNodes(doc))
    if (positions[n.id]) layout[n.id] = { x: Math.round(positions[n.id].x), y: Math.round(positions[n.id].y) };
  return { ...doc, layout };
}

const maxInputsOf = (opName: unknown) => (isOpName(opName) ? OPS[opName].maxInputs : Infinity);

function connect(doc: JsonObject, source: string, target: string): EditResult {
  const ids = new Set(rawNodes(doc).map((n) => n.id));
  if (!ids.has(source)) return { ok: false, message: `there is no node '${source}'` };
  if (!ids.has(target)) return { ok: false, message: `there is no node '${target}'` };
  if (source === target) return { ok: false, message: 'a node cannot feed itself' };
  const targetNode = rawNodes(doc).find((n) => n.id === target)!;
  const max = maxInputsOf(targetNode.op);
  if (max === 0) return { ok: false, message: `'${target}' is an input: it takes no inputs` };
  const inputs = inputsOf(targetNode);
  if (inputs.includes(source)) return { ok: true, doc };
  // A one-input node swaps its input rather than growing an invalid second one.
  const next = max === 1 ? [source] : [...inputs, source];
  return { ok: true, doc: mapNodes(doc, (n) => (n.id === target ? { ...n, inputs: next } : n)) };
}

function rename(doc: JsonObject, id: string, newId: string): EditResult {
  if (id === newId) return { ok: true, doc };
  if (!ID_PATTERN.test(newId))
    return {
      ok: false,
      message: `'${newId}' is not a valid id: start with a letter or _ and use only letters, digits and _`,
    };
  const nodes = rawNodes(doc);
  if (!nodes.some((n) => n.id === id)) return { ok: false, message: `there is no node '${id}'` };
  if (nodes.some((n) => n.id === newId)) return { ok: false, message: `'${newId}' is already the id of another node` };
  let next = mapNodes(doc, (n) => {
    const renamed = n.id === id ? { ...n, id: newId } : n;
    return Array.isArray(n.inputs) ? { ...renamed, inputs: n.inputs.map((i) => (i === id ? newId : i)) } : renamed;
  });
  if (isObject(doc.layout) && id in doc.layout) {
    // Rebuild the layout in the same key order with the new key in place of the old one.
    next = {
      ...next,
      layout: Object.fromEntries(Object.entries(doc.layout).map(([k, v]) => [k === id ? newId : k, v])),
    };
  }
  return { ok: true, doc: next, select: [newId] };
}

function deleteNodes(doc: JsonObject, ids: string[]): EditResult {
  const gone = new Set(ids);
  let next = mapNodes(doc, (n) => {
    if (gone.has(n.id)) return null;
    return Array.isArray(n.inputs) && n.inputs.some((i) => typeof i === 'string' && gone.has(i))
      ? { ...n, inputs: n.inputs.filter((i) => !(typeof i === 'string' && gone.has(i))) }
      : n;
  });
  if (isObject(doc.layout))
    next = { ...next, layout: Object.fromEntries(Object.entries(doc.layout).filter(([k]) => !gone.has(k))) };
  return { ok: true, doc: next, select: [] };
}

function addNode(doc: JsonObject, edit: Extract<GraphEdit, { kind: 'addNode' }>): EditResult {
  const taken = new Set(rawNodes(doc).map((n) => n.id));
  const id = uniqueId(edit.idBase ?? newNodeIdBase(edit.op), taken);
  const params = edit.params ? { ...edit.params } : newNodeParams(edit.op);
  for (const key of STRUCTURAL) delete params[key];
  if (OPS[edit.op].maxInputs > 0) params.inputs = [];
  const node = { id, op: edit.op, ...params };
  // Place everything that had no saved position first, so the drawing does not move under the person.
  const placed = positionsOf(doc);
  const next = { ...doc, nodes: [...(nodeList(doc) ?? []), node] };
  return { ok: true, doc: withLayout(next, { ...placed, [id]: edit.position ?? newSpot(placed) }), select: [id] };
}

function newSpot(placed: Record<string, Position>): Position {
  const all = Object.values(placed);
  return all.length
    ? { x: Math.min(...all.map((p) => p.x)), y: Math.max(...all.map((p) => p.y)) + 140 }
    : { x: 0, y: 0 };
}

function paste(doc: JsonObject, edit: Extract<GraphEdit, { kind: 'paste' }>): EditResult {
  const taken = new Set(rawNodes(doc).map((n) => n.id));
  const copies = (edit.nodes as unknown[]).filter(isRawNode);
  if (!copies.length) return { ok: false, message: 'nothing to paste: the clipboard holds no nodes' };
  const newIds = new Map<string, string>();
  for (const n of copies) {
    const id = uniqueId(n.id, taken);
    taken.add(id);
    newIds.set(n.id, id);
  }
  const offset = edit.offset ?? { x: 40, y: 40 };
  const placed = positionsOf(doc);
  const pasted = copies.map((n, k) => {
    const copy: JsonObject = { ...n, id: newIds.get(n.id)! };
    // Wires inside the copied group are kept; wires from outside it are not.
    if (Array.isArray(n.inputs))
      copy.inputs = n.inputs
        .filter((i): i is string => typeof i === 'string' && newIds.has(i))
        .map((i) => newIds.get(i)!);
    const from = edit.positions?.[n.id] ?? { x: k * 40, y: k * 40 };
    placed[copy.id as string] = { x: from.x + offset.x, y: from.y + offset.y };
    return copy;
  });
  const next = { ...doc, nodes: [...(nodeList(doc) ?? []), ...pasted] };
  return { ok: true, doc: withLayout(next, placed), select: [...newIds.values()] };
}

function setParam(doc: JsonObject, id: string, field: string, value: unknown): EditResult {
  if (STRUCTURAL.has(field))
    return { ok: false, message: `'${field}' is changed by its own action, not as a parameter` };
  if (!rawNodes(doc).some((n) => n.id === id)) return { ok: false, message: `there is no node '${id}'` };
  return {
    ok: true,
    doc: mapNodes(doc, (n) => {
      if (n.id !== id) return n;
      const next = { ...n };
      if (value === null) delete next[field];
      else next[field] = value;
      return next;
    }),
  };
}

function setInputs(doc: JsonObject, id: string, inputs: string[]): EditResult {
  const node = rawNodes(doc).find((n) => n.id === id);
  if (!node) return { ok: false, message: `there is no node '${id}'` };
  if (maxInputsOf(node.op) === 0 && inputs.length)
    return { ok: false, message: `'${id}' is an input: it takes no inputs` };
  if (inputs.includes(id)) return { ok: false, message: 'a node cannot feed itself' };
  return { ok: true, doc: mapNodes(doc, (n) => (n.id === id ? { ...n, inputs } : n)) };
}

function setTraining(doc: JsonObject, field: string, value: unknown): EditResult {
  const training = isObject(doc.training) ? { ...doc.training } : {};
  if (value === null && field !== 'earlyStopping') delete training[field];
  else training[field] = value;
  return { ok: true, doc: { ...doc, training } };
}

/** Edits that change the graph's structure, which would move every automatically placed node. */
const STRUCTURE_EDITS = new Set<GraphEdit['kind']>(['connect', 'disconnect', 'setInputs', 'deleteNodes', 'rename']);

/**
 * Saves the positions the canvas shows when some are not saved yet, so that a change of structure
 * does not rearrange the drawing under the person's hands.
 */
function pinLayout(doc: JsonObject): JsonObject {
  const saved = layoutOf(doc);
  return rawNodes(doc).every((n) => saved[n.id]) ? doc : withLayout(doc, positionsOf(doc));
}

/** Applies one edit to a parsed document. The result may be an invalid spec: the canvas shows why. */
export function applyGraphEdit(doc: JsonObject, edit: GraphEdit): EditResult {
  if (edit.kind === 'loadPreset') {
    if (edit.name === BLANK_START)
      return { ok: true, doc: blankDocument(typeof doc.name === 'string' ? doc.name : undefined), select: [] };
    if (!PRESET_NAMES.includes(edit.name))
      return { ok: false, message: `unknown preset '${edit.name}'; presets: ${PRESET_NAMES.join(', ')}` };
    return { ok: true, doc: presetDocument(edit.name) as JsonObject, select: [] };
  }
  if (!nodeList(doc))
    return { ok: false, message: 'the spec\'s "nodes" is not a list; fix it in the text editor first' };
  if (STRUCTURE_EDITS.has(edit.kind)) doc = pinLayout(doc);
  switch (edit.kind) {
    case 'addNode':
      return addNode(doc, edit);
    case 'connect':
      return connect(doc, edit.source, edit.target);
    case 'disconnect': {
      const target = rawNodes(doc).find((n) => n.id === edit.target);
      if (!target) return { ok: false, message: `there is no node '${edit.target}'` };
      return setInputs(
        doc,
        edit.target,
        inputsOf(target).filter((i) => i !== edit.source),
      );
    }
    case 'setInputs':
      return setInputs(doc, edit.id, edit.inputs);
    case 'deleteNodes':
      return deleteNodes(doc, edit.ids);
    case 'rename':
      return rename(doc, edit.id, edit.newId);
    case 'setParam':
      return setParam(doc, edit.id, edit.field, edit.value);
    case 'moveNodes':
      return { ok: true, doc: withLayout(doc, { ...positionsOf(doc), ...edit.positions }) };
    case 'arrange':
      return { ok: true, doc: withLayout(doc, autoLayout(doc)) };
    case 'paste':
      return paste(doc, edit);
    case 'setTraining':
      return setTraining(doc, edit.field, edit.value);
    case 'setMeta':
      // An emptied formula or description goes from the file (the builder then shows the derived formula).
      if (edit.field !== 'name' && edit.value.trim() === '') {
        const { [edit.field]: _gone, ...rest } = doc;
        return { ok: true, doc: rest };
      }
      return { ok: true, doc: { ...doc, [edit.field]: edit.value } };
  }
}

export type TextEditResult = { ok: true; text: string; select?: string[] } | { ok: false; message: string };

/**
 * The host's whole job for an edit: read the file's text, apply the edit, write it back in the
 * editor's format. A file that is not JSON is never rewritten, except by loading a preset into it.
 */
export function applyEditToText(text: string, edit: GraphEdit, nameForNew?: string): TextEditResult {
  const read = readDocument(text, nameForNew);
  if (!read.ok && edit.kind !== 'loadPreset')
    return { ok: false, message: `${read.message}; fix it in the text editor first` };
  const result = applyGraphEdit(read.ok ? read.doc : emptyDocument(nameForNew), edit);
  if (!result.ok) return result;
  return { ok: true, text: formatSpecDocument(result.doc), select: result.select };
}
