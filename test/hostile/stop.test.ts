/**
 * Stopping: Ctrl+C (SIGINT) and SIGTERM stop training within a batch or an epoch, whichever is
 * sooner, with the smallest model on ML-100K and a million epochs (each epoch a few milliseconds of
 * training, so only a loop that lets signals through can stop); a second signal quits at once.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ml100kDir, ML100K_ABSENT } from '../helpers/data';
import { assertNoCrash, builtCli, CliRun, LIMIT_MS, presetJson, runCli, Workspace } from './harness';

/** From the signal to the exit, evaluation and saving included; an unstoppable loop runs until LIMIT_MS. */
const PROMPT_MS = 15_000;

describe('hostile: stop when asked', function () {
  const data = ml100kDir();
  let ws: Workspace;
  let spec: string;
  before(function () {
    if (!data) {
      console.log(`      skipped: ${ML100K_ABSENT}`);
      this.skip();
    }
    builtCli();
  });
  beforeEach(() => {
    ws = new Workspace();
    const mf = presetJson('mf');
    delete mf.training.earlyStopping;
    mf.training.epochs = 1_000_000;
    spec = ws.write('mf-forever.ncf.json', JSON.stringify(mf));
  });
  afterEach(() => ws?.remove());

  /**
   * Trains until the second epoch line, then sends `signal`; with `again`, sends it a second time
   * once the CLI says it is stopping. Returns the run and when the first signal was sent.
   */
  async function interrupt(
    signal: NodeJS.Signals,
    extra: string[] = [],
    again = false,
  ): Promise<{ r: CliRun; sentAt: number }> {
    let sentAt = 0;
    let sentAgain = false;
    const r = await runCli(['train', '--spec', spec, '--data', `movielens:${data}`, '--split', 'fold:u1', ...extra], {
      cwd: ws.dir,
      limitMs: LIMIT_MS,
      onOutput: (stdout, stderr, child) => {
        if (again && sentAt && !sentAgain && /stopping after this batch/.test(stderr)) {
          sentAgain = true;
          child.kill(signal);
        }
        // An epoch line: on stderr for people, on stdout with --json.
        if (sentAt || !/^epoch 2\/|"event":"epoch","epoch":2\b/m.test(stderr + stdout)) return;
        sentAt = performance.now();
        child.kill(signal);
      },
    });
    assert.ok(sentAt > 0, `training never reached epoch 2:\n${r.stderr}`);
    assert.equal(sentAgain, again, 'the second signal was sent');
    return { r, sentAt };
  }

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal}: stops promptly, reports what was trained and saves it whole`, async () => {
      const started = performance.now();
      const { r, sentAt } = await interrupt(signal, ['--out', 'run', '--json']);
      const afterSignal = performance.now() - sentAt;
      assertNoCrash(r);
      assert.equal(r.status, code, r.stderr);
      assert.ok(afterSignal < PROMPT_MS, `exited ${Math.round(afterSignal)} ms after ${signal}`);
      assert.match(r.stderr, /stopping after this batch/);
      const result = JSON.parse(r.stdout.trim().split('\n').pop()!);
      assert.equal(result.cancelled, true);
      assert.ok(result.epochs >= 2 && result.epochs < 1_000_000, `epochs ${result.epochs}`);
      const metrics = JSON.parse(readFileSync(join(ws.dir, 'run', 'metrics.json'), 'utf8'));
      assert.equal(metrics.cancelled, true);
      ws.assertNoTemporaries();
      console.log(
        `      (${signal}: exit ${Math.round(afterSignal)} ms after the signal, ${result.epochs} epochs, ${Math.round(performance.now() - started)} ms in all)`,
      );
    });
  }

  it('a second Ctrl+C quits at once, leaving no half-written folder', async () => {
    const { r, sentAt } = await interrupt('SIGINT', ['--out', 'run'], true);
    assertNoCrash(r);
    assert.equal(r.status, 130, r.stderr);
    assert.ok(performance.now() - sentAt < PROMPT_MS);
    assert.doesNotMatch(r.stdout, /saved to/, 'it quit before saving');
    assert.equal(existsSync(join(ws.dir, 'run')), false, 'nothing saved');
    ws.assertNoTemporaries();
  });
});
