/** What crosses the webview boundary: only well-formed messages get through, and both ends fold messages into the same run view. */
import assert from 'node:assert/strict';
import type { EpochEvent } from '../../src/core/engine/events';
import { MAX_COMPARED_RUNS, parseDashboardMessage } from '../../src/protocol/dashboard';
import { applyMessage, emptySnapshot } from '../../src/protocol/runSnapshot';
import { BatchCoalescer } from '../../src/worker/batches';
import type { BatchesMessage } from '../../src/protocol/worker';

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
