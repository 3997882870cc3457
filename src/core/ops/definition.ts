/**
 * What an op is: everything the spec checker, the visual builder and the code generators know about
 * it, in one object per op (`src/core/ops/<op>/index.ts`). Its TensorFlow.js layer and fast-engine
 * node live beside it in `engine.ts`, so that this part stays free of TensorFlow.js (the webview
 * bundles it). `defineOp` insists on every part: a definition that lacks one does not compile.
 */
import type { z } from 'zod';
import type { EmitContext } from '../codegen/layerCode';
import type { Expr } from '../codegen/expr';
import type { JsonRecord } from '../graph/document';
import type { Shape, Vocabulary } from '../spec/shapes';

/** The fields every node has. */
export interface BaseNode {
  id: string;
  op: string;
  label?: string;
  inputs?: string[];
}

/** A node as the file holds it, possibly invalid: what the canvas summarises while a person edits. */
export type RawParams = Readonly<Record<string, unknown>>;

/** An input of a node with its inferred shape. */
export interface Named {
  id: string;
  shape: Shape;
}

export type PaletteGroup = 'Inputs' | 'Layers' | 'Merge' | 'Output';

/** The node a person gets when they drop the op on the canvas. */
export interface NewNode {
  /** The id a new node gets (made unique by a number when taken). */
  idBase: string;
  /** Its parameters (besides id, op and inputs). */
  params: JsonRecord;
}

/** A palette entry of its own for one flavour of an op (each kind of input). */
export interface PaletteVariant extends NewNode {
  key: string;
  title: string;
  description: string;
}

export interface OpParts<N extends BaseNode> {
  /** Short name for palettes, canvas headers and messages. */
  title: string;
  /** One sentence for the palette and tooltips. */
  description: string;
  group: PaletteGroup;
  /** A codicon name for the node (some ops look different by their parameters). */
  icon(params: RawParams): string;
  /** The parameters that matter most on one line, e.g. "dim 32 · λ 1e-5" (the params may not validate yet). */
  summary(params: RawParams): string;
  /** What the palette offers; `variants`, when present, replace the single entry. */
  palette: NewNode & { variants?: PaletteVariant[] };
  minInputs: number;
  maxInputs: number;
  /** The output shape, or a `ShapeError` naming what is wrong with the inputs or a field. */
  infer(node: N, inputs: Named[], vocab: Vocabulary): Shape;
  /** Trainable parameters; called only after `infer` succeeded. */
  params(node: N, inputs: Named[], vocab: Vocabulary): number;
  /** What the node computes, in a few words, for the comment above its generated code. */
  describe(node: N, shapes: Record<string, Shape>): string;
  /** Successive values of the node's variable in TypeScript (TensorFlow.js): usually one expression, a chain for a tower. */
  ts(node: N, ctx: EmitContext): Expr[];
  /** The same in Python (Keras). */
  py(node: N, ctx: EmitContext): Expr[];
}

export interface OpDefinition<N extends BaseNode = BaseNode, S extends z.ZodType = z.ZodType> extends OpParts<N> {
  name: N['op'];
  /** The node's fields; strict, so a misspelt field is an error. */
  schema: S;
}

/** The op whose schema is `schema` (made with `nodeSchema`), with all its parts. */
export function defineOp<S extends z.ZodObject<{ op: z.ZodLiteral<string> }>>(schema: S, parts: OpParts<z.output<S> & BaseNode>): OpDefinition<z.output<S> & BaseNode, S> {
  return { name: schema.shape.op.value as z.output<S>['op'], schema, ...parts };
}
