/**
 * A ranking spec through the real bundled worker: the worker dispatches on `training.task`, streams
 * validation HR@K and NDCG@K per epoch with ItemPop known from the start, and writes a run folder
 * that `ncf recommend` can use (its data record and the evaluation negatives) and the history lists.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { presetSpec } from '../../src/core/presets';
import { listRuns, readRunSnapshot } from '../../src/extension/history/runs';
import { applyMessage, emptySnapshot } from '../../src/protocol/runSnapshot';
import { toDashboard } from '../../src/extension/training/toDashboard';
import { progressMessage } from '../../src/extension/training/progressText';
import type { WorkerToHost } from '../../src/protocol/worker';
import { smallInteractions } from '../helpers/interactions';
import { request, requireWorker, scratch, startSession } from './workerHarness';

const of = <T extends WorkerToHost['type']>(messages: WorkerToHost[], type: T) =>
  messages.filter((m): m is Extract<WorkerToHost, { type: T }> => m.type === type);

describe('training session with a real worker: a ranking spec', function () {
  let tmp: ReturnType<typeof scratch>;
  before(requireWorker);
  beforeEach(() => (tmp = scratch()));
  afterEach(() => tmp.cleanup());

  it('streams HR and NDCG per epoch, with ItemPop from the start, and saves a ranking run', async function () {
    const data = join(tmp.dir, 'small.csv');
    writeFileSync(data, smallInteractions());
    const runDir = join(tmp.dir, 'gmf-ranking');
    const { session, messages } = startSession(
      request(runDir, {
        spec: presetSpec('gmf-ranking'),
        specSource: 'preset:gmf-ranking',
        presetName: 'gmf-ranking',
        data: `csv:${data}`,
        split: 'loo',
        epochs: 2,
      }),
    );
    const outcome = await session.done;
    assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
    if (outcome.kind !== 'finished') return;

    const started = of(messages, 'started')[0];
    assert.equal(started.ranking?.k, 10);
    assert.ok(started.ranking.baselines.itemPop.hr > 0, 'ItemPop is known before the first epoch');
    assert.equal(of(messages, 'epoch').length, 0, 'no rating epochs');
    const epochs = of(messages, 'rankingEpoch').map((m) => m.epoch);
    assert.deepEqual(
      epochs.map((e) => e.epoch),
      [1, 2],
    );
    assert.ok(epochs.every((e) => e.val && e.val.hr >= 0 && e.val.hr <= 1 && e.val.ndcg <= e.val.hr));
    assert.equal(messages[messages.length - 1].type, 'rankingResult');
    assert.ok('task' in outcome.result && outcome.result.task === 'ranking');

    // What the dashboard makes of the same messages: the ranking figures, and the progress counts its epochs.
    let snapshot = emptySnapshot('r', 'GMF', 'small');
    for (const m of messages) {
      const forDashboard = toDashboard('r', m);
      if (forDashboard) snapshot = applyMessage(snapshot, forDashboard);
    }
    assert.equal(snapshot.status, 'finished');
    assert.equal(snapshot.ranking?.history.length, 2);
    assert.equal(snapshot.ranking?.result?.test.hr, outcome.result.test.hr);
    assert.deepEqual(snapshot.ranking?.baselines, outcome.result.baselines);
    assert.match(progressMessage(snapshot), /^epoch 2 of 2/);

    for (const file of ['model.json', 'metrics.json', 'negatives.json', 'data.json', 'log.txt'])
      assert.ok(existsSync(join(runDir, file)), `${file} written`);
    const metrics = JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8'));
    assert.equal(metrics.task, 'ranking');
    assert.equal(metrics.test.hr, outcome.result.test.hr);
    // The history lists it with HR and NDCG, and reopening it gives the dashboard the same figures.
    const [summary] = await listRuns(tmp.dir);
    assert.deepEqual(summary.ranking, { k: 10, hr: outcome.result.test.hr, ndcg: outcome.result.test.ndcg });
    const reopened = await readRunSnapshot(tmp.dir, 'gmf-ranking');
    assert.equal(reopened?.ranking?.result?.test.full.mrr, outcome.result.test.full.mrr);
    assert.equal(reopened?.ranking?.history.length, 2);
    assert.match(
      readFileSync(join(runDir, 'log.txt'), 'utf8'),
      /epoch 2\/2: loss [\d.]+ val HR@10[\s\S]*finished: test HR@10/,
    );
  });
});
