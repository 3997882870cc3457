/**
 * A text preset is drawn for two classes (Dense(1, sigmoid) at the end); on labels with K > 2 classes
 * the same preset ends in Dense(K, softmax) instead. A user's own spec is never rewritten: a wrong
 * output width is reported on its output node.
 */
import { Spec } from '../spec/schema';

export function presetForClasses(spec: Spec, classes: number): Spec {
  if (classes <= 2) return spec;
  const output = spec.nodes.find((n) => n.op === 'output');
  const last = output && spec.nodes.find((n) => n.id === output.inputs[0]);
  if (!last || last.op !== 'dense' || last.units !== 1 || last.activation !== 'sigmoid') return spec;
  return {
    ...spec,
    nodes: spec.nodes.map((n) => (n === last ? { ...last, units: classes, activation: 'softmax' as const } : n)),
  };
}
