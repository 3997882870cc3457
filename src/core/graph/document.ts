/**
 * The spec file as the editor sees it: the parsed JSON kept as it is written (no defaults filled
 * in, unknown keys kept), so that an edit changes only what the person changed, even in a spec
 * that does not validate yet.
 */
import { parse, ParseError, printParseErrorCode } from 'jsonc-parser';
import { SPEC_VERSION } from '../spec';

export type JsonObject = Record<string, unknown>;
/** JSON proper, for values that cross to the host (where they are checked as JSON). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonRecord = { [key: string]: JsonValue };
export interface Position {
  x: number;
  y: number;
}

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A node of the document that the canvas can show: an object with a string id. */
export interface RawNode extends JsonObject {
  id: string;
}
export const isRawNode = (v: unknown): v is RawNode => isObject(v) && typeof v.id === 'string';

export type ReadResult = { ok: true; doc: JsonObject } | { ok: false; message: string; line?: number };

/** A brand new architecture: what an empty `*.ncf.json` becomes on its first edit. */
export function emptyDocument(name = 'Untitled'): JsonObject {
  return { version: SPEC_VERSION, name, nodes: [] };
}

/** The gallery's blank start: what every rating model has, a user and an item input and an output (with μ). */
export const BLANK_START = 'empty';
export function blankDocument(name = 'Untitled'): JsonObject {
  return {
    version: SPEC_VERSION,
    name,
    nodes: [
      { id: 'user', op: 'input', field: 'user' },
      { id: 'item', op: 'input', field: 'item' },
      { id: 'rating', op: 'output', globalMean: true, inputs: [] },
    ],
  };
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Parses the file's text; an empty file reads as a new, empty architecture. */
export function readDocument(text: string, nameForNew?: string): ReadResult {
  if (text.trim() === '') return { ok: true, doc: emptyDocument(nameForNew) };
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  if (errors.length) {
    return {
      ok: false,
      message: `the file is not valid JSON (${printParseErrorCode(errors[0].error)})`,
      line: lineAt(text, errors[0].offset),
    };
  }
  if (!isObject(raw))
    return { ok: false, message: 'the file must hold a JSON object with "version", "name" and "nodes"', line: 1 };
  return { ok: true, doc: raw };
}

/** The document's node list; `undefined` when `nodes` is present but not a list (the graph cannot be edited then). */
export function nodeList(doc: JsonObject): unknown[] | undefined {
  if (doc.nodes === undefined) return [];
  return Array.isArray(doc.nodes) ? doc.nodes : undefined;
}

export const rawNodes = (doc: JsonObject): RawNode[] => (nodeList(doc) ?? []).filter(isRawNode);

export const inputsOf = (node: JsonObject): string[] =>
  Array.isArray(node.inputs) ? node.inputs.filter((i): i is string => typeof i === 'string') : [];

/** The saved canvas positions, keeping only well-formed entries. */
export function layoutOf(doc: JsonObject): Record<string, Position> {
  const out: Record<string, Position> = {};
  if (!isObject(doc.layout)) return out;
  for (const [id, p] of Object.entries(doc.layout)) {
    if (isObject(p) && typeof p.x === 'number' && typeof p.y === 'number') out[id] = { x: p.x, y: p.y };
  }
  return out;
}
