/**
 * spec → FastGraph, or the reason the fast engine cannot train this spec. Each op says which it is
 * (the `fast` part of src/core/ops/<op>/engine.ts); besides the ops, the fast engine trains with
 * SGD and Adam only.
 */
import { engineOf } from '../../../ops/engines';
import type { FastBuild } from '../../../ops/engine';
import { CheckedSpec } from '../../../spec/check';
import { liveNodes, modelInputNodes } from '../../../spec/live';
import { Arena } from '../wasm/runtime';
import { DenseParam, FastDense } from './dense';
import { FastGraph } from './graph';
import { FastInput, FastOutput } from './io';
import { FastTable } from './table';
import { FastNode, Value } from './value';

/** What the model was built with, which the fast engine needs too (and never reads back from tf layers). */
export interface ModelSizes {
  vocabulary: Record<string, number>;
  /** μ, the offset of an output with `globalMean`. */
  globalMean: number;
}

/** What the fast engine does not train in this spec, as the end of "the fast engine does not train …", or null when it trains it. */
export function unsupportedReason(checked: CheckedSpec): string | null {
  const { optimizer } = checked.spec.training;
  if (optimizer !== 'sgd' && optimizer !== 'adam') return `with the ${optimizer} optimiser`;
  if (checked.spec.training.loss === 'bpr') return 'the BPR loss';
  for (const node of liveNodes(checked)) {
    const reason = engineOf(node).fast.unsupported?.(node, checked);
    if (reason) return reason;
  }
  return null;
}

/** The sentence the CLI and the dashboard show when the fast engine falls back. */
export const fallbackSentence = (reason: string) => `the fast engine does not train ${reason}`;

/** Builds the graph for a spec that `unsupportedReason` accepted; buffers hold up to `maxRows` rows. */
export function compileGraph(checked: CheckedSpec, sizes: ModelSizes, arena: Arena, maxRows: number): FastGraph {
  const values = new Map<string, Value>();
  const nodes: FastNode[] = [];
  const inputs = new Map<string, FastInput>();
  const tables: FastTable[] = [];
  const dense: DenseParam[] = [];
  let output: FastOutput | undefined;
  const build: FastBuild = {
    arena,
    maxRows,
    shapes: checked.shapes,
    vocabulary: sizes.vocabulary,
    globalMean: sizes.globalMean,
    add(node) {
      nodes.push(node);
      if (node instanceof FastInput) inputs.set(node.id, node);
      else if (node instanceof FastTable) tables.push(node);
      else if (node instanceof FastDense) dense.push(...node.params);
      else if (node instanceof FastOutput) output = node;
    },
  };
  for (const node of liveNodes(checked)) {
    const fast = engineOf(node).fast;
    if (!fast.compile) throw new Error(`fast engine: ${node.op} is not supported (check unsupportedReason first)`);
    values.set(
      node.id,
      fast.compile(
        node,
        (node.inputs ?? []).map((id) => values.get(id)!),
        build,
      ),
    );
  }
  if (!output) throw new Error('fast engine: the spec has no output');
  return new FastGraph(
    arena,
    nodes,
    modelInputNodes(checked).map((n) => inputs.get(n.id)!),
    output,
    tables,
    dense,
  );
}
