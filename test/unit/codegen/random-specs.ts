/**
 * A seeded generator of small valid specs: random DAGs over every op, with ids that collide
 * with keywords and with names the generated code uses, and names and descriptions that try
 * to break out of comments. Small tables and layers keep the equivalence suite fast.
 */
import { ACTIVATIONS, SpecInput } from '../../../src/core/spec/schema';
import { makeRng } from '../../../src/core/util/random';

type RawNode = SpecInput['nodes'][number];

/** Ids a careless generator would break on: keywords of either language, and its own names. */
const AWKWARD_IDS = ['in', 'lambda', 'tf', 'layers', 'seed', 'numUsers', 'num_users', 'sum', 'class', 'options', 'model', 'apply', 'def', 'None', 'keras', 'print', 'seedOf', 'layerSeed', 'globalMean', 'global_mean', 'const', 'let', 'regularizers', 'x'];

export function randomSpec(seed: number): SpecInput {
  const rng = makeRng(`codegen-random-spec:${seed}`);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const chance = (p: number) => rng() < p;
  /** k distinct elements of xs. */
  const sample = <T>(xs: T[], k: number): T[] => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < k && pool.length) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
    return out;
  };
  const l2 = () => (chance(0.5) ? pick([1e-6, 1e-5, 0.001, 0.01]) : undefined);

  const used = new Set<string>();
  const newId = (prefix: string) => {
    if (chance(0.15)) {
      const awkward = pick(AWKWARD_IDS);
      if (!used.has(awkward)) {
        used.add(awkward);
        return awkward;
      }
    }
    let id: string;
    do id = `${prefix}${int(0, 99)}`;
    while (used.has(id));
    used.add(id);
    return id;
  };

  const nodes: RawNode[] = [];
  const idInputs: string[] = [];
  const vectors: { id: string; width: number }[] = [];
  const add = (node: RawNode, width?: number) => {
    nodes.push(node);
    if (width !== undefined) vectors.push({ id: node.id, width });
  };

  for (const field of ['user', 'item'] as const) {
    const id = newId(field);
    add({ id, op: 'input', field });
    idInputs.push(id);
  }
  if (chance(0.3)) {
    const id = newId('cat');
    add({ id, op: 'input', field: 'userFeature', feature: pick(['gender', 'occupation'] as const) });
    idInputs.push(id);
  }
  if (chance(0.3)) {
    const [field, feature, width] = pick([['userFeature', 'age', 1], ['itemFeature', 'genres', 19], ['itemFeature', 'year', 1]] as const);
    add({ id: newId('feat'), op: 'input', field, feature }, width);
  }
  if (chance(0.2)) {
    const tokens = newId('tok');
    const length = int(2, 5);
    add({ id: tokens, op: 'input', field: 'tokens', length });
    const table = newId('w');
    add({ id: table, op: 'embedding', dim: int(1, 3), inputs: [tokens] });
    const dim = (nodes[nodes.length - 1] as { dim: number }).dim;
    add({ id: newId('pool'), op: 'pooling', mode: pick(['mean', 'sum', 'max'] as const), inputs: [table] }, dim);
  }
  for (let k = int(2, 4); k > 0; k--) {
    const dim = pick([1, 2, 3, 4, 6]);
    add({ id: newId('e'), op: 'embedding', dim, l2: l2(), inputs: [pick(idInputs)] }, dim);
  }
  for (let k = chance(0.4) ? int(1, 2) : 0; k > 0; k--) add({ id: newId('b'), op: 'bias', l2: l2(), inputs: [pick(idInputs.slice(0, 2))] }, 1);

  for (let k = int(1, 5); k > 0; k--) {
    const byWidth = new Map<number, string[]>();
    for (const v of vectors) byWidth.set(v.width, [...(byWidth.get(v.width) ?? []), v.id]);
    const pairs = [...byWidth.entries()].filter(([, ids]) => ids.length >= 2);
    const op = pick(['hadamard', 'add', 'dot', 'concat', 'dense', 'mlp', 'dropout'] as const);
    const widthOf = (id: string) => vectors.find((v) => v.id === id)!.width;
    if ((op === 'hadamard' || op === 'add' || op === 'dot') && pairs.length) {
      const [width, ids] = pick(pairs);
      const inputs = sample(ids, op === 'dot' ? 2 : int(2, Math.min(3, ids.length)));
      add({ id: newId(op.slice(0, 2)), op, inputs }, op === 'dot' ? 1 : width);
    } else if (op === 'concat') {
      const inputs = sample(vectors.map((v) => v.id), int(2, 3));
      add({ id: newId('cc'), op: 'concat', inputs }, inputs.reduce((s, id) => s + widthOf(id), 0));
    } else if (op === 'mlp') {
      const units = Array.from({ length: int(1, 3) }, () => int(1, 6));
      add(
        { id: newId('m'), op: 'mlp', units, activation: pick(ACTIVATIONS), dropout: chance(0.3) ? 0.25 : 0, l2: l2(), inputs: sample(vectors.map((v) => v.id), int(1, 2)) },
        units[units.length - 1],
      );
    } else if (op === 'dropout') {
      const input = pick(vectors);
      add({ id: newId('dr'), op: 'dropout', rate: pick([0.1, 0.5]), inputs: [input.id] }, input.width);
    } else {
      const units = int(1, 5);
      add({ id: newId('d'), op: 'dense', units, activation: pick(ACTIVATIONS), useBias: chance(0.8), l2: l2(), inputs: sample(vectors.map((v) => v.id), int(1, 2)) }, units);
    }
  }

  // End in width 1: the last vector if it is one wide, else a dense layer over it (and maybe another).
  let last = vectors[vectors.length - 1];
  if (last.width !== 1) {
    const others = vectors.filter((v) => v.id !== last.id).map((v) => v.id);
    const id = newId('h');
    add({ id, op: 'dense', units: 1, inputs: [last.id, ...sample(others, chance(0.4) ? 1 : 0)] }, 1);
    last = vectors[vectors.length - 1];
  }
  add({ id: newId('out'), op: 'output', globalMean: chance(0.5), inputs: [last.id] });

  // The file's order is the writer's, not the graph's: the checker sorts it.
  const shuffled = sample(nodes, nodes.length);
  return {
    version: 1,
    name: pick([`Random ${seed}`, `random #${seed} "quoted" */ end`, `r${seed}: back\\slash """ triple`]),
    description: chance(0.5) ? `A random model (${seed}); it ends a comment */ and a docstring """ here.` : undefined,
    formula: chance(0.5) ? 'r̂ = f(pᵤ, qᵢ)' : undefined,
    nodes: shuffled,
    training: { seed: int(0, 1000), epochs: int(1, 30), optimizer: pick(['adam', 'sgd', 'rmsprop', 'adagrad'] as const), earlyStopping: chance(0.2) ? null : { patience: int(1, 4) } },
  };
}
