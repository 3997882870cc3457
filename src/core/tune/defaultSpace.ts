/**
 * The space searched when none is given, read off the spec: its embedding sizes, every λ, the MLP
 * widths and the learning rate, each around the spec's own value. Tables that meet in one node
 * (the two sides of a dot or a Hadamard product) share their size and λ, as they must to fit.
 */
import { Spec, SpecNode } from '../spec/schema';
import { ParamDef, ParamValue, SearchSpace } from './space';

const round = (x: number) => Number(x.toPrecision(2));

/** Groups of embedding or bias nodes that feed the same node, in the spec's order. */
function tableGroups(spec: Spec): SpecNode[][] {
  const tables = spec.nodes.filter((n) => n.op === 'embedding' || n.op === 'bias');
  const groups: SpecNode[][] = [];
  const placed = new Set<string>();
  for (const consumer of spec.nodes) {
    const fed = tables.filter((t) => !placed.has(t.id) && (consumer.inputs ?? []).includes(t.id));
    // Only tables of one kind and size can share a value.
    const byKey = new Map<string, SpecNode[]>();
    for (const t of fed) {
      const key = t.op === 'embedding' ? `e${t.dim}` : 'b';
      byKey.set(key, [...(byKey.get(key) ?? []), t]);
    }
    for (const group of byKey.values()) {
      group.forEach((t) => placed.add(t.id));
      groups.push(group);
    }
  }
  for (const t of tables) if (!placed.has(t.id)) groups.push([t]);
  return groups;
}

const paths = (nodes: SpecNode[], field: string) => nodes.map((n) => `${n.id}.${field}`);
type Body = { kind: 'choice'; values: ParamValue[] } | { kind: 'log'; min: number; max: number };
const param = (p: string[], body: Body): ParamDef => ({ name: p.join('+'), paths: p, ...body });

function l2Range(l2: number | undefined): { min: number; max: number } {
  return l2 ? { min: round(l2 / 30), max: round(l2 * 30) } : { min: 1e-6, max: 1e-2 };
}

export function defaultSpace(spec: Spec): SearchSpace {
  const space: SearchSpace = [];
  const groups = tableGroups(spec);
  for (const group of groups) {
    const first = group[0];
    if (first.op !== 'embedding') continue;
    const d = first.dim;
    const values = [...new Set([Math.max(1, Math.round(d / 4)), Math.max(1, Math.round(d / 2)), d, d * 2])];
    space.push(param(paths(group, 'dim'), { kind: 'choice', values }));
  }
  for (const group of groups) {
    const l2 = 'l2' in group[0] ? group[0].l2 : undefined;
    space.push(param(paths(group, 'l2'), { kind: 'log', ...l2Range(l2) }));
  }
  for (const node of spec.nodes) {
    if (node.op === 'mlp') {
      const scaled = (k: number) => node.units.map((u) => Math.max(1, Math.round(u * k)));
      const shallower = node.units.length > 1 ? [node.units.slice(0, -1)] : [];
      space.push(
        param([`${node.id}.units`], { kind: 'choice', values: [scaled(0.5), node.units, scaled(2), ...shallower] }),
      );
    }
    if ((node.op === 'mlp' || node.op === 'dense') && node.l2)
      space.push(param([`${node.id}.l2`], { kind: 'log', ...l2Range(node.l2) }));
  }
  const lr = spec.training.learningRate;
  space.push(param(['training.learningRate'], { kind: 'log', min: round(lr / 5), max: round(lr * 5) }));
  return space;
}
