/**
 * A seeded generator of small valid specs: random DAGs over every op of the registry, with ids that collide
 * with keywords and with names the generated code uses, and names and descriptions that try
 * to break out of comments. Small tables and layers keep the equivalence suite fast.
 */
import { FieldInfo, nodeFields } from '../../../src/core/graph/fields';
import { NodeOf, OP_LIST, OPS } from '../../../src/core/ops/registry';
import { SpecNode as NodeSchema, SpecInput } from '../../../src/core/spec/schema';
import { DEFAULT_VOCABULARY, Shape, ShapeError } from '../../../src/core/spec/shapes';
import { makeRng } from '../../../src/core/util/random';

type RawNode = SpecInput['nodes'][number];

/** Every op of the registry but the ends: inputs are chosen by kind below, and the output comes last. */
const MIDDLE_OPS = OP_LIST.filter((d) => d.name !== 'input' && d.name !== 'output');

/** Ids a careless generator would break on: keywords of either language, and its own names. */
const AWKWARD_IDS = [
  'in',
  'lambda',
  'tf',
  'layers',
  'seed',
  'numUsers',
  'num_users',
  'sum',
  'class',
  'options',
  'model',
  'apply',
  'def',
  'None',
  'keras',
  'print',
  'seedOf',
  'layerSeed',
  'globalMean',
  'global_mean',
  'const',
  'let',
  'regularizers',
  'x',
];

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
  const vectors: { id: string; width: number }[] = [];
  const add = (node: RawNode, width?: number) => {
    nodes.push(node);
    if (width !== undefined) vectors.push({ id: node.id, width });
  };

  for (const field of ['user', 'item'] as const) {
    const id = newId(field);
    add({ id, op: 'input', field });
  }
  if (chance(0.3)) {
    const id = newId('cat');
    add({ id, op: 'input', field: 'userFeature', feature: pick(['gender', 'occupation'] as const) });
  }
  if (chance(0.3)) {
    const [field, feature, width] = pick([
      ['userFeature', 'age', 1],
      ['itemFeature', 'genres', 19],
      ['itemFeature', 'year', 1],
    ] as const);
    add({ id: newId('feat'), op: 'input', field, feature }, width);
  }
  if (chance(0.2)) add({ id: newId('tok'), op: 'input', field: 'tokens', length: int(2, 5) });
  // The middle of the graph: ops drawn from the registry, so a new op is in these specs as soon as
  // it is registered. Each gets random inputs (mostly of one shape, as merges want) and random
  // values for its schema's fields; what its shape inference refuses is drawn again.
  const values = nodes.map((n) => ({
    id: n.id,
    shape: OPS.input.infer(NodeSchema.parse(n) as NodeOf<'input'>, [], DEFAULT_VOCABULARY),
  }));
  const sameShape = (a: Shape, b: Shape) => JSON.stringify(a) === JSON.stringify(b);
  const fieldValue = (field: FieldInfo): unknown => {
    if (field.kind === 'int') return int(1, 6);
    if (field.kind === 'intList') return Array.from({ length: int(1, 3) }, () => int(1, 6));
    if (field.kind === 'enum') return pick(field.options!);
    if (field.kind === 'boolean') return chance(0.8);
    if (field.kind === 'number') return pick(field.name === 'l2' ? [1e-6, 1e-5, 0.001, 0.01] : [0, 0.1, 0.25, 0.5]);
    return undefined;
  };
  const consumed = new Set<string>();
  let added = 0;
  for (let attempt = 0, steps = int(4, 8); added < steps && attempt < 400; attempt++) {
    const def = pick(MIDDLE_OPS);
    const arity = int(def.minInputs, Math.min(def.maxInputs, def.minInputs + 2));
    const fresh = values.filter((v) => !consumed.has(v.id));
    // Mostly build on what nothing uses yet, so that most of the graph reaches the output.
    const first = fresh.length && chance(0.7) ? pick(fresh) : pick(values);
    const alike = values.filter((v) => v.id !== first.id && sameShape(v.shape, first.shape));
    const inputs = [
      first,
      ...sample(
        values.filter((v) => v.id !== first.id && (alike.length < arity - 1 || alike.includes(v) || chance(0.1))),
        arity - 1,
      ),
    ];
    if (inputs.length !== arity) continue;
    const node: Record<string, unknown> = {
      id: newId(def.palette.idBase.slice(0, 2)),
      op: def.name,
      ...structuredClone(def.palette.params),
      inputs: inputs.map((v) => v.id),
    };
    for (const field of nodeFields(def.name)) {
      if (field.name === 'label' || chance(0.3)) continue;
      if (field.optional && chance(0.4)) delete node[field.name];
      else if (fieldValue(field) !== undefined) node[field.name] = fieldValue(field);
    }
    const parsed = def.schema.safeParse(node);
    if (!parsed.success) continue;
    let shape: Shape;
    try {
      shape = (def.infer as (n: unknown, i: typeof inputs, v: typeof DEFAULT_VOCABULARY) => Shape)(
        parsed.data,
        inputs,
        DEFAULT_VOCABULARY,
      );
    } catch (e) {
      if (e instanceof ShapeError) continue;
      throw e;
    }
    nodes.push(node as RawNode);
    for (const v of inputs) consumed.add(v.id);
    values.push({ id: node.id as string, shape });
    if (shape.kind === 'vector') vectors.push({ id: node.id as string, width: shape.width });
    added++;
  }

  // End in width 1: the last vector if it is one wide and the only loose end, else a dense layer
  // over it and up to two other vectors nothing uses yet.
  let last = vectors[vectors.length - 1];
  const loose = vectors.filter((v) => v.id !== last.id && !consumed.has(v.id)).map((v) => v.id);
  if (last.width !== 1 || (loose.length && chance(0.7))) {
    add({ id: newId('h'), op: 'dense', units: 1, inputs: [last.id, ...sample(loose, int(0, 2))] }, 1);
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
    training: {
      seed: int(0, 1000),
      epochs: int(1, 30),
      optimizer: pick(['adam', 'sgd', 'rmsprop', 'adagrad'] as const),
      earlyStopping: chance(0.2) ? null : { patience: int(1, 4) },
    },
  };
}
