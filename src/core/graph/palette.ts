/**
 * What the palette offers: every op of the registry (src/core/ops/registry.ts), and the input op
 * once per kind of input. Each entry is the node a person gets when they drop it on the canvas.
 */
import type { DataFeature } from '../data/dataFeatures';
import { FEATURE_NAME, FEATURES } from '../ops/input';
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
  /** A feature's kind and width, shown beside its name ("categorical · 21"). */
  detail?: string;
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

const FEATURE_FIELDS = { user: 'userFeature', item: 'itemFeature' } as const;

/** A feature's kind as the palette shows it: "numeric", "categorical · 21", "multi-valued · 19". */
export function featureKindLabel(f: Pick<DataFeature, 'kind' | 'width'>): string {
  if (f.kind === 'numeric') return 'numeric';
  return `${f.kind === 'categorical' ? 'categorical' : 'multi-valued'} · ${f.width}`;
}

/** A node id from a column name (which may hold '.' or '-'). */
const idFor = (name: string) => name.replace(/[^A-Za-z0-9_]/g, '_');

/** Whether a spec can name the column (a column named '2nd' cannot: it is not offered). */
const nameable = (f: DataFeature) => FEATURE_NAME.test(f.name);

function featureEntry(f: DataFeature, dataLabel: string): PaletteEntry {
  const field = FEATURE_FIELDS[f.side];
  const builtin = Object.hasOwn(FEATURES, f.name);
  // A feature file's column declares its kind and width, so the spec is checked before the data is loaded.
  const declared: JsonRecord = builtin
    ? {}
    : f.kind === 'numeric'
      ? { kind: f.kind }
      : { kind: f.kind, width: f.width };
  return {
    key: `input:${field}:${f.name}`,
    op: 'input',
    group: 'Inputs',
    title: f.name,
    detail: featureKindLabel(f),
    description: `The ${f.side}'s feature '${f.name}' in ${dataLabel} (${featureKindLabel(f)})`,
    idBase: idFor(f.name),
    params: { field, feature: f.name, ...declared },
  };
}

/**
 * The palette for data with these features: the generic user (item) feature entry gives way to one
 * entry per feature of that side the data has. Without data, or for a side the data has no feature
 * of, the generic entry stays.
 */
export function paletteFor(data: { label: string; features: DataFeature[] } | undefined): PaletteEntry[] {
  if (!data) return PALETTE;
  return PALETTE.flatMap((entry) => {
    const side = (['user', 'item'] as const).find((s) => entry.key === `input:${FEATURE_FIELDS[s]}`);
    const features = side ? data.features.filter((f) => f.side === side && nameable(f)) : [];
    return features.length ? features.map((f) => featureEntry(f, data.label)) : [entry];
  });
}
