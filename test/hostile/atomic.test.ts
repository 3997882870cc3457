/**
 * kill -9 at seeded random moments of saving over an earlier run: whenever the process dies, the
 * path holds a whole run, old or new (or, killed between the two renames, the old run lies whole
 * beside it and the next command that writes or reads the run puts it back), and the next save
 * sweeps every temporary folder.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import {
  assertNoCrash,
  builtCli,
  DEAD_PID,
  LIMIT_MS,
  presetJson,
  ratingsCsv,
  runCli,
  RunOptions,
  Workspace,
} from './harness';

const TRIES = 20;
const RUN_FILES = ['data.json', 'idmaps.json', 'metrics.json', 'model.json', 'spec.ncf.json', 'weights.bin'];

/** A whole run: every file, a marked metrics.json, and weights of the size model.json declares. */
function assertWholeRun(dir: string): string {
  assert.deepEqual(readdirSync(dir).sort(), RUN_FILES, `files of ${dir}`);
  const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
  assert.equal(metrics.ncfStudioRun, 1);
  const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const floats = manifest.weightsManifest[0].weights.reduce(
    (n: number, w: { shape: number[] }) => n + w.shape.reduce((a, b) => a * b, 1),
    0,
  );
  assert.equal(statSync(join(dir, 'weights.bin')).size, floats * 4, 'weights.bin is complete');
  JSON.parse(readFileSync(join(dir, 'idmaps.json'), 'utf8'));
  return readFileSync(join(dir, 'metrics.json'), 'utf8');
}

describe('hostile: kill -9 while saving never leaves a broken run', function () {
  let ws: Workspace;
  before(builtCli);
  beforeEach(() => {
    ws = new Workspace();
    // Enough users, items and width that the weights take a while to write.
    ws.write('r.csv', ratingsCsv(8, 3000, 2000, 8000));
    const spec = presetJson('mf-bias');
    for (const n of spec.nodes) if (n.op === 'embedding') n.dim = 96;
    ws.write('big.ncf.json', JSON.stringify(spec));
  });
  afterEach(() => ws.remove());

  const train = (seed: number, onOutput?: RunOptions['onOutput']) =>
    runCli(
      [
        'train',
        '--spec',
        'big.ncf.json',
        '--data',
        'csv:r.csv',
        '--epochs',
        '1',
        '--seed',
        String(seed),
        '--out',
        'run',
        '--json',
      ],
      { cwd: ws.dir, limitMs: LIMIT_MS, onOutput },
    );

  it(`${TRIES} seeded kills at random moments of saving`, async () => {
    // The first run is the "earlier run"; how long its save took (from "saving to" to the result
    // line, printed once the run is in place) bounds where the kills fall.
    let savingAt = 0;
    let savedAt = 0;
    const first = await train(1, (out, err) => {
      savingAt ||= /saving to/.test(err) ? performance.now() : 0;
      savedAt ||= /"event":"result"/.test(out) ? performance.now() : 0;
    });
    assertNoCrash(first);
    assert.equal(first.status, 0, first.stderr);
    const saveMs = Math.max(5, savedAt - savingAt);
    let previous = assertWholeRun(ws.path('run'));
    const rng = seedrandom('kill-9');
    const outcomes = { old: 0, new: 0, aside: 0, finished: 0 };
    for (let k = 0; k < TRIES; k++) {
      const delay = rng() * saveMs * 1.2;
      let killed = false;
      const r = await train(100 + k, (_out, err, child) => {
        if (killed || !/saving to/.test(err)) return;
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), delay);
      });
      assert.ok(killed, `try ${k} reached saving:\n${r.stderr}`);
      if (r.signal !== 'SIGKILL') {
        assert.equal(r.status, 0, r.stderr);
        outcomes.finished++;
      }
      const aside = readdirSync(ws.dir).filter((n) => n.startsWith('.run.old-'));
      if (existsSync(ws.path('run'))) {
        const now = assertWholeRun(ws.path('run'));
        if (now === previous) outcomes.old++;
        else outcomes.new++;
        previous = now;
      } else {
        // Killed between the two renames: the old run is whole beside the path.
        assert.equal(aside.length, 1, `the path is gone and no run lies aside: ${readdirSync(ws.dir)}`);
        assert.equal(assertWholeRun(ws.path(aside[0])), previous);
        outcomes.aside++;
      }
    }
    const last = await train(999);
    assert.equal(last.status, 0, last.stderr);
    assertWholeRun(ws.path('run'));
    ws.assertNoTemporaries();
    console.log(
      `      (save took about ${Math.round(saveMs)} ms; after the kills the path held the old run ${outcomes.old}×, the new run ${outcomes.new}× (${outcomes.finished} finished before the kill), the old run aside ${outcomes.aside}×)`,
    );
  });

  it('killed between the two renames: the next save, or a command reading the run, puts the old run back', async () => {
    const first = await train(1);
    assert.equal(first.status, 0, first.stderr);
    const old = assertWholeRun(ws.path('run'));
    // What a save killed between its renames leaves: the path gone, the old run whole beside it.
    const leaveAside = () => renameSync(ws.path('run'), ws.path(`.run.old-${DEAD_PID}`));

    leaveAside();
    // The next save is killed as it starts saving, before any rename of its own: the path holds the old run again.
    let killed = false;
    const next = await train(2, (_out, err, child) => {
      if (killed || !/saving to/.test(err)) return;
      killed = true;
      child.kill('SIGKILL');
    });
    assert.ok(killed, `the next save was reached:\n${next.stderr}`);
    assert.equal(assertWholeRun(ws.path('run')), old, 'the old run is back before the new one trained');

    leaveAside();
    const read = await runCli(['export', '--run', 'run', '--lang', 'pytorch', '--out', 'model.py'], {
      cwd: ws.dir,
      limitMs: LIMIT_MS,
    });
    assertNoCrash(read);
    assert.equal(read.status, 0, read.stderr);
    assert.equal(assertWholeRun(ws.path('run')), old, 'reading the run put it back');

    // predict and recommend read runs their own way: they put it back too (an unknown user is their only complaint).
    leaveAside();
    const asked = await runCli(['predict', '--run', 'run', '--user', 'nobody', '--item', 'nothing'], {
      cwd: ws.dir,
      limitMs: LIMIT_MS,
    });
    assertNoCrash(asked);
    assert.doesNotMatch(asked.stderr, /no such run folder/);
    assert.match(asked.stderr, /unknown (user 'nobody'|item 'nothing')/);
    assert.equal(assertWholeRun(ws.path('run')), old, 'predict put the run back');
    ws.assertNoTemporaries();
  });
});
