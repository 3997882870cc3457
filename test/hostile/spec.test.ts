/**
 * Specs a hostile user writes. Strictness ("did you mean"), deep nesting, long chains, cycles,
 * encodings and impossible sizes are checked by the spec layer; every case goes through the built CLI.
 */
import { strict as assert } from 'node:assert';
import {
  assertNoCrash,
  assertRefused,
  assertSpecRefused,
  builtCli,
  LIMIT_MS,
  presetJson,
  ratingsCsv,
  runCli,
  Workspace,
} from './harness';

describe('hostile: specs', function () {
  let ws: Workspace;
  before(builtCli);
  beforeEach(() => {
    ws = new Workspace();
    ws.write('r.csv', ratingsCsv(6));
  });
  afterEach(() => ws.remove());

  const validate = (name: string, content: string | Buffer) => {
    const file = ws.write(name, content);
    return runCli(['validate', file], { cwd: ws.dir, limitMs: LIMIT_MS }).then((r) => ({ r, file }));
  };
  const neumf = () => presetJson('neumf');
  const node = (spec: ReturnType<typeof presetJson>, id: string) => spec.nodes.find((n) => n.id === id)!;

  it('a misspelt field is an error naming node and field, with "did you mean"', async () => {
    const spec = neumf();
    const psi = node(spec, 'psi');
    delete psi.activation;
    psi.activaton = 'tanh';
    const { r, file } = await validate('typo.ncf.json', JSON.stringify(spec, null, 2));
    assertSpecRefused(r, file, /node 'psi', field 'activaton'.*did you mean 'activation'/);
  });

  it('a field the op does not have ("width" on an output) is an error', async () => {
    const spec = neumf();
    node(spec, 'rating').width = 8;
    const { r, file } = await validate('width.ncf.json', JSON.stringify(spec, null, 2));
    assertSpecRefused(r, file, /node 'rating', field 'width'/);
  });

  it('JSON nested 100,000 deep: one line, no stack overflow', async () => {
    const { r, file } = await validate('deep.ncf.json', '['.repeat(100_000) + ']'.repeat(100_000));
    assertSpecRefused(r, file, /deep\.ncf\.json/);
  });

  it('a 5,000-node chain validates (graph walks are iterative) in bounded time', async () => {
    const spec = presetJson('mf');
    const chain: Record<string, unknown>[] = [];
    let last = 'p';
    for (let k = 0; k < 5000; k++) {
      chain.push({ id: `d${k}`, op: 'dense', units: k === 4999 ? 1 : 2, inputs: [last] });
      last = `d${k}`;
    }
    const output = spec.nodes.find((n) => n.op === 'output')!;
    spec.nodes = [
      ...spec.nodes.filter((n) => n.op !== 'output' && n.op !== 'dot'),
      ...chain,
      { ...output, inputs: [last] },
    ];
    const { r } = await validate('chain.ncf.json', JSON.stringify(spec));
    assertNoCrash(r);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ok/);
  });

  it('a cycle is one line naming the nodes on the cycle, not those downstream', async () => {
    const spec = neumf();
    node(spec, 'st').inputs = ['s', 'psi']; // st → psi → st; phi and rating are only downstream
    const { r, file } = await validate('cycle.ncf.json', JSON.stringify(spec, null, 2));
    const line = assertSpecRefused(r, file, /cycle/);
    assert.match(line, /\bst\b/);
    assert.match(line, /\bpsi\b/);
    assert.doesNotMatch(line, /'phi'|\bphi\b|'rating'/);
  });

  it('a spec with a UTF-8 byte-order mark is read', async () => {
    const { r } = await validate('bom.ncf.json', `\ufeff${JSON.stringify(neumf(), null, 2)}`);
    assertNoCrash(r);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ok/);
  });

  it('a spec in UTF-16 is named as such, on validate and on train', async () => {
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(neumf()), 'utf16le')]);
    const { r, file } = await validate('utf16.ncf.json', content);
    assertSpecRefused(r, file, /UTF-16/);
    const t = await runCli(['train', '--spec', file, '--data', 'csv:r.csv', '--epochs', '1'], {
      cwd: ws.dir,
      limitMs: LIMIT_MS,
    });
    assertRefused(t, /utf16\.ncf\.json.*UTF-16/);
  });

  it('malformed JSON: file and line', async () => {
    const { r, file } = await validate('broken.ncf.json', '{\n "version": 1,\n "name": "x",,\n}');
    assertSpecRefused(r, file, /broken\.ncf\.json:3: malformed JSON/);
  });

  it('a spec that is not there', async () => {
    const r = await runCli(['train', '--spec', 'missing.ncf.json', '--data', 'csv:r.csv'], {
      cwd: ws.dir,
      limitMs: LIMIT_MS,
    });
    assertRefused(r, /missing\.ncf\.json/);
  });
});
