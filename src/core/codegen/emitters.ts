/**
 * How each op is written as TensorFlow.js and as Keras: one entry per op (the mapped type
 * insists), next to a one-line description both languages put above the code. Layer names,
 * initialisers and regularisers follow the engine's builder (src/core/engine/layers.ts) exactly:
 * an embedding `p` is layer `p` and its flatten `p_flat`, an MLP tower `psi` is `psi_1`, `psi_2`…,
 * the inputs of a multi-input dense `phi` are joined by `phi_concat`.
 */
import { FEATURES, NodeOf, OpName } from '../spec/schema';
import { Shape } from '../spec/shapes';
import { Expr, call, cast, formatNumber, kw, lit, list, member, object, raw, tuple } from './expr';

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

export interface OpCodegen<K extends OpName> {
  /** What the node computes, in a few words, for a comment above its code. */
  describe(node: NodeOf<K>, shapes: Record<string, Shape>): string;
  /** Successive values of the node's variable: usually one expression, a chain for a tower. */
  ts(node: NodeOf<K>, ctx: EmitContext): Expr[];
  py(node: NodeOf<K>, ctx: EmitContext): Expr[];
}

/** Embedding tables start uniform in ±0.05, as in Keras and in the engine. */
const EMBEDDING_INIT_RANGE = 0.05;

const ts = (v: string | number | boolean) => lit(v, 'ts');
const py = (v: string | number | boolean) => lit(v, 'py');

/** `layer.apply(x)`, left uncast so it can be nested; `tsOut` casts the outermost one. */
const tsApply = (layer: Expr, input: Expr) => call(member(layer, 'apply'), input);
const tsOut = (e: Expr) => cast(e, 'tf.SymbolicTensor');
const tsLayer = (factory: string, config: Record<string, Expr | undefined>) => call(`tf.layers.${factory}`, object(config));
const pyLayer = (cls: string, ...args: Expr[]) => call(`layers.${cls}`, ...args);
const pyApply = (layer: Expr, input: Expr) => call(layer, input);

const tsL2 = (l2: number | undefined) => (l2 ? call('tf.regularizers.l2', object({ l2: ts(l2) })) : undefined);
const pyL2 = (name: string, l2: number | undefined) => (l2 ? [kw(name, call('regularizers.l2', py(l2)))] : []);

/** Several inputs of a dense layer or tower are concatenated first, in a layer named `<id>_concat`. */
const tsJoined = (id: string, inputs: Expr[]) => (inputs.length === 1 ? inputs[0] : tsApply(tsLayer('concatenate', { name: ts(`${id}_concat`) }), list(inputs)));
const pyJoined = (id: string, inputs: Expr[]) => (inputs.length === 1 ? inputs[0] : pyApply(pyLayer('Concatenate', kw('name', py(`${id}_concat`))), list(inputs)));

function idsShape(shapes: Record<string, Shape>, id: string): Extract<Shape, { kind: 'ids' }> {
  const shape = shapes[id];
  if (shape.kind !== 'ids') throw new Error(`${id} does not carry ids`);
  return shape;
}

const idsWords = (vocab: string) => (vocab === 'user' || vocab === 'item' ? `${vocab} ids` : vocab === 'tokens' ? 'token ids' : `${vocab} categories`);
const l2Words = (l2: number | undefined) => (l2 ? `, L2 λ = ${formatNumber(l2)}` : '');
const names = (ids: string[]) => (ids.length <= 2 ? ids.join(' and ') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`);

/** An embedding table (a bias is one of width 1), flattened to a vector when it looks up a single id. */
function tsTable(node: { id: string; l2?: number; inputs: string[] }, outputDim: number, init: Expr, ctx: EmitContext): Expr[] {
  const shape = idsShape(ctx.shapes, node.inputs[0]);
  const table = tsApply(
    tsLayer('embedding', {
      name: ts(node.id),
      inputDim: ctx.size(shape.vocab),
      outputDim: ts(outputDim),
      embeddingsInitializer: init,
      embeddingsRegularizer: tsL2(node.l2),
    }),
    ctx.inputs[0],
  );
  return [tsOut(shape.length === 1 ? tsApply(tsLayer('flatten', { name: ts(`${node.id}_flat`) }), table) : table)];
}

function pyTable(node: { id: string; l2?: number; inputs: string[] }, outputDim: number, init: Expr[], ctx: EmitContext): Expr[] {
  const shape = idsShape(ctx.shapes, node.inputs[0]);
  const table = pyApply(
    pyLayer('Embedding', ctx.size(shape.vocab), py(outputDim), ...init, ...pyL2('embeddings_regularizer', node.l2), kw('name', py(node.id))),
    ctx.inputs[0],
  );
  return [shape.length === 1 ? pyApply(pyLayer('Flatten', kw('name', py(`${node.id}_flat`))), table) : table];
}

const tsDense = (name: string, units: number, activation: string, useBias: boolean, l2: number | undefined, ctx: EmitContext) =>
  tsLayer('dense', {
    name: ts(name),
    units: ts(units),
    activation: activation === 'linear' ? undefined : ts(activation),
    useBias: useBias ? undefined : ts(false),
    kernelInitializer: call('tf.initializers.glorotUniform', object({ seed: ctx.seed(name) })),
    kernelRegularizer: tsL2(l2),
  });

const pyDense = (name: string, units: number, activation: string, useBias: boolean, l2: number | undefined) =>
  pyLayer(
    'Dense',
    py(units),
    ...(activation === 'linear' ? [] : [kw('activation', py(activation))]),
    ...(useBias ? [] : [kw('use_bias', py(false))]),
    ...pyL2('kernel_regularizer', l2),
    kw('name', py(name)),
  );

/** Tower layer names, and where the dropout between them goes. */
const towerLayers = (node: NodeOf<'mlp'>) =>
  node.units.map((units, k) => ({
    name: `${node.id}_${k + 1}`,
    units,
    dropout: node.dropout > 0 && k < node.units.length - 1 ? { name: `${node.id}_dropout${k + 1}`, seedName: `${node.id}_${k + 1}_dropout` } : null,
  }));

/** Keras merge layers and their TensorFlow.js factories, for the ops that only combine their inputs. */
function merge(tsFactory: string, pyClass: string, extra: { ts?: Record<string, Expr>; py?: Expr[] } = {}) {
  return {
    ts: (node: { id: string }, ctx: EmitContext) => [tsOut(tsApply(tsLayer(tsFactory, { name: ts(node.id), ...extra.ts }), list(ctx.inputs)))],
    py: (node: { id: string }, ctx: EmitContext) => [pyApply(pyLayer(pyClass, ...(extra.py ?? []), kw('name', py(node.id))), list(ctx.inputs))],
  };
}

export const EMITTERS: { [K in OpName]: OpCodegen<K> } = {
  input: {
    describe(node) {
      if (node.field === 'user' || node.field === 'item') return `${node.field} ids`;
      if (node.field === 'tokens') return `token ids, sequences of length ${node.length}`;
      const feature = FEATURES[node.feature!];
      const owner = node.field === 'userFeature' ? "the user's" : "the item's";
      return feature.kind === 'categorical' ? `${owner} ${node.feature} (category ids)` : `${owner} ${node.feature} (${feature.width === 1 ? 'one number' : `${feature.width} numbers`})`;
    },
    ts: (node, ctx) => {
      const { shape, dtype } = inputSignature(node, ctx);
      return [call('tf.input', object({ shape: list([ts(shape)]), dtype: ts(dtype), name: ts(node.id) }))];
    },
    py: (node, ctx) => {
      const { shape, dtype } = inputSignature(node, ctx);
      return [call('keras.Input', kw('shape', tuple([py(shape)])), kw('dtype', py(dtype)), kw('name', py(node.id)))];
    },
  },
  embedding: {
    describe: (node, shapes) => `${node.dim}-dimensional embedding of the ${idsWords(idsShape(shapes, node.inputs[0]).vocab)}${l2Words(node.l2)}`,
    ts: (node, ctx) =>
      tsTable(
        node,
        node.dim,
        call('tf.initializers.randomUniform', object({ minval: ts(-EMBEDDING_INIT_RANGE), maxval: ts(EMBEDDING_INIT_RANGE), seed: ctx.seed(node.id) })),
        ctx,
      ),
    // Keras's default embeddings_initializer is already uniform in ±0.05.
    py: (node, ctx) => pyTable(node, node.dim, [], ctx),
  },
  bias: {
    describe: (node, shapes) => `a learned bias per ${idsWords(idsShape(shapes, node.inputs[0]).vocab).replace(/s$/, '')}, starting at 0${l2Words(node.l2)}`,
    ts: (node, ctx) => tsTable(node, 1, ts('zeros'), ctx),
    py: (node, ctx) => pyTable(node, 1, [kw('embeddings_initializer', py('zeros'))], ctx),
  },
  dense: {
    describe: (node) =>
      `dense layer, ${node.units} unit${node.units === 1 ? '' : 's'}${node.activation === 'linear' ? '' : `, ${node.activation}`}${node.useBias ? '' : ', no bias'}${node.inputs.length > 1 ? `, on ${names(node.inputs)} concatenated` : ''}${l2Words(node.l2)}`,
    ts: (node, ctx) => [tsOut(tsApply(tsDense(node.id, node.units, node.activation, node.useBias, node.l2, ctx), tsJoined(node.id, ctx.inputs)))],
    py: (node, ctx) => [pyApply(pyDense(node.id, node.units, node.activation, node.useBias, node.l2), pyJoined(node.id, ctx.inputs))],
  },
  mlp: {
    describe: (node) =>
      `MLP tower ${node.units.join(' → ')} (${node.activation}${node.dropout > 0 ? `, dropout ${node.dropout} between layers` : ''})${node.inputs.length > 1 ? ` on ${names(node.inputs)} concatenated` : ''}${l2Words(node.l2)}`,
    ts(node, ctx) {
      const steps: Expr[] = [];
      let x = tsJoined(node.id, ctx.inputs);
      for (const layer of towerLayers(node)) {
        steps.push(tsOut(tsApply(tsDense(layer.name, layer.units, node.activation, true, node.l2, ctx), x)));
        x = ctx.self;
        if (layer.dropout) steps.push(tsOut(tsApply(tsLayer('dropout', { name: ts(layer.dropout.name), rate: ts(node.dropout), seed: ctx.seed(layer.dropout.seedName) }), x)));
      }
      return steps;
    },
    py(node, ctx) {
      const steps: Expr[] = [];
      let x = pyJoined(node.id, ctx.inputs);
      for (const layer of towerLayers(node)) {
        steps.push(pyApply(pyDense(layer.name, layer.units, node.activation, true, node.l2), x));
        x = ctx.self;
        if (layer.dropout) steps.push(pyApply(pyLayer('Dropout', py(node.dropout), kw('name', py(layer.dropout.name))), x));
      }
      return steps;
    },
  },
  dropout: {
    describe: (node) => `dropout, rate ${node.rate} (only while training)`,
    ts: (node, ctx) => [tsOut(tsApply(tsLayer('dropout', { name: ts(node.id), rate: ts(node.rate), seed: ctx.seed(node.id) }), ctx.inputs[0]))],
    py: (node, ctx) => [pyApply(pyLayer('Dropout', py(node.rate), kw('name', py(node.id))), ctx.inputs[0])],
  },
  concat: { describe: (node) => `concatenation [${node.inputs.join(', ')}]`, ...merge('concatenate', 'Concatenate') },
  hadamard: { describe: (node) => `element-wise product ${node.inputs.join(' ∘ ')}`, ...merge('multiply', 'Multiply') },
  dot: {
    describe: (node) => `dot product ${node.inputs[0]}ᵀ${node.inputs[1]}`,
    ...merge('dot', 'Dot', { ts: { axes: ts(-1) }, py: [kw('axes', py(1))] }),
  },
  add: { describe: (node) => `sum ${node.inputs.join(' + ')}`, ...merge('add', 'Add') },
  pooling: {
    describe: (node) => `${node.mode} over the sequence ${node.inputs[0]}`,
    ts(node, ctx) {
      if (node.mode !== 'sum') {
        return [tsOut(tsApply(tsLayer(node.mode === 'max' ? 'globalMaxPooling1d' : 'globalAveragePooling1d', { name: ts(node.id) }), ctx.inputs[0]))];
      }
      // A sum is the mean times the sequence length, as the engine computes it.
      const mean = tsApply(tsLayer('globalAveragePooling1d', { name: ts(`${node.id}_mean`) }), ctx.inputs[0]);
      return [tsOut(tsApply(tsLayer('rescaling', { name: ts(node.id), scale: ts(sequenceLength(node, ctx)), offset: ts(0) }), mean))];
    },
    py(node, ctx) {
      if (node.mode !== 'sum') return [pyApply(pyLayer(node.mode === 'max' ? 'GlobalMaxPooling1D' : 'GlobalAveragePooling1D', kw('name', py(node.id))), ctx.inputs[0])];
      const mean = pyApply(pyLayer('GlobalAveragePooling1D', kw('name', py(`${node.id}_mean`))), ctx.inputs[0]);
      return [pyApply(pyLayer('Rescaling', py(sequenceLength(node, ctx)), kw('name', py(node.id))), mean)];
    },
  },
  output: {
    describe: (node) => (node.globalMean ? 'the predicted rating, offset by the mean training rating μ' : 'the predicted rating'),
    ts: (node, ctx) => [
      tsOut(
        tsApply(
          node.globalMean ? tsLayer('rescaling', { name: ts(node.id), scale: ts(1), offset: ctx.globalMean }) : tsLayer('activation', { name: ts(node.id), activation: ts('linear') }),
          ctx.inputs[0],
        ),
      ),
    ],
    py: (node, ctx) => [
      pyApply(
        node.globalMean ? pyLayer('Rescaling', py(1), kw('offset', ctx.globalMean), kw('name', py(node.id))) : pyLayer('Activation', py('linear'), kw('name', py(node.id))),
        ctx.inputs[0],
      ),
    ],
  },
};

function inputSignature(node: NodeOf<'input'>, ctx: EmitContext): { shape: number; dtype: 'int32' | 'float32' } {
  const shape = ctx.shapes[node.id];
  if (shape.kind === 'ids') return { shape: shape.length, dtype: 'int32' };
  if (shape.kind === 'vector') return { shape: shape.width, dtype: 'float32' };
  return { shape: shape.length, dtype: 'float32' };
}

function sequenceLength(node: NodeOf<'pooling'>, ctx: EmitContext): number {
  const shape = ctx.shapes[node.inputs[0]];
  return shape.kind === 'sequence' ? shape.length : 1;
}

/** A raw identifier expression. */
export const ident = (name: string): Expr => raw(name);
