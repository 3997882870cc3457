/** Which nodes the model really has: the engine, the fast engine and the code generators build these and no others. */
import type { CheckedSpec } from './check';
import type { SpecNode } from './schema';

/** The nodes the output depends on, in dependency order: a branch that leads nowhere is not built. */
export function liveNodes(checked: CheckedSpec): SpecNode[] {
  const byId = new Map(checked.order.map((n) => [n.id, n]));
  const live = new Set([checked.outputId]);
  const stack = [checked.outputId];
  while (stack.length) {
    for (const i of byId.get(stack.pop()!)?.inputs ?? []) {
      if (!live.has(i)) {
        live.add(i);
        stack.push(i);
      }
    }
  }
  return checked.order.filter((n) => live.has(n.id));
}

/** The input nodes the model takes, in the order of `model.inputs`. */
export function modelInputNodes(checked: CheckedSpec): SpecNode[] {
  return liveNodes(checked).filter((n) => n.op === 'input');
}
