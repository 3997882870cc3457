/**
 * The TensorFlow.js side of an op (`src/core/ops/<op>/engine.ts`): its layer for `LayersModel`,
 * and its fast-engine node or the reason the fast engine falls back to `LayersModel.fit`.
 * Kept apart from the op's definition so the webview does not bundle TensorFlow.js.
 */
import type { CheckedSpec } from '../spec/check';
import type { Shape } from '../spec/shapes';
import type { BuildContext, SymbolicTensor } from '../engine/layers';
import type { Arena } from '../engine/fast/wasm/runtime';
import type { FastNode, Value } from '../engine/fast/nodes/value';

/** What an op's fast node is built with. */
export interface FastBuild {
  arena: Arena;
  /** Buffers hold up to this many rows (the batch size). */
  maxRows: number;
  shapes: Record<string, Shape>;
  vocabulary: Record<string, number>;
  globalMean: number;
  /** Adds a node to the graph, in dependency order (a tower adds several). */
  add(node: FastNode): void;
}

export type FastSupport<N> =
  | {
      /** Builds the op's node(s) and returns the value the op outputs. */
      compile(node: N, inputs: Value[], build: FastBuild): Value;
      /** When some settings of the op are not trained by the fast engine: what, in words ("dropout"), else null. */
      unsupported?(node: N, checked: CheckedSpec): string | null;
    }
  | {
      compile?: undefined;
      /** What the fast engine does not train, in words: "the fast engine does not train <this>". */
      unsupported(node: N, checked: CheckedSpec): string;
    };

export interface OpEngine<N> {
  layer(node: N, inputs: SymbolicTensor[], ctx: BuildContext): SymbolicTensor;
  fast: FastSupport<N>;
}
