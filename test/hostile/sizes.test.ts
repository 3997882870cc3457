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

  it('--batch-size 1e9 is capped to the training rows, and said', async () => {
    const r = await runCli(
      ['train', '--preset', 'neumf', '--data', 'csv:r.csv', '--epochs', '1', '--batch-size', '1000000000'],
      { cwd: ws.dir, limitMs: LIMIT_MS },
    );
    assertNoCrash(r);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /batch size 1,000,000,000 is more than the 432 training rows: using 432/);
  });

  it('batchSize 1e9 in a spec is capped the same way, on either engine', async () => {
    const file = specWith((s) => (s.training.batchSize = 1e9));
    for (const engine of ['fast', 'layers']) {
      const r = await runCli(['train', '--spec', file, '--data', 'csv:r.csv', '--epochs', '1', '--engine', engine], {
        cwd: ws.dir,
        limitMs: LIMIT_MS,
      });
      assertNoCrash(r);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /batch size 1,000,000,000 is more than the 432 training rows/);
    }
  });

  // Spec-level size estimation (validate and train refuse with node and field):
  const impossible: [string, (s: ReturnType<typeof presetJson>) => void, RegExp][] = [
    ['embedding dim 1e9', (s) => (node(s, 'p').dim = 1e9), /node 'p', field 'dim'/],
    ['an MLP of 1e8 units', (s) => (node(s, 'phi').units = [1e8]), /node 'phi', field 'units'/],
    ['embedding dim 1e5 (ran 54 s to 6 GB before failing)', (s) => (node(s, 'p').dim = 1e5), /node 'p', field 'dim'/],
  ];
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
