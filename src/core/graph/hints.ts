/**
 * Advice that is not an error: the graph is valid, but it will train badly. An output with neither
 * the global mean μ nor any bias term predicts about 0 at first while ratings are 1–5: the loss
 * starts near 14 and its first epoch squashes the rest of the loss chart.
 */
import type { FormulaNode } from './formula';

/** Ops whose weights include a bias term an output can lean on. */
const CARRIES_BIAS = new Set(['bias', 'dense', 'mlp']);

export function outputHint(nodes: readonly FormulaNode[]): { nodeId: string; text: string } | undefined {
  const output = nodes.find((n) => n.op === 'output');
  if (!output || output.raw.globalMean === true || !output.inputs.length) return undefined;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const stack = [...output.inputs];
  while (stack.length) {
    const node = byId.get(stack.pop()!);
    if (!node || seen.has(node.id)) continue;
    seen.add(node.id);
    if (CARRIES_BIAS.has(node.op) && !(node.op !== 'bias' && node.raw.useBias === false)) return undefined;
    stack.push(...node.inputs);
  }
  return {
    nodeId: output.id,
    text: 'No global mean μ and no bias: predictions start near 0, so the loss starts near 14. Tick "Add global mean μ".',
  };
}
