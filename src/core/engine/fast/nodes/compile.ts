/**
 * spec + built model → FastGraph, or the reason the fast engine cannot train this spec.
 * Supported: id inputs (user, item, categorical features) and numeric feature inputs; embedding
 * and bias on single ids; dense and MLP towers with any activation; concat, Hadamard, dot, add;
 * dropout at rate 0; the output with or without μ; the optimisers SGD and Adam.
 * Not supported (the caller falls back to LayersModel.fit): token sequences, pooling, dropout
 * above 0, and the optimisers RMSprop and Adagrad.
 */
import * as tf from '@tensorflow/tfjs';
import { CheckedSpec } from '../../../spec/check';
import { SpecNode } from '../../../spec/schema';
import { liveNodes, modelInputNodes } from '../../model';
import { Arena } from '../wasm/runtime';
import { FastDense, DenseParam } from './dense';
import { FastGraph } from './graph';
import { FastInput, FastOutput } from './io';
import { FastAdd, FastConcat, FastDot, FastHadamard, FastIdentity } from './merge';
import { FastTable } from './table';
import { FastNode, Value } from './value';

/** Why the fast engine cannot train this spec, or null when it can. */
export function unsupportedReason(checked: CheckedSpec): string | null {
  const { optimizer } = checked.spec.training;
  if (optimizer !== 'sgd' && optimizer !== 'adam') return `the ${optimizer} optimiser`;
  for (const node of liveNodes(checked)) {
    if (node.op === 'input' && node.field === 'tokens') return `token sequences (input '${node.id}')`;
    if (node.op === 'embedding') {
      const input = checked.shapes[node.inputs[0]];
      if (input.kind !== 'ids' || input.length !== 1) return `an embedding of a sequence ('${node.id}')`;
    }
    if (node.op === 'pooling') return `pooling ('${node.id}')`;
    if (node.op === 'dropout' && node.rate > 0) return `dropout ('${node.id}')`;
    if (node.op === 'mlp' && node.dropout > 0) return `dropout in the MLP tower '${node.id}'`;
  }
  return null;
}

/** Builds the graph for a spec that `unsupportedReason` accepted; buffers hold up to `maxRows` rows. */
export function compileGraph(checked: CheckedSpec, model: tf.LayersModel, arena: Arena, maxRows: number): FastGraph {
  const live = liveNodes(checked);
  const values = new Map<string, Value>();
  const nodes: FastNode[] = [];
  const inputs = new Map<string, FastInput>();
  const tables: FastTable[] = [];
  const dense: DenseParam[] = [];
  let output: FastOutput | undefined;
  const add = (node: FastNode) => (nodes.push(node), values.set(node.id, node.value));
  const inputsOf = (node: SpecNode) => (node.inputs ?? []).map((id) => values.get(id)!);
  const tableRows = (id: string) => model.getLayer(id).getWeights()[0].shape[0];

  for (const node of live) {
    switch (node.op) {
      case 'input': {
        const shape = checked.shapes[node.id];
        const input = new FastInput(node.id, shape.kind === 'ids' ? 'ids' : 'vector', shape.kind === 'vector' ? shape.width : 1, arena);
        inputs.set(node.id, input);
        add(input);
        break;
      }
      case 'embedding':
      case 'bias': {
        const table = new FastTable(node.id, values.get(node.inputs[0])!, tableRows(node.id), node.op === 'bias' ? 1 : node.dim, node.l2 ?? 0, arena, maxRows);
        tables.push(table);
        add(table);
        break;
      }
      case 'dense': {
        const layer = new FastDense(node.id, node.id, inputsOf(node), node.units, node.activation, node.useBias, node.l2 ?? 0, arena, maxRows);
        dense.push(...layer.params);
        add(layer);
        break;
      }
      case 'mlp': {
        let x = inputsOf(node);
        node.units.forEach((units, k) => {
          const name = `${node.id}_${k + 1}`;
          const layer = new FastDense(k === node.units.length - 1 ? node.id : name, name, x, units, node.activation, true, node.l2 ?? 0, arena, maxRows);
          dense.push(...layer.params);
          nodes.push(layer);
          x = [layer.value];
        });
        values.set(node.id, x[0]);
        break;
      }
      case 'dropout':
        add(new FastIdentity(node.id, values.get(node.inputs[0])!));
        break;
      case 'concat':
        add(new FastConcat(node.id, inputsOf(node), arena, maxRows));
        break;
      case 'hadamard':
        add(new FastHadamard(node.id, inputsOf(node), arena, maxRows));
        break;
      case 'dot':
        add(new FastDot(node.id, inputsOf(node), arena, maxRows));
        break;
      case 'add':
        add(new FastAdd(node.id, inputsOf(node), arena, maxRows));
        break;
      case 'output':
        output = new FastOutput(node.id, values.get(node.inputs[0])!, node.globalMean ? rescalingOffset(model, node.id) : 0, arena, maxRows);
        add(output);
        break;
      case 'pooling':
        throw new Error(`fast engine: ${node.op} is not supported (check unsupportedReason first)`);
    }
  }
  if (!output) throw new Error('fast engine: the spec has no output');
  return new FastGraph(arena, nodes, modelInputNodes(checked).map((n) => inputs.get(n.id)!), output, tables, dense);
}

/** μ, as the model builder baked it into the output's Rescaling layer. */
function rescalingOffset(model: tf.LayersModel, id: string): number {
  const offset = (model.getLayer(id).getConfig() as { offset?: number }).offset;
  if (typeof offset !== 'number') throw new Error(`fast engine: output layer '${id}' carries no offset`);
  return offset;
}
