/**
 * The host's training session against the real bundled worker (dist/worker.js), no mock:
 * it starts, streams batches and epochs, finishes and writes the run folder; a cancel stops
 * within the epoch and keeps what was trained; a killed worker is reported as a crash; bad
 * input comes back as one line.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchesMessage, WorkerToHost } from '../../src/protocol/worker';
import { longRequest, request, requireWorker, scratch, startSession } from './workerHarness';

const of = <T extends WorkerToHost['type']>(messages: WorkerToHost[], type: T) =>
  messages.filter((m): m is Extract<WorkerToHost, { type: T }> => m.type === type);
const lossCount = (messages: WorkerToHost[]) => of(messages, 'batches').reduce((n, m) => n + m.losses.length, 0);

describe('training session with a real worker', function () {
  let tmp: ReturnType<typeof scratch>;
  before(requireWorker);
  beforeEach(() => (tmp = scratch()));
  afterEach(() => tmp.cleanup());

  it('streams start, batches and epochs, then finishes and writes the run folder', async function () {
    const runDir = join(tmp.dir, 'mf-run');
    const { session, messages } = startSession(request(runDir, { epochs: 2 }));
    const outcome = await session.done;
    assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
    if (outcome.kind !== 'finished') return;

    const types = messages.map((m) => m.type);
    assert.equal(types[0], 'ready');
    assert.ok(types.indexOf('started') < types.indexOf('batches'), 'started comes before the first batch');
    assert.equal(types[types.length - 1], 'result');
    const started = of(messages, 'started')[0];
    assert.ok(started.trainRows > 0 && started.params > 0);
    assert.ok(started.baselines && started.baselines.globalMean.rmse > 0, 'baselines are known before training');

    const epochs = of(messages, 'epoch').map((m) => m.epoch);
    assert.deepEqual(
      epochs.map((e) => e.epoch),
      [1, 2],
    );
    const batchesPerEpoch = (of(messages, 'batches')[0] as BatchesMessage).batches;
    assert.equal(lossCount(messages), 2 * batchesPerEpoch, 'every batch loss arrives exactly once');
    assert.ok(
      of(messages, 'log').some((m) => m.line.startsWith('epoch 2/2')),
      'a log line per epoch',
    );

    assert.equal(outcome.runDir, runDir);
    assert.equal(outcome.result.epochs, 2);
    assert.ok(!('task' in outcome.result), 'a rating result');
    assert.equal(outcome.result.cancelled, false);
    for (const file of ['model.json', 'weights.bin', 'idmaps.json', 'spec.ncf.json', 'metrics.json', 'log.txt'])
      assert.ok(existsSync(join(runDir, file)), `${file} written`);
    const metrics = JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8'));
    assert.equal(metrics.test.rmse, outcome.result.test.rmse);
    assert.equal(metrics.dataSource, 'synthetic');
    assert.match(readFileSync(join(runDir, 'log.txt'), 'utf8'), /epoch 1\/2[\s\S]*epoch 2\/2[\s\S]*finished/);
  });

  it('stops within one batch of a cancel and keeps what was trained', async function () {
    const runDir = join(tmp.dir, 'cancelled');
    const recorded = startSession(longRequest(runDir));
    const firstBatches = (await recorded.first('batches')) as BatchesMessage;
    const seenBeforeCancel = lossCount(recorded.messages);
    recorded.session.cancel();
    const outcome = await recorded.session.done;
    assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
    if (outcome.kind !== 'finished') return;
    assert.equal(outcome.result.cancelled, true);
    // The worker reports the batch it was at when the stop request reached it, and the last batch it ran.
    const stopLine = of(recorded.messages, 'log')
      .map((m) => /stop requested after batch (\d+); the last batch run was (\d+)/.exec(m.line))
      .find(Boolean);
    assert.ok(stopLine, 'the worker logs where it stopped');
    const [atRequest, last] = [Number(stopLine[1]), Number(stopLine[2])];
    assert.ok(last - atRequest <= 1, `stopped ${last - atRequest} batches after the request`);
    assert.equal(lossCount(recorded.messages), last, 'every batch run was reported, none after the stop');
    assert.ok(seenBeforeCancel <= atRequest);
    assert.equal(outcome.result.epochs, Math.ceil(last / firstBatches.batches), 'no epoch starts after the stop');
    assert.ok(outcome.result.epochs < 200);
    const metrics = JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8'));
    assert.equal(metrics.cancelled, true);
    assert.ok(existsSync(join(runDir, 'model.json')), 'the model trained so far is saved');
  });

  it('reports a worker that dies as a crash, and the host goes on', async function () {
    const runDir = join(tmp.dir, 'crashed');
    const recorded = startSession(longRequest(runDir));
    await recorded.first('batches');
    process.kill(recorded.session.pid!, 'SIGKILL');
    const outcome = await recorded.session.done;
    assert.equal(outcome.kind, 'crashed');
    if (outcome.kind !== 'crashed') return;
    assert.equal(outcome.signal, 'SIGKILL');
    assert.match(outcome.message, /killed \(SIGKILL\)/);
    // What the worker wrote before it died stays: the spec and the start of the log.
    assert.ok(existsSync(join(runDir, 'spec.ncf.json')));
    assert.match(readFileSync(join(runDir, 'log.txt'), 'utf8'), /^training NeuMF \(preset:neumf\)/);
    // metrics.json marks the folder as a run (so a later save may replace it) but holds no result.
    const metrics = JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8'));
    assert.equal(metrics.ncfStudioRun, 1);
    assert.equal(metrics.status, 'training');
    assert.equal(metrics.test, undefined);
  });

  it('returns a one-line message naming the file when the data is missing', async function () {
    const missing = join(tmp.dir, 'nowhere', 'ratings.csv');
    const { session } = startSession(request(join(tmp.dir, 'bad-data'), { data: `csv:${missing}` }));
    const outcome = await session.done;
    assert.equal(outcome.kind, 'failed', JSON.stringify(outcome));
    if (outcome.kind !== 'failed') return;
    assert.ok(outcome.message.includes(missing), outcome.message);
    assert.ok(!outcome.message.includes('\n') && !/\bat .*:\d+:\d+/.test(outcome.message), 'no stack trace');
    assert.equal(outcome.detail, undefined, 'a user mistake carries no stack');
  });

  it('names the node and field of a spec the worker refuses', async function () {
    const spec = request('').spec as { nodes: { id: string; op: string; dim?: number }[] };
    const bad = { ...spec, nodes: spec.nodes.map((n) => (n.op === 'embedding' ? { ...n, dim: -3 } : n)) };
    const { session } = startSession(
      request(join(tmp.dir, 'bad-spec'), { spec: bad as never, specSource: 'bad.ncf.json' }),
    );
    const outcome = await session.done;
    assert.equal(outcome.kind, 'failed', JSON.stringify(outcome));
    if (outcome.kind !== 'failed') return;
    assert.match(outcome.message, /^bad\.ncf\.json: node '\w+', field 'dim'/);
  });

  it('refuses a run folder that cannot be written before training, as the CLI refuses --out', async function () {
    const { session, messages } = startSession(request('/proc/ncf-run-folder'));
    const outcome = await session.done;
    assert.equal(outcome.kind, 'failed', JSON.stringify(outcome));
    if (outcome.kind !== 'failed') return;
    assert.match(outcome.message, /^run folder \/proc\/ncf-run-folder is in the proc file system/);
    assert.equal(of(messages, 'started').length, 0, 'no training started');
  });
});
