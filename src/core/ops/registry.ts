/**
 * Every op, one line each: the spec's schema, the checker, the builder's palette and canvas and the
 * code generators all iterate this list. An op's TensorFlow.js part is listed in ./engines.ts.
 */
import type { z } from 'zod';
import type { OpDefinition } from './definition';
import { add } from './add';
import { bias } from './bias';
import { concat } from './concat';
import { cosine } from './cosine';
import { dense } from './dense';
import { dot } from './dot';
import { dropout } from './dropout';
import { embedding } from './embedding';
import { flatten } from './flatten';
import { hadamard } from './hadamard';
import { input } from './input';
import { mlp } from './mlp';
import { output } from './output';
import { pooling } from './pooling';

/** In palette order within each group. */
export const OP_LIST = [
  input,
  embedding,
  bias,
  dense,
  mlp,
  dropout,
  pooling,
  flatten,
  concat,
  hadamard,
  dot,
  cosine,
  add,
  output,
] as const;

type Definitions = (typeof OP_LIST)[number];
export type OpName = Definitions['name'];
/** The node of op K, as the schema outputs it (defaults filled in). */
export type NodeOf<K extends OpName> = z.output<Extract<Definitions, { name: K }>['schema']>;
export type SpecNode = { [K in OpName]: NodeOf<K> }[OpName];

export const OP_NAMES: OpName[] = OP_LIST.map((d) => d.name);
export const OPS = Object.fromEntries(OP_LIST.map((d) => [d.name, d])) as unknown as {
  [K in OpName]: OpDefinition<NodeOf<K>>;
};

export const isOpName = (op: unknown): op is OpName => typeof op === 'string' && Object.hasOwn(OPS, op);

/** The definition of a node's op, typed for that node (a union can't pick its member's method by itself). */
export const opOf = (node: SpecNode): OpDefinition<SpecNode> => OPS[node.op] as unknown as OpDefinition<SpecNode>;

/** The schemas of all ops, for the discriminated union of nodes. */
type SchemasOf<T extends readonly unknown[]> = {
  -readonly [I in keyof T]: T[I] extends { schema: infer S } ? S : never;
};
export const OP_SCHEMAS = OP_LIST.map((d) => d.schema) as unknown as SchemasOf<typeof OP_LIST>;
