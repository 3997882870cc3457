/**
 * The pieces the ops' emitters write TensorFlow.js and Keras layers with. Layer names, initialisers
 * and regularisers follow the engine's builder exactly (see ../ops/conventions.ts).
 */
import { EMBEDDING_INIT_RANGE, layerName } from '../ops/conventions';
import { idsShape } from '../ops/shapeRules';
import { Shape } from '../spec/shapes';
import { Expr, call, cast, kw, lit, list, member, object } from './expr';

export interface EmitContext {
  /** The node's inputs, as the variables holding them. */
  inputs: Expr[];
  /** The node's own variable, for ops written as a chain of assignments. */
  self: Expr;
  shapes: Record<string, Shape>;
  /** The parameter holding the size of a vocabulary. */
  size(vocab: string): Expr;
  /** The parameter holding μ. */
  globalMean: Expr;
  /** TypeScript: the seed of a named layer's initialiser or dropout mask. */
  seed(layerName: string): Expr;
}

export const ts = (v: string | number | boolean) => lit(v, 'ts');
export const py = (v: string | number | boolean) => lit(v, 'py');

/** `layer.apply(x)`, left uncast so it can be nested; `tsOut` casts the outermost one. */
export const tsApply = (layer: Expr, input: Expr) => call(member(layer, 'apply'), input);
export const tsOut = (e: Expr) => cast(e, 'tf.SymbolicTensor');
export const tsLayer = (factory: string, config: Record<string, Expr | undefined>) => call(`tf.layers.${factory}`, object(config));
export const pyLayer = (cls: string, ...args: Expr[]) => call(`layers.${cls}`, ...args);
export const pyApply = (layer: Expr, input: Expr) => call(layer, input);

export const tsL2 = (l2: number | undefined) => (l2 ? call('tf.regularizers.l2', object({ l2: ts(l2) })) : undefined);
export const pyL2 = (name: string, l2: number | undefined) => (l2 ? [kw(name, call('regularizers.l2', py(l2)))] : []);

/** Several inputs of a dense layer or tower are concatenated first. */
export const tsJoined = (id: string, inputs: Expr[]) => (inputs.length === 1 ? inputs[0] : tsApply(tsLayer('concatenate', { name: ts(layerName.joined(id)) }), list(inputs)));
export const pyJoined = (id: string, inputs: Expr[]) => (inputs.length === 1 ? inputs[0] : pyApply(pyLayer('Concatenate', kw('name', py(layerName.joined(id)))), list(inputs)));

type TableNode = { id: string; l2?: number; inputs: string[] };

/** An embedding table (a bias is one of width 1), flattened to a vector when it looks up a single id. */
export function tsTable(node: TableNode, outputDim: number, init: 'uniform' | 'zeros', ctx: EmitContext): Expr[] {
  const shape = idsShape(ctx.shapes, node.inputs[0]);
  const initializer =
    init === 'zeros'
      ? ts('zeros')
      : call('tf.initializers.randomUniform', object({ minval: ts(-EMBEDDING_INIT_RANGE), maxval: ts(EMBEDDING_INIT_RANGE), seed: ctx.seed(node.id) }));
  const table = tsApply(
    tsLayer('embedding', {
      name: ts(node.id),
      inputDim: ctx.size(shape.vocab),
      outputDim: ts(outputDim),
      embeddingsInitializer: initializer,
      embeddingsRegularizer: tsL2(node.l2),
    }),
    ctx.inputs[0],
  );
  return [tsOut(shape.length === 1 ? tsApply(tsLayer('flatten', { name: ts(layerName.flat(node.id)) }), table) : table)];
}

export function pyTable(node: TableNode, outputDim: number, init: 'uniform' | 'zeros', ctx: EmitContext): Expr[] {
  const shape = idsShape(ctx.shapes, node.inputs[0]);
  // Keras's default embeddings_initializer is already uniform in ±0.05.
  const initializer = init === 'zeros' ? [kw('embeddings_initializer', py('zeros'))] : [];
  const table = pyApply(
    pyLayer('Embedding', ctx.size(shape.vocab), py(outputDim), ...initializer, ...pyL2('embeddings_regularizer', node.l2), kw('name', py(node.id))),
    ctx.inputs[0],
  );
  return [shape.length === 1 ? pyApply(pyLayer('Flatten', kw('name', py(layerName.flat(node.id)))), table) : table];
}

export const tsDense = (name: string, units: number, activation: string, useBias: boolean, l2: number | undefined, ctx: EmitContext) =>
  tsLayer('dense', {
    name: ts(name),
    units: ts(units),
    activation: activation === 'linear' ? undefined : ts(activation),
    useBias: useBias ? undefined : ts(false),
    kernelInitializer: call('tf.initializers.glorotUniform', object({ seed: ctx.seed(name) })),
    kernelRegularizer: tsL2(l2),
  });

export const pyDense = (name: string, units: number, activation: string, useBias: boolean, l2: number | undefined) =>
  pyLayer(
    'Dense',
    py(units),
    ...(activation === 'linear' ? [] : [kw('activation', py(activation))]),
    ...(useBias ? [] : [kw('use_bias', py(false))]),
    ...pyL2('kernel_regularizer', l2),
    kw('name', py(name)),
  );

/** Emitters for an op that is one Keras merge layer over all its inputs (its TensorFlow.js factory and Keras class). */
export function mergeLayer(tsFactory: string, pyClass: string, extra: { ts?: Record<string, Expr>; py?: Expr[] } = {}) {
  return {
    ts: (node: { id: string }, ctx: EmitContext) => [tsOut(tsApply(tsLayer(tsFactory, { name: ts(node.id), ...extra.ts }), list(ctx.inputs)))],
    py: (node: { id: string }, ctx: EmitContext) => [pyApply(pyLayer(pyClass, ...(extra.py ?? []), kw('name', py(node.id))), list(ctx.inputs))],
  };
}
