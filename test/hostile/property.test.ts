/**
 * 500 seeded random mutations of the presets: `ncf validate` on all of them (in one process, one
 * result per file) and `ncf train --epochs 1` on a seeded subset of 30 (each a whole process on a
 * tiny synthetic CSV, to keep the suite's time reasonable). Never a crash, never a hang.
 */
import { strict as assert } from 'node:assert';
import seedrandom from 'seedrandom';
import { assertNoCrash, builtCli, CliRun, presetJson, ratingsCsv, runCli, Workspace } from './harness';

const MUTATIONS = 500;
const TRAINED = 30;
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

/** A mutated preset as file text: one to three structural changes, sometimes damage to the text itself. */
function mutant(rng: Rng): string {
  const spec = presetJson(pick(rng, PRESETS)) as Json;
  const changes = 1 + Math.floor(rng() * 3);
  for (let k = 0; k < changes; k++) {
    try {
      mutateValue(spec, rng);
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

  it(`validate: a result for each of the ${MUTATIONS}, never a crash or a hang`, async () => {
    const r = await runCli(['validate', ...files], { cwd: ws.dir, limitMs: 300_000 });
    assertNoCrash(r);
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}`);
    let ok = 0;
    for (const file of files) {
      const passed = r.stdout.includes(`${file}: ok`);
      const failed = r.stderr.includes(file);
      assert.ok(passed !== failed, `${file}: exactly one of ok and errors\n${r.stdout}`);
      if (passed) ok++;
    }
    console.log(`      (${ok} valid, ${MUTATIONS - ok} refused, in ${Math.round(r.ms)} ms)`);
  });

  it(`train --epochs 1 on a seeded ${TRAINED} of them: it trains, or refuses in a line; never a crash or a hang`, async () => {
    const rng = seedrandom('trained');
    const chosen = new Set<string>();
    while (chosen.size < TRAINED) chosen.add(pick(rng, files));
    const queue = [...chosen];
    const results: [string, CliRun][] = [];
    // Two at a time: the machines have two cores.
    await Promise.all(
      [0, 1].map(async () => {
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
    let trained = 0;
    for (const [file, r] of results) {
      assertNoCrash(r);
      assert.ok(r.status === 0 || r.status === 1, `${file}: exit ${r.status}\n${r.stderr}`);
      if (r.status === 0) trained++;
      else
        assert.ok(
          r.stderr.split('\n').some((l) => l.startsWith('ncf: ')),
          `${file}: an error line\n${r.stderr}`,
        );
    }
    ws.assertNoTemporaries();
    console.log(`      (${trained} trained, ${TRAINED - trained} refused)`);
  });
});
