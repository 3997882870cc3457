/**
 * What each op means to the graph: how many inputs it takes, the shape it produces and the
 * parameters it owns. One entry per op, so a new op is one new entry (the mapped type insists).
 */
import { FEATURES, NodeOf, OpName } from './schema';
import { Shape, ShapeError, Vocabulary, formatShape } from './shapes';

interface Named { id: string; shape: Shape }

export interface OpRule<K extends OpName> {
  /** Short text for palettes and tooltips. */
  title: string;
  minInputs: number;
  maxInputs: number;
  infer(node: NodeOf<K>, inputs: Named[], vocab: Vocabulary): Shape;
  params(node: NodeOf<K>, inputs: Named[], vocab: Vocabulary): number;
}

function vectorWidth(input: Named, op: string): number {
  if (input.shape.kind === 'vector') return input.shape.width;
  if (input.shape.kind === 'ids') throw new ShapeError(`${op} needs vectors: ${input.id} is ${formatShape(input.shape)} (embed it first)`);
  throw new ShapeError(`${op} needs vectors: ${input.id} is a sequence ${formatShape(input.shape)} (pool it first)`);
}
const totalWidth = (inputs: Named[], op: string) => inputs.reduce((sum, i) => sum + vectorWidth(i, op), 0);
function equalWidths(inputs: Named[], op: string): number {
  const widths = inputs.map((i) => vectorWidth(i, op));
  if (widths.some((w) => w !== widths[0])) {
    throw new ShapeError(`${op} needs equal widths: ${inputs.map((i, k) => `${i.id} is ${widths[k]}`).join(', ')}`);
  }
  return widths[0];
}
function ids(input: Named, op: string): Extract<Shape, { kind: 'ids' }> {
  if (input.shape.kind !== 'ids') throw new ShapeError(`${op} needs ids (an id or categorical input): ${input.id} is ${formatShape(input.shape)}`);
  return input.shape;
}
function vocabSize(vocab: Vocabulary, name: string): number {
  const size = vocab[name];
  if (!size) throw new ShapeError(`no vocabulary size known for '${name}'`);
  return size;
}
const denseParams = (inWidth: number, units: number, useBias: boolean) => inWidth * units + (useBias ? units : 0);

export const OPS: { [K in OpName]: OpRule<K> } = {
  input: {
    title: 'Input',
    minInputs: 0,
    maxInputs: 0,
    infer(node) {
      switch (node.field) {
        case 'user':
        case 'item':
          return { kind: 'ids', length: 1, vocab: node.field };
        case 'tokens':
          if (!node.length) throw new ShapeError('a tokens input needs a sequence length', 'length');
          return { kind: 'ids', length: node.length, vocab: 'tokens' };
        default: {
          if (!node.feature) throw new ShapeError(`a ${node.field} input needs a feature (${Object.keys(FEATURES).join(', ')})`, 'feature');
          const f = FEATURES[node.feature];
          const side = node.field === 'userFeature' ? 'user' : 'item';
          if (f.side !== side) throw new ShapeError(`feature '${node.feature}' belongs to the ${f.side}, not the ${side}`, 'feature');
          return f.kind === 'categorical' ? { kind: 'ids', length: 1, vocab: node.feature } : { kind: 'vector', width: f.width };
        }
      }
    },
    params: () => 0,
  },
  embedding: {
    title: 'Embedding',
    minInputs: 1,
    maxInputs: 1,
    infer(node, [x]) {
      const s = ids(x, 'Embedding');
      return s.length === 1 ? { kind: 'vector', width: node.dim } : { kind: 'sequence', length: s.length, width: node.dim };
    },
    params: (node, [x], vocab) => vocabSize(vocab, ids(x, 'Embedding').vocab) * node.dim,
  },
  bias: {
    title: 'Bias',
    minInputs: 1,
    maxInputs: 1,
    infer(_node, [x]) {
      if (ids(x, 'Bias').length !== 1) throw new ShapeError(`Bias needs a single id: ${x.id} is ${formatShape(x.shape)}`);
      return { kind: 'vector', width: 1 };
    },
    params: (_node, [x], vocab) => vocabSize(vocab, ids(x, 'Bias').vocab),
  },
  dense: {
    title: 'Dense',
    minInputs: 1,
    maxInputs: Infinity,
    infer: (node, inputs) => (totalWidth(inputs, 'Dense'), { kind: 'vector', width: node.units }),
    params: (node, inputs) => denseParams(totalWidth(inputs, 'Dense'), node.units, node.useBias),
  },
  mlp: {
    title: 'MLP tower',
    minInputs: 1,
    maxInputs: Infinity,
    infer: (node, inputs) => (totalWidth(inputs, 'MLP'), { kind: 'vector', width: node.units[node.units.length - 1] }),
    params(node, inputs) {
      let width = totalWidth(inputs, 'MLP');
      let count = 0;
      for (const units of node.units) {
        count += denseParams(width, units, true);
        width = units;
      }
      return count;
    },
  },
  dropout: {
    title: 'Dropout',
    minInputs: 1,
    maxInputs: 1,
    infer(_node, [x]) {
      if (x.shape.kind === 'ids') throw new ShapeError(`Dropout needs vectors: ${x.id} is ${formatShape(x.shape)}`);
      return x.shape;
    },
    params: () => 0,
  },
  concat: {
    title: 'Concatenate',
    minInputs: 2,
    maxInputs: Infinity,
    infer: (_node, inputs) => ({ kind: 'vector', width: totalWidth(inputs, 'Concatenate') }),
    params: () => 0,
  },
  hadamard: {
    title: 'Hadamard product',
    minInputs: 2,
    maxInputs: Infinity,
    infer: (_node, inputs) => ({ kind: 'vector', width: equalWidths(inputs, 'Hadamard') }),
    params: () => 0,
  },
  dot: {
    title: 'Dot product',
    minInputs: 2,
    maxInputs: 2,
    infer: (_node, inputs) => (equalWidths(inputs, 'Dot'), { kind: 'vector', width: 1 }),
    params: () => 0,
  },
  add: {
    title: 'Add',
    minInputs: 2,
    maxInputs: Infinity,
    infer: (_node, inputs) => ({ kind: 'vector', width: equalWidths(inputs, 'Add') }),
    params: () => 0,
  },
  pooling: {
    title: 'Pooling',
    minInputs: 1,
    maxInputs: 1,
    infer(_node, [x]) {
      if (x.shape.kind !== 'sequence') throw new ShapeError(`Pooling needs a sequence: ${x.id} is ${formatShape(x.shape)}`);
      return { kind: 'vector', width: x.shape.width };
    },
    params: () => 0,
  },
  output: {
    title: 'Output (rating)',
    minInputs: 1,
    maxInputs: 1,
    infer(_node, [x]) {
      const width = vectorWidth(x, 'Output');
      if (width !== 1) throw new ShapeError(`Output needs width 1 (one predicted rating): ${x.id} is ${width}; add a Dense with 1 unit`);
      return x.shape;
    },
    params: () => 0,
  },
};
