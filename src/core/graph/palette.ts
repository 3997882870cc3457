/**
 * What the palette offers: every op of the registry (src/core/ops/registry.ts), and the input op
 * once per kind of input. Each entry is the node a person gets when they drop it on the canvas.
 */
import { OPS, OP_LIST, OpName, PaletteGroup } from '../spec';
import { JsonObject, JsonRecord } from './document';

export interface PaletteEntry {
  /** Stable key, also the drag-and-drop payload. */
  key: string;
  op: OpName;
  title: string;
  description: string;
  group: PaletteGroup;
  /** The id a new node gets (made unique by a number when taken). */
  idBase: string;
  params: JsonRecord;
}

/** Fresh parameters for a node of `op` (a new object each call). */
export function newNodeParams(op: OpName): JsonObject {
  const params = structuredClone(OPS[op].palette.params);
  return OPS[op].maxInputs > 0 ? { ...params, inputs: [] } : params;
}
export const newNodeIdBase = (op: OpName) => OPS[op].palette.idBase;

export const PALETTE: PaletteEntry[] = OP_LIST.flatMap((def) => {
  const { idBase, params, variants } = def.palette;
  const common = { op: def.name, group: def.group };
  return variants
    ? variants.map((v) => ({ ...v, ...common }))
    : [{ key: def.name, title: def.title, description: def.description, idBase, params, ...common }];
});

export const paletteEntry = (key: string): PaletteEntry | undefined => PALETTE.find((e) => e.key === key);
