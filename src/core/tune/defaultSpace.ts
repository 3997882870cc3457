/**
 * The space searched when none is given, read off the spec: its embedding sizes, every λ, the MLP
 * widths and the learning rate, each around the spec's own value. Tables that meet in one node
 * (the two sides of a dot or a Hadamard product) share their size and λ, as they must to fit.
 *
 * The ranges are where searches on ML-100K found the gains (README, "Choosing a model"): an
 * embedding's λ matters most and its best value lies well away from the presets' own (mf-bias
 * about 5e-4 against 2e-4, NeuMF's GMF tables about 1e-4 against 1e-5), so its range always spans
 * 1e-5…1e-3; sizes go from half to double (a larger table did not help at the same λ, and fewer
 * choices leave more trials to λ); the learning rate stays within a factor of 3.
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

/** An embedding table's λ: at least 1e-5…1e-3, and a factor of 3 either side of the spec's own. */
function tableL2Range(l2: number | undefined): { min: number; max: number } {
  const [lo, hi] = [1e-5, 1e-3];
  return l2 ? { min: Math.min(lo, round(l2 / 3)), max: Math.max(hi, round(l2 * 3)) } : { min: lo, max: hi };
}

export function defaultSpace(spec: Spec): SearchSpace {
  const space: SearchSpace = [];
  const groups = tableGroups(spec);
  for (const group of groups) {
    const first = group[0];
    if (first.op !== 'embedding') continue;
    const d = first.dim;
    const values = [...new Set([Math.max(1, Math.round(d / 2)), d, d * 2])];
    space.push(param(paths(group, 'dim'), { kind: 'choice', values }));
  }
  for (const group of groups) {
    const first = group[0];
    const l2 = 'l2' in first ? first.l2 : undefined;
    const range = first.op === 'embedding' ? tableL2Range(l2) : l2Range(l2);
    space.push(param(paths(group, 'l2'), { kind: 'log', ...range }));
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
  space.push(param(['training.learningRate'], { kind: 'log', min: round(lr / 3), max: round(lr * 3) }));
  return space;
}
