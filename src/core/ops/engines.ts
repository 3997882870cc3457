/**
 * The TensorFlow.js part of every op, one line each. The mapped type makes an op without one a
 * type error, so a new op cannot reach the engine without its layer and its fast-engine story.
 */
import type { OpEngine } from './engine';
import type { NodeOf, OpName, SpecNode } from './registry';
import { addEngine } from './add/engine';
import { biasEngine } from './bias/engine';
import { concatEngine } from './concat/engine';
import { cosineEngine } from './cosine/engine';
import { denseEngine } from './dense/engine';
import { dotEngine } from './dot/engine';
import { dropoutEngine } from './dropout/engine';
import { embeddingEngine } from './embedding/engine';
import { flattenEngine } from './flatten/engine';
import { hadamardEngine } from './hadamard/engine';
import { inputEngine } from './input/engine';
import { mlpEngine } from './mlp/engine';
import { outputEngine } from './output/engine';
import { poolingEngine } from './pooling/engine';

export type OpEngines = { [K in OpName]: OpEngine<NodeOf<K>> };

export const OP_ENGINES: OpEngines = {
  input: inputEngine,
  embedding: embeddingEngine,
  bias: biasEngine,
  dense: denseEngine,
  mlp: mlpEngine,
  dropout: dropoutEngine,
  pooling: poolingEngine,
  flatten: flattenEngine,
  concat: concatEngine,
  hadamard: hadamardEngine,
  dot: dotEngine,
  cosine: cosineEngine,
  add: addEngine,
  output: outputEngine,
};

/** The engine part of a node's op, typed for that node. */
export const engineOf = (node: SpecNode): OpEngine<SpecNode> => OP_ENGINES[node.op] as unknown as OpEngine<SpecNode>;
