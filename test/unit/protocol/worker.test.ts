import assert from 'node:assert/strict';
import type { EpochEvent, TrainResult } from '../../../src/core/engine/events';
import { parseHostMessage, parseWorkerMessage, TrainRequest } from '../../../src/protocol/worker';

const epoch: EpochEvent = {
  event: 'epoch',
  epoch: 1,
  epochs: 3,
  loss: 0.9,
  train: { rmse: 0.95, mae: 0.75 },
  val: null,
  seconds: 0.4,
  examplesPerSec: 200_000,
};
const metrics = { rmse: 0.93, mae: 0.73 };
const result: TrainResult = {
  event: 'result',
  spec: 'MF',
  backend: 'wasm',
  engine: 'layers',
  fallbackReason: 'the fast engine does not train dropout',
  split: 'random:0.2',
  train: metrics,
  val: metrics,
  test: metrics,
  baselines: { globalMean: metrics, userItemBias: metrics },
  epochs: 1,
  bestEpoch: 1,
  stoppedEarly: false,
  cancelled: false,
  seconds: 1,
  examplesPerSec: 80_000,
  params: 1234,
  history: [epoch],
};
const request: TrainRequest = {
  spec: { version: 1, name: 'MF', nodes: [] },
  specSource: 'preset:mf',
  data: 'synthetic',
  split: 'random:0.2',
  backend: 'auto',
  runDir: '/tmp/run',
};

/** What crosses JSON IPC: what `process.send` delivers. */
const overIpc = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const workerError = (raw: unknown) => {
  const parsed = parseWorkerMessage(raw);
  assert.equal(parsed.ok, false, `refused: ${JSON.stringify(raw)}`);
  return parsed.ok ? '' : parsed.error;
};

describe('protocol/worker: messages from the training worker', () => {
  it('accepts each kind of message the worker sends, as it arrives over IPC', () => {
    const messages = [
      { type: 'ready' },
      {
        type: 'started',
        backend: 'wasm',
        engine: 'fast',
        trainRows: 80,
        valRows: 0,
        testRows: 20,
        params: 1234,
        batchSize: 80,
        batchCappedFrom: 256,
        epochs: 3,
        dataName: 'synthetic (seed 42)',
        baselines: result.baselines,
      },
      { type: 'batches', epoch: 1, firstBatch: 0, batches: 4, losses: [1.2, 1.1] },
      { type: 'epoch', epoch },
      { type: 'result', result, runDir: '/tmp/run' },
      {
        type: 'result',
        result: { ...result, folds: [{ ...result, history: undefined }], mean: metrics, std: metrics },
        runDir: 'r',
      },
      { type: 'log', line: 'epoch 1/3' },
      { type: 'error', message: 'no such file', detail: 'at …' },
    ];
    for (const m of messages) {
      const parsed = parseWorkerMessage(overIpc(m));
      assert.ok(parsed.ok, `${JSON.stringify(m)}: ${parsed.ok ? '' : parsed.error}`);
      assert.deepEqual(parsed.message, overIpc(m));
    }
  });

  it('reads back as NaN the losses and speeds that JSON turned into null', () => {
    const parsed = parseWorkerMessage(
      overIpc({ type: 'batches', epoch: 2, firstBatch: 3, batches: 9, losses: [0.5, NaN, Infinity] }),
    );
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.message, { type: 'batches', epoch: 2, firstBatch: 3, batches: 9, losses: [0.5, NaN, NaN] });
    const e = parseWorkerMessage(overIpc({ type: 'epoch', epoch: { ...epoch, examplesPerSec: Infinity } }));
    assert.ok(e.ok && e.message.type === 'epoch' && Number.isNaN(e.message.epoch.examplesPerSec));
  });

  it('refuses a malformed message with one line naming the message and the field', () => {
    assert.equal(
      workerError({ type: 'epoch', epoch: { ...epoch, train: { rmse: '0.9', mae: 0.7 } } }),
      "'epoch' message, field epoch.train.rmse: expected number, received string",
    );
    assert.equal(
      workerError({ type: 'batches', epoch: 1, firstBatch: -1, batches: 4, losses: [] }),
      "'batches' message, field firstBatch: Too small: expected number to be >=0",
    );
    assert.equal(
      workerError({ type: 'result', result: { ...result, history: undefined }, runDir: 'r' }),
      "'result' message, field result.history: expected array, received undefined",
    );
    assert.equal(
      workerError({ type: 'started', backend: 'gpu' }).startsWith("'started' message, field backend: "),
      true,
    );
    assert.equal(
      workerError({ type: 'log', line: 'x', colour: 'red' }),
      "'log' message, field colour: not a field of this message",
    );
    assert.equal(
      workerError({ type: 'result', result: { ...result, extra: 1 }, runDir: 'r' }),
      "'result' message, field result.extra: not a field of this message",
    );
    assert.match(
      workerError({ type: 'progress' }),
      /^unknown message type "progress" \(known: ready, started, .*error\)$/,
    );
    assert.match(workerError({ line: 'x' }), /^a message without a type/);
    assert.equal(workerError(null), 'not a message object (received null)');
    assert.equal(workerError('ready'), 'not a message object (received string)');
    assert.equal(workerError([{ type: 'ready' }]), 'not a message object (received an array)');
  });
});

describe('protocol/worker: messages from the extension host', () => {
  it('accepts a start and a cancel', () => {
    for (const m of [
      { type: 'start', request },
      { type: 'start', request: { ...request, engine: 'layers', epochs: 5, batchSize: 64, presetName: 'mf' } },
      { type: 'cancel' },
    ]) {
      const parsed = parseHostMessage(overIpc(m));
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      assert.deepEqual(parsed.message, m);
    }
  });

  it('refuses a malformed request with one line naming the field', () => {
    const error = (raw: unknown) => {
      const parsed = parseHostMessage(raw);
      assert.equal(parsed.ok, false, JSON.stringify(raw));
      return parsed.ok ? '' : parsed.error;
    };
    assert.equal(
      error({ type: 'start', request: { ...request, runDir: undefined } }),
      "'start' message, field request.runDir: expected string, received undefined",
    );
    assert.equal(
      error({ type: 'start', request: { ...request, epochs: 0 } }),
      "'start' message, field request.epochs: Too small: expected number to be >0",
    );
    assert.equal(
      error({ type: 'start', request: { ...request, spec: 'mf' } }),
      "'start' message, field request.spec: expected the spec as a JSON object",
    );
    assert.match(
      error({ type: 'start', request: { ...request, backend: 'gpu' } }),
      /^'start' message, field request\.backend: /,
    );
    assert.equal(error({ type: 'cancel', now: true }), "'cancel' message, field now: not a field of this message");
    assert.match(error({ type: 'stop' }), /^unknown message type "stop" \(known: start, cancel\)$/);
  });
});
