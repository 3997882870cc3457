/** What crosses the webview boundary: only well-formed messages get through, and both ends fold messages into the same run view. */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EpochEvent } from '../../src/core/engine/events';
import { MAX_COMPARED_RUNS, parseDashboardMessage } from '../../src/protocol/dashboard';
import { applyMessage, emptySnapshot } from '../../src/protocol/runSnapshot';
import { BatchCoalescer } from '../../src/worker/batches';
import type { BatchesMessage, WorkerToHost } from '../../src/protocol/worker';
import { TrainingSession } from '../../src/extension/training/session';
import { request, requireWorker, scratch, WORKER } from './workerHarness';

const epoch = (n: number): EpochEvent => ({
  event: 'epoch',
  epoch: n,
  epochs: 3,
  loss: 1 / n,
  train: { rmse: 1, mae: 0.8 },
  val: { rmse: 1.1, mae: 0.9 },
  seconds: 2,
  examplesPerSec: 1000,
});

describe('dashboard messages from the webview', () => {
  it('accepts the messages the host understands', () => {
    assert.deepEqual(parseDashboardMessage({ type: 'stop', runId: 'mf-20250101-101010' }), {
      type: 'stop',
      runId: 'mf-20250101-101010',
    });
    assert.deepEqual(parseDashboardMessage({ type: 'ready', view: 'history' }), { type: 'ready', view: 'history' });
    assert.deepEqual(parseDashboardMessage({ type: 'compare', runIds: ['a', 'b', 'c'] })?.type, 'compare');
    assert.deepEqual(parseDashboardMessage({ type: 'compare', runIds: ['a', 'b'] }), {
      type: 'compare',
      runIds: ['a', 'b'],
    });
  });

  it('drops unknown types, missing or extra fields and wrong types', () => {
    for (const bad of [
      null,
      'stop',
      42,
      {},
      { type: 'exec', command: 'rm -rf' },
      { type: 'stop' },
      { type: 'stop', runId: 3 },
      { type: 'stop', runId: 'a', extra: true },
      // More runs than one comparison can tell apart by colour.
      { type: 'compare', runIds: Array.from({ length: MAX_COMPARED_RUNS + 1 }, (_, i) => `r${i}`) },
      { type: 'ready', view: 'other' },
    ]) {
      assert.equal(parseDashboardMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('run snapshot', () => {
  it('places batch losses by position and keeps one entry per epoch', () => {
    let run = emptySnapshot('r', 'MF', 'synthetic');
    run = applyMessage(run, {
      type: 'started',
      runId: 'r',
      backend: 'wasm',
      engine: 'layers',
      params: 10,
      epochs: 3,
      trainRows: 100,
      dataName: 'synthetic (seed 42)',
    });
    assert.equal(run.status, 'training');
    run = applyMessage(run, { type: 'batches', runId: 'r', epoch: 1, firstBatch: 0, batches: 4, losses: [4, 3] });
    run = applyMessage(run, { type: 'batches', runId: 'r', epoch: 1, firstBatch: 2, batches: 4, losses: [2, 1] });
    run = applyMessage(run, { type: 'batches', runId: 'r', epoch: 2, firstBatch: 1, batches: 4, losses: [0.5] });
    assert.deepEqual(run.losses, [4, 3, 2, 1, NaN, 0.5]);
    run = applyMessage(run, { type: 'epoch', runId: 'r', epoch: epoch(1) });
    run = applyMessage(run, { type: 'epoch', runId: 'r', epoch: epoch(1) });
    assert.deepEqual(
      run.history.map((e) => e.epoch),
      [1],
    );
    assert.equal(run.dataName, 'synthetic (seed 42)');
  });

  it('ignores messages of another run', () => {
    const run = emptySnapshot('r', 'MF', 'synthetic');
    assert.equal(applyMessage(run, { type: 'epoch', runId: 'other', epoch: epoch(1) }), run);
  });

  it('ends as failed with the message', () => {
    const run = applyMessage(emptySnapshot('r', 'MF', 'synthetic'), {
      type: 'failed',
      runId: 'r',
      message: 'no such file',
    });
    assert.equal(run.status, 'failed');
    assert.equal(run.error, 'no such file');
  });
});

describe('batch coalescing in the worker', () => {
  it('sends every loss once, in bursts, and starts a new message at a new epoch', () => {
    const sent: BatchesMessage[] = [];
    let now = 0;
    const c = new BatchCoalescer(
      (m) => sent.push(structuredClone(m)),
      100,
      () => now,
    );
    for (let b = 1; b <= 10; b++) {
      now += 30;
      c.add({ event: 'batch', epoch: 1, batch: b, batches: 10, loss: b });
    }
    c.add({ event: 'batch', epoch: 2, batch: 1, batches: 10, loss: 11 });
    c.flush();
    assert.deepEqual(
      sent.flatMap((m) => m.losses),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    assert.ok(sent.length < 11 && sent.length > 2, `${sent.length} messages`);
    for (const m of sent) assert.equal(m.losses.length > 0, true);
    assert.deepEqual(sent[sent.length - 1], { type: 'batches', epoch: 2, firstBatch: 0, batches: 10, losses: [11] });
    const e1 = sent.filter((m) => m.epoch === 1);
    e1.forEach((m, i) => i > 0 && assert.equal(m.firstBatch, e1[i - 1].firstBatch + e1[i - 1].losses.length));
  });
});

describe('the worker protocol between real processes', function () {
  let dir: string;
  let cleanup: () => void;
  before(requireWorker);
  beforeEach(() => ({ dir, cleanup } = scratch()));
  afterEach(() => cleanup());

  it('the worker answers a malformed start with one line naming the field, and ends', async () => {
    const child = fork(WORKER, [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [] });
    const heard: unknown[] = [];
    child.on('message', (m) => heard.push(m));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.send({ type: 'start', request: { ...request(join(dir, 'run')), runDir: 7 } });
    assert.equal(await exited, 0);
    assert.deepEqual(heard, [
      { type: 'ready' },
      {
        type: 'error',
        message:
          "malformed message from the extension host: 'start' message, field request.runDir: expected string, received number",
      },
    ]);
    assert.equal(existsSync(join(dir, 'run')), false, 'nothing was written');
  });

  it('the host drops a malformed worker message, says so, and fails the run with it when no result follows', async () => {
    const fake = join(dir, 'fake-worker.js');
    writeFileSync(
      fake,
      `process.send({ type: 'ready' });
       process.on('message', () => {
         process.send({ type: 'epoch', epoch: { event: 'epoch', epoch: 'one' } }, () => process.disconnect());
       });`,
    );
    const heard: WorkerToHost[] = [];
    let output = '';
    const session = new TrainingSession(request(join(dir, 'run')), {
      workerPath: fake,
      onMessage: (m) => heard.push(m),
      onOutput: (text) => (output += text),
    });
    session.start();
    const outcome = await session.done;
    const line =
      "malformed message from the training worker: 'epoch' message, field epoch.epoch: expected number, received string";
    assert.deepEqual(outcome, { kind: 'failed', message: line });
    assert.deepEqual(heard, [{ type: 'ready' }]);
    assert.equal(output, line + '\n');
  });

  it('the settings ncf.threads and ncf.parallel reach the worker as NCF_THREADS and NCF_PARALLEL', async () => {
    const fake = join(dir, 'env-worker.js');
    writeFileSync(
      fake,
      `process.stdout.write(process.env.NCF_THREADS + ' ' + process.env.NCF_PARALLEL + '\\n', () => process.exit(0));`,
    );
    const heard = async (options: { threads?: number; parallel?: 'products' | 'data' }) => {
      let output = '';
      const session = new TrainingSession(request(join(dir, 'run')), {
        workerPath: fake,
        ...options,
        onOutput: (text) => (output += text),
      });
      session.start();
      await session.done;
      return output.split('\n')[0];
    };
    const before = [process.env.NCF_THREADS, process.env.NCF_PARALLEL];
    delete process.env.NCF_THREADS;
    delete process.env.NCF_PARALLEL;
    try {
      assert.equal(await heard({ threads: 2, parallel: 'data' }), '2 data');
      assert.equal(await heard({}), 'undefined undefined');
    } finally {
      if (before[0] !== undefined) process.env.NCF_THREADS = before[0];
      if (before[1] !== undefined) process.env.NCF_PARALLEL = before[1];
    }
  });
});
