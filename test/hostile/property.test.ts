/**
 * 500 seeded random mutations of the presets: `ncf validate` on all of them (in one process, one
 * result per file), then `ncf train --epochs 1` on every one of them, each a whole process on a tiny
 * CSV, as many at a time as the machine has cores. Never a crash, never a hang: each process has a
 * time limit, and one that validates must train or refuse in a line.
 */
import { strict as assert } from 'node:assert';
import { availableParallelism } from 'node:os';
import seedrandom from 'seedrandom';
import { assertNoCrash, builtCli, CliRun, presetJson, ratingsCsv, runCli, Workspace } from './harness';

const MUTATIONS = 500;
/** Processes at a time: one per core, so the suite takes as long as the machine needs and no longer. */
const AT_ONCE = Math.max(1, Math.min(4, availableParallelism()));
const PRESETS = ['mf', 'mf-bias', 'gmf', 'ncf', 'ancf', 'neumf'];
const OPS = [
  'input',
  'embedding',
  'bias',
  'dense',
  'mlp',
  'dropout',
  'concat',
  'hadamard',
  'dot',
  'add',
  'pooling',
  'output',
  'attention',
];
const VALUES: unknown[] = [
  0,
  -1,
  1,
  2,
  3.7,
  1e9,
  -1e9,
  1e-9,
  1e308,
  0.5,
  '',
  'x',
  'relu',
  'user',
  'item',
  'p',
  true,
  false,
  null,
  [],
  [1],
  [0, -1],
  ['p', 'q'],
  {},
  { patience: 0 },
];
type Json = Record<string, unknown>;
type Rng = () => number;

const pick = <T>(rng: Rng, list: T[]): T => list[Math.floor(rng() * list.length)];

/** One structural change to a spec (as a JSON value). */
function mutateValue(spec: Json, rng: Rng): void {
  const nodes = spec.nodes as Json[];
  const node = nodes.length ? pick(rng, nodes) : undefined;
  const fields = node ? Object.keys(node) : [];
  switch (Math.floor(rng() * 10)) {
    case 0:
      if (node)
        node[
          fields.length && rng() < 0.7
            ? pick(rng, fields)
            : pick(rng, ['dim', 'units', 'inputs', 'activation', 'rate', 'field', 'l2'])
        ] = pick(rng, VALUES);
      break;
    case 1:
      if (node && fields.length) delete node[pick(rng, fields)];
      break;
    case 2:
      if (nodes.length) nodes.splice(Math.floor(rng() * nodes.length), 1);
      break;
    case 3:
      if (node) nodes.push({ ...node });
      break;
    case 4:
      if (node) node.id = pick(rng, ['user', 'p', 'rating', 'x', '', 'a b']);
      break;
    case 5:
      if (node)
        node.inputs = [
          ...((Array.isArray(node.inputs) ? node.inputs : []) as unknown[]),
          pick(rng, [...nodes.map((n) => n.id), 'nowhere']),
        ];
      break;
    case 6:
      if (node) node.op = pick(rng, OPS);
      break;
    case 7: {
      const training = (spec.training ?? {}) as Json;
      training[pick(rng, ['optimizer', 'learningRate', 'batchSize', 'epochs', 'validation', 'earlyStopping', 'seed'])] =
        pick(rng, VALUES);
      spec.training = training;
      break;
    }
    case 8:
      if (node && fields.length) {
        const f = pick(rng, fields);
        node[f.slice(0, -1) + pick(rng, ['s', 'x', ''])] = node[f];
        delete node[f];
      }
      break;
    default:
      spec[pick(rng, ['version', 'nodes', 'name', 'training', 'layout'])] = pick(rng, VALUES);
  }
}

/** Values a user could mean, for the fields where they matter: these mostly keep a spec valid, so training gets tried too. */
const PLAUSIBLE: Record<string, unknown[]> = {
  dim: [1, 3, 17, 64, 200],
  units: [1, 4, [8], [32, 16], [5, 5, 5]],
  activation: ['relu', 'tanh', 'sigmoid', 'linear'],
  l2: [0, 1e-6, 1e-2, 1],
  rate: [0, 0.1, 0.5],
  globalMean: [true, false],
};
const PLAUSIBLE_TRAINING: Record<string, unknown[]> = {
  optimizer: ['adam', 'sgd', 'rmsprop', 'adagrad'],
  learningRate: [1e-4, 0.01, 0.5, 10],
  batchSize: [1, 7, 64, 4096, 1e9],
  validation: [0, 0.05, 0.5],
  earlyStopping: [{ patience: 1 }, undefined],
  seed: [0, -5, 123456789],
};

/** A plausible change: a field the node or the training has, set to another value a user could mean. */
function tweak(spec: Json, rng: Rng): void {
  if (rng() < 0.3) {
    const key = pick(rng, Object.keys(PLAUSIBLE_TRAINING));
    (spec.training as Json)[key] = pick(rng, PLAUSIBLE_TRAINING[key]);
    return;
  }
  const nodes = (spec.nodes as Json[]).filter((n) => Object.keys(PLAUSIBLE).some((k) => k in n));
  if (!nodes.length) return;
  const node = pick(rng, nodes);
  const key = pick(
    rng,
    Object.keys(PLAUSIBLE).filter((k) => k in node),
  );
  node[key] = pick(rng, PLAUSIBLE[key]);
}

/** A mutated preset as file text: one to three changes (plausible or destructive), sometimes damage to the text itself. */
function mutant(rng: Rng): string {
  const spec = presetJson(pick(rng, PRESETS)) as Json;
  const changes = 1 + Math.floor(rng() * 3);
  for (let k = 0; k < changes; k++) {
    try {
      if (rng() < 0.5) tweak(spec, rng);
      else mutateValue(spec, rng);
    } catch {
      // A mutation that made `nodes` a non-array makes the next one impossible; the spec is broken enough.
    }
  }
  let text = JSON.stringify(spec, null, 2);
  const damage = rng();
  if (damage < 0.05) text = text.slice(0, Math.floor(rng() * text.length));
  else if (damage < 0.1) {
    const at = Math.floor(rng() * text.length);
    text = text.slice(0, at) + pick(rng, ['"', '{', ']', ',', '\u0000', '\ufeff', 'é']) + text.slice(at);
  }
  return text;
}

describe('hostile: 500 random mutations of the presets', function () {
  let ws: Workspace;
  const files: string[] = [];
  before(() => {
    builtCli();
    ws = new Workspace();
    ws.write('r.csv', ratingsCsv(9));
    const rng = seedrandom('mutations');
    for (let k = 0; k < MUTATIONS; k++) files.push(ws.write(`m${String(k).padStart(3, '0')}.ncf.json`, mutant(rng)));
  });
  after(() => ws?.remove());

  /** The files `validate` accepted, for the training test to draw from. */
  const valid = new Set<string>();

  it(`validate: a result for each of the ${MUTATIONS}, never a crash or a hang`, async () => {
    const r = await runCli(['validate', ...files], { cwd: ws.dir, limitMs: 300_000 });
    assertNoCrash(r);
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}`);
    let ok = 0;
    for (const file of files) {
      const passed = r.stdout.includes(`${file}: ok`);
      const failed = r.stderr.includes(file);
      assert.ok(passed !== failed, `${file}: exactly one of ok and errors\n${r.stdout}`);
      if (passed) {
        ok++;
        valid.add(file);
      }
    }
    console.log(`      (${ok} valid, ${MUTATIONS - ok} refused, in ${Math.round(r.ms)} ms)`);
  });

  it(`train --epochs 1 on each of the ${MUTATIONS}: it trains, or refuses in a line; never a crash or a hang`, async function () {
    // A few seconds each at most on a loaded machine; the per-process limit is what catches a hang.
    this.timeout((MUTATIONS * 10_000) / AT_ONCE);
    const queue = [...files];
    const results: [string, CliRun][] = [];
    await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        for (let file = queue.shift(); file; file = queue.shift()) {
          results.push([
            file,
            await runCli(['train', '--spec', file, '--data', 'csv:r.csv', '--epochs', '1', '--out', `${file}.run`], {
              cwd: ws.dir,
              limitMs: 180_000,
            }),
          ]);
        }
      }),
    );
    assert.equal(results.length, MUTATIONS);
    const counts = { trained: 0, refused: 0, validButRefused: 0 };
    for (const [file, r] of results) {
      assertNoCrash(r);
      assert.ok(r.status === 0 || r.status === 1, `${file}: exit ${r.status}\n${r.stderr}`);
      if (r.status === 0) {
        counts.trained++;
        continue;
      }
      counts.refused++;
      if (valid.has(file)) counts.validButRefused++;
      assert.ok(
        r.stderr.split('\n').some((l) => l.startsWith('ncf: ')),
        `${file}: an error line\n${r.stderr}`,
      );
    }
    ws.assertNoTemporaries();
    console.log(
      `      (${counts.trained} trained, ${counts.refused} refused, ${counts.validButRefused} of them valid at MovieLens sizes but refused on this data; ${AT_ONCE} at a time)`,
    );
    assert.ok(counts.trained > 0, 'some mutants that validate also train');
  });
});
