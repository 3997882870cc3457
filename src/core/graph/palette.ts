/**
 * What the palette offers: every op, and the input op once per kind of input. Each entry is
 * the node a person gets when they drop it on the canvas (parameters a new node starts with).
 */
import { OPS, OpName } from '../spec';
import { JsonObject, JsonRecord } from './document';

export interface PaletteEntry {
  /** Stable key, also the drag-and-drop payload. */
  key: string;
  op: OpName;
  title: string;
  description: string;
  group: 'Inputs' | 'Layers' | 'Merge' | 'Output';
  /** The id a new node gets (made unique by a number when taken). */
  idBase: string;
  params: JsonRecord;
}

const takesInputs = (op: OpName) => OPS[op].maxInputs > 0;

/** Parameters of a new node of each op; the mapped type makes a new op add an entry here. */
const NEW_NODE: { [K in OpName]: { idBase: string; params: JsonRecord; group: PaletteEntry['group']; description: string } } = {
  input: { idBase: 'user', params: { field: 'user' }, group: 'Inputs', description: 'User id' },
  embedding: { idBase: 'emb', params: { dim: 32 }, group: 'Layers', description: 'Looks up a learned vector per id' },
  bias: { idBase: 'bias', params: {}, group: 'Layers', description: 'A learned scalar per id (a 1-dim embedding)' },
  dense: { idBase: 'dense', params: { units: 1 }, group: 'Layers', description: 'A fully connected layer' },
  mlp: { idBase: 'mlp', params: { units: [64, 32, 16], activation: 'relu' }, group: 'Layers', description: 'A tower of dense layers' },
  dropout: { idBase: 'drop', params: { rate: 0.2 }, group: 'Layers', description: 'Randomly zeroes inputs while training' },
  pooling: { idBase: 'pool', params: { mode: 'mean' }, group: 'Layers', description: 'Averages a sequence of vectors into one' },
  concat: { idBase: 'concat', params: {}, group: 'Merge', description: 'Joins vectors end to end' },
  hadamard: { idBase: 'prod', params: {}, group: 'Merge', description: 'Element-wise product of equal-width vectors' },
  dot: { idBase: 'dot', params: {}, group: 'Merge', description: 'Dot product of two equal-width vectors' },
  add: { idBase: 'sum', params: {}, group: 'Merge', description: 'Element-wise sum of equal-width vectors' },
  output: { idBase: 'rating', params: {}, group: 'Output', description: 'The predicted rating (width 1)' },
};

/** Fresh parameters for a node of `op` (a new object each call). */
export function newNodeParams(op: OpName): JsonObject {
  const params = structuredClone(NEW_NODE[op].params);
  return takesInputs(op) ? { ...params, inputs: [] } : params;
}
export const newNodeIdBase = (op: OpName) => NEW_NODE[op].idBase;

const INPUT_KINDS: Omit<PaletteEntry, 'op' | 'group'>[] = [
  { key: 'input:user', title: 'User id', idBase: 'user', params: { field: 'user' }, description: 'The user of each rating' },
  { key: 'input:item', title: 'Item id', idBase: 'item', params: { field: 'item' }, description: 'The rated item' },
  { key: 'input:userFeature', title: 'User feature', idBase: 'userFeat', params: { field: 'userFeature', feature: 'age' }, description: 'A side feature of the user (age, gender, occupation)' },
  { key: 'input:itemFeature', title: 'Item feature', idBase: 'itemFeat', params: { field: 'itemFeature', feature: 'genres' }, description: 'A side feature of the item (genres, year)' },
  { key: 'input:tokens', title: 'Token sequence', idBase: 'tokens', params: { field: 'tokens', length: 50 }, description: 'Padded token ids, e.g. the words of a review' },
];

export const PALETTE: PaletteEntry[] = [
  ...INPUT_KINDS.map((e) => ({ ...e, op: 'input' as const, group: 'Inputs' as const })),
  ...(Object.keys(NEW_NODE) as OpName[])
    .filter((op) => op !== 'input')
    .map((op) => ({ key: op, op, title: OPS[op].title, description: NEW_NODE[op].description, group: NEW_NODE[op].group, idBase: NEW_NODE[op].idBase, params: NEW_NODE[op].params })),
];

export const paletteEntry = (key: string): PaletteEntry | undefined => PALETTE.find((e) => e.key === key);
