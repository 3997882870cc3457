/** Sizes: a batch larger than the data is capped and said; sizes no machine can hold are refused up front. */
import { strict as assert } from 'node:assert';
import {
  assertNoCrash,
  assertRefusedUpFront,
  assertSpecRefused,
  builtCli,
  LIMIT_MS,
  presetJson,
  ratingsCsv,
  runCli,
  Workspace,
} from './harness';

describe('hostile: sizes', function () {
  let ws: Workspace;
  before(builtCli);
  beforeEach(() => {
    ws = new Workspace();
    ws.write('r.csv', ratingsCsv(2));
  });
  afterEach(() => ws.remove());

  const specWith = (change: (spec: ReturnType<typeof presetJson>) => void, preset = 'ncf') => {
    const spec = presetJson(preset);
    change(spec);
    return ws.write('big.ncf.json', JSON.stringify(spec, null, 2));
  };
  const node = (spec: ReturnType<typeof presetJson>, id: string) => spec.nodes.find((n) => n.id === id)!;

  it('a --batch-size above the training rows is capped to them, and said', async () => {
    const r = await runCli(
      ['train', '--preset', 'neumf', '--data', 'csv:r.csv', '--epochs', '1', '--batch-size', '100000'],
      { cwd: ws.dir, limitMs: LIMIT_MS },
    );
    assertNoCrash(r);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /batch size 100,000 is more than the 432 training rows: using 432/);
  });

  it('a batchSize above the training rows in a spec is capped the same way, on either engine', async () => {
    const file = specWith((s) => (s.training.batchSize = 100_000));
    for (const engine of ['fast', 'layers']) {
      const r = await runCli(['train', '--spec', file, '--data', 'csv:r.csv', '--epochs', '1', '--engine', engine], {
        cwd: ws.dir,
        limitMs: LIMIT_MS,
      });
      assertNoCrash(r);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /batch size 100,000 is more than the 432 training rows/);
    }
  });

  // Spec-level size estimation (validate and train refuse with node and field):
  const impossible: [string, (s: ReturnType<typeof presetJson>) => void, RegExp][] = [
    ['embedding dim 1e9', (s) => (node(s, 'p').dim = 1e9), /node 'p', field 'dim'/],
    ['an MLP of 1e8 units', (s) => (node(s, 'phi').units = [1e8]), /node 'phi', field 'units'/],
    ['embedding dim 1e7', (s) => (node(s, 'p').dim = 1e7), /node 'p', field 'dim'/],
  ];
  it('batchSize 1e9: validate (which cannot know the rows) names training.batchSize; train caps it to the rows', async () => {
    const file = specWith((s) => (s.training.batchSize = 1e9));
    const v = await runCli(['validate', file], { cwd: ws.dir, limitMs: LIMIT_MS });
    assertSpecRefused(v, file, /field 'training\.batchSize'/);
    const t = await runCli(['train', '--spec', file, '--data', 'csv:r.csv', '--epochs', '1'], {
      cwd: ws.dir,
      limitMs: LIMIT_MS,
    });
    assertNoCrash(t);
    assert.equal(t.status, 0, t.stderr);
    assert.match(t.stderr, /batch size 1,000,000,000 is more than the 432 training rows: using 432/);
  });

  for (const [what, change, where] of impossible) {
    it(`${what}: validate names node and field; train refuses before training`, async () => {
      const file = specWith(change);
      const before = ws.snapshot();
      const v = await runCli(['validate', file], { cwd: ws.dir, limitMs: LIMIT_MS });
      assertSpecRefused(v, file, where);
      const t = await runCli(['train', '--spec', file, '--data', 'csv:r.csv', '--epochs', '1', '--out', 'run'], {
        cwd: ws.dir,
        limitMs: 60_000,
      });
      assertRefusedUpFront(t, where);
      ws.assertUntouched(before);
    });
  }
});
