/**
 * A text classifier through the real bundled worker, as "Train NCF model" runs it with a labelled
 * text file: accuracy, AUC and log loss per epoch, the result beside the majority class, a run folder
 * the history lists with its accuracy and AUC, and a sentence scored from that folder as the
 * dashboard's "Try a sentence" asks the host to.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { presetSpec } from '../../src/core/presets';
import { listRuns, readRunSnapshot } from '../../src/extension/history/runs';
import { progressMessage } from '../../src/extension/training/progressText';
import { TextScorer } from '../../src/extension/training/textScorer';
import { toDashboard } from '../../src/extension/training/toDashboard';
import { applyMessage, emptySnapshot } from '../../src/protocol/runSnapshot';
import type { WorkerToHost } from '../../src/protocol/worker';
import { smallReviews, tsv } from '../unit/classification/helpers';
import { request, requireWorker, scratch, startSession } from './workerHarness';

const of = <T extends WorkerToHost['type']>(messages: WorkerToHost[], type: T) =>
  messages.filter((m): m is Extract<WorkerToHost, { type: T }> => m.type === type);

const CLI = resolve(__dirname, '../../dist/cli.js');

describe('training session with a real worker: a text classifier', function () {
  let tmp: ReturnType<typeof scratch>;
  let data: string;
  before(requireWorker);
  beforeEach(() => {
    tmp = scratch();
    data = join(tmp.dir, 'reviews.tsv');
    const { texts, labels } = smallReviews(160);
    writeFileSync(data, tsv(texts, labels));
  });
  afterEach(() => tmp.cleanup());

  const textRequest = (runDir: string, split = 'random:0.2') =>
    request(runDir, {
      spec: presetSpec('text-embedding'),
      specSource: 'preset:text-embedding',
      presetName: 'text-embedding',
      data: `text:${data}`,
      split,
      epochs: 3,
    });

  it('streams accuracy and AUC per epoch, saves a run the history lists, and scores a typed sentence', async function () {
    const runDir = join(tmp.dir, 'text-run');
    const { session, messages } = startSession(textRequest(runDir));
    const outcome = await session.done;
    assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
    if (outcome.kind !== 'finished' || !('task' in outcome.result) || outcome.result.task !== 'classification')
      return assert.fail('a classification result');
    const result = outcome.result;

    const started = of(messages, 'started')[0];
    assert.deepEqual(started.classification?.classes, ['0', '1']);
    // The fast engine does not train this loss: the run says so rather than silently using the other engine.
    assert.equal(started.engine, 'layers');
    assert.match(started.fallbackReason ?? '', /fast engine/);
    assert.equal(of(messages, 'epoch').length, 0, 'no rating epochs');
    const epochs = of(messages, 'classificationEpoch').map((m) => m.epoch);
    assert.deepEqual(
      epochs.map((e) => e.epoch),
      [1, 2, 3],
    );
    assert.ok(epochs.every((e) => e.val && e.val.accuracy >= 0 && e.val.accuracy <= 1 && e.val.auc <= 1));
    assert.equal(messages[messages.length - 1].type, 'classificationResult');
    // The kind words decide the label: three epochs learn them well past the majority class.
    assert.ok(result.test.auc > 0.8, `test AUC ${result.test.auc}`);
    assert.ok(result.test.accuracy > result.baselines.majority.accuracy);

    // The dashboard's view of the same messages.
    let snapshot = emptySnapshot('r', 'text', 'reviews');
    for (const m of messages) {
      const forDashboard = toDashboard('r', m);
      if (forDashboard) snapshot = applyMessage(snapshot, forDashboard);
    }
    assert.equal(snapshot.status, 'finished');
    assert.equal(snapshot.classification?.history.length, 3);
    assert.equal(snapshot.classification?.result?.test.accuracy, result.test.accuracy);
    assert.match(snapshot.engine ?? '', /^layers \(.*fast engine/);
    assert.match(progressMessage(snapshot), /^epoch 3 of 3/);

    for (const file of ['model.json', 'metrics.json', 'vocabulary.json', 'data.json', 'log.txt', 'spec.ncf.json'])
      assert.ok(existsSync(join(runDir, file)), `${file} written`);
    assert.match(
      readFileSync(join(runDir, 'log.txt'), 'utf8'),
      /epoch 3\/3: loss [\d.]+ train accuracy [\d.]+ val accuracy[\s\S]*finished: test accuracy [\d.]+ AUC/,
    );
    const [summary] = await listRuns(tmp.dir);
    assert.deepEqual(summary.classification, { accuracy: result.test.accuracy, auc: result.test.auc, classes: 2 });
    const reopened = await readRunSnapshot(tmp.dir, 'text-run');
    assert.equal(reopened?.classification?.result?.test.auc, result.test.auc);
    assert.deepEqual(reopened?.classification?.result?.test.confusion, result.test.confusion);

    // A sentence typed on the dashboard gets the probability `ncf predict --text` prints for the same run.
    const scorer = new TextScorer();
    const sentence = 'the service was really amazing';
    const score = await scorer.score(runDir, sentence);
    scorer.dispose();
    assert.ok(score.ok, JSON.stringify(score));
    const cli = JSON.parse(
      execFileSync(process.execPath, [CLI, 'predict', '--run', runDir, '--text', sentence, '--json'], {
        encoding: 'utf8',
      }),
    );
    assert.ok(Math.abs(score.prediction.probability - cli.predictions[0].probability) < 1e-6);
    assert.ok(score.prediction.probability > 0.5, `a kind sentence is liked (${score.prediction.probability})`);
    const amazing = score.prediction.words.find((w) => w.word === 'amazing');
    assert.ok(amazing && amazing.effect > 0, 'the kind word pushes the score up');
    const missing = await new TextScorer().score(join(tmp.dir, 'nowhere'), sentence);
    assert.equal(missing.ok, false);
    assert.ok(!missing.ok && /not a run folder/.test(missing.message) && !missing.message.includes('\n'));
  });

  it('trains every fold of kfold and reports their mean', async function () {
    const runDir = join(tmp.dir, 'text-folds');
    const { session, messages } = startSession({ ...textRequest(runDir, 'kfold:3'), epochs: 2 });
    const outcome = await session.done;
    assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
    const result = of(messages, 'classificationResult')[0].result;
    assert.equal(result.folds?.length, 3);
    assert.ok(result.mean && result.std);
    assert.equal(of(messages, 'started').length, 3, 'one start per fold');
    const [summary] = await listRuns(tmp.dir);
    assert.equal(summary.classification?.accuracy, result.mean.accuracy);
  });

  it('refuses, in one line, a text classifier on ratings and a rating model on a text file', async function () {
    const onRatings = startSession({ ...textRequest(join(tmp.dir, 'a')), data: 'synthetic' });
    const a = await onRatings.session.done;
    assert.equal(a.kind, 'failed');
    assert.ok(a.kind === 'failed' && /labelled text file/.test(a.message) && !a.message.includes('\n'), a.message);

    const rating = startSession(request(join(tmp.dir, 'b'), { data: `text:${data}` }));
    const b = await rating.session.done;
    assert.equal(b.kind, 'failed');
    assert.ok(b.kind === 'failed' && /token sequences/.test(b.message) && !b.message.includes('\n'), b.message);
  });
});
