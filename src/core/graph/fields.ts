/**
 * The editable fields of each op and of the training settings, read from the spec's zod schema
 * so the inspector never drifts from the file format.
 */
import { z } from 'zod';
import { OP_LIST } from '../ops/registry';
import { OpName, Training } from '../spec';

export type FieldKind = 'int' | 'number' | 'enum' | 'boolean' | 'intList' | 'string' | 'earlyStopping';

export interface FieldInfo {
  name: string;
  kind: FieldKind;
  /** May be left out of the file. */
  optional: boolean;
  defaultValue?: unknown;
  options?: string[];
  description?: string;
}

/** Fields that the inspector shows in their own way (id, wiring) or not at all (op, loss). */
const NOT_PARAMS = new Set(['id', 'op', 'inputs', 'loss']);

function describeField(name: string, schema: z.ZodType): FieldInfo {
  let t: z.ZodType = schema;
  let optional = false;
  let defaultValue: unknown;
  const description = schema.description;
  for (;;) {
    if (t instanceof z.ZodOptional) optional = true;
    else if (t instanceof z.ZodDefault) defaultValue = t.def.defaultValue;
    else if (!(t instanceof z.ZodNullable)) break;
    t = (t as z.ZodOptional<z.ZodType>).unwrap();
  }
  const base = { name, optional, defaultValue, description: description ?? t.description };
  if (name === 'earlyStopping') return { ...base, kind: 'earlyStopping' };
  if (t instanceof z.ZodNumber) return { ...base, kind: t.isInt ? 'int' : 'number' };
  if (t instanceof z.ZodEnum) return { ...base, kind: 'enum', options: t.options.map(String) };
  if (t instanceof z.ZodBoolean) return { ...base, kind: 'boolean' };
  if (t instanceof z.ZodArray) return { ...base, kind: 'intList' };
  return { ...base, kind: 'string' };
}

const byOp = new Map<string, FieldInfo[]>(
  OP_LIST.map((o) => [
    o.name,
    Object.entries(o.schema.shape as Record<string, z.ZodType>)
      .filter(([k]) => !NOT_PARAMS.has(k))
      .map(([k, s]) => describeField(k, s)),
  ]),
);

/** The parameters of a node of `op` (label first), in the schema's order. */
export const nodeFields = (op: OpName | string): FieldInfo[] => byOp.get(op) ?? [];

export const trainingFields = (): FieldInfo[] =>
  Object.entries(Training.shape as Record<string, z.ZodType>)
    .filter(([k]) => !NOT_PARAMS.has(k))
    .map(([k, s]) => describeField(k, s));
