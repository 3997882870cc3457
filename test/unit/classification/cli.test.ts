import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runClassificationJob } from '../../../src/core/classification/job';
import { probabilitiesOf } from '../../../src/core/classification/model';
import { saveTextRun } from '../../../src/core/classification/save';
import { presetSpec } from '../../../src/core/presets';
import { ncf } from '../cli/bad-input.test';
import { smallReviews, tsv } from './helpers';
import { jsonLines } from '../../helpers/ncf';

describe('CLI: train --data text:FILE, predict --text', function () {
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ncf-text-cli-'));
    const { texts, labels } = smallReviews(90);
    file = join(dir, 'reviews.tsv');
    writeFileSync(file, tsv(texts, labels));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--json over folds: epochs with train and val figures, the result with test, mean, std, folds and the majority class', () => {
    const r = ncf(['train', '--data', `text:${file}`, '--split', 'kfold:3', '--epochs', '2', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    const epochs = lines.filter((l) => l.event === 'epoch');
    assert.equal(epochs.length, 6);
    assert.equal(epochs[0].task, 'classification');
    assert.ok('accuracy' in epochs[0].train && 'auc' in epochs[0].val);
    const result = lines[lines.length - 1];
    assert.equal(result.event, 'result');
    assert.equal(result.preset, 'text-embedding');
    assert.equal(result.folds.length, 3);
    for (const k of ['accuracy', 'auc', 'precision', 'recall', 'f1']) assert.equal(typeof result.mean[k], 'number');
    assert.equal(result.test.accuracy, result.mean.accuracy);
    assert.equal(typeof result.baselinesMean.majority.accuracy, 'number');
    assert.equal(result.folds[0].test.confusion.length, 2);
  });

  it('a saved run predicts in a fresh process the probability the engine gave', async () => {
    const spec = presetSpec('text-embedding');
    const job = await runClassificationJob({ spec, data: `text:${file}`, split: 'random:0.2', engine: 'layers' });
    const sentence = 'The food was amazing, really lovely!';
    const expected = tf.tidy(() => {
      const ids = job.run.tokenizer.encode(sentence);
      const y = job.run.model.predict(tf.tensor2d(ids, [1, ids.length], 'int32')) as tf.Tensor;
      return probabilitiesOf(y, job.run.output).dataSync()[0];
    });
    const out = join(dir, 'run');
    await saveTextRun(out, `text:${file}`, spec, job);
    const saved = JSON.parse(readFileSync(join(out, 'vocabulary.json'), 'utf8'));
    assert.deepEqual(saved.tokens, job.run.tokenizer.tokens);
    const r = ncf(['predict', '--run', out, '--text', sentence, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const answer = JSON.parse(r.stdout);
    assert.ok(
      Math.abs(answer.predictions[0].probability - expected) < 1e-6,
      `${answer.predictions[0].probability} vs ${expected}`,
    );
    const amazing = answer.predictions[0].words.find((w: { word: string }) => w.word === 'amazing');
    assert.ok(amazing.effect > 0, 'a kind word pushes the score up');
    const bad = ncf(['predict', '--run', out, '--user', '1', '--item', '2']);
    assert.notEqual(bad.status, 0);
  });

  it('a rating source with the classification task, and a text source on a rating preset, are one-line errors', () => {
    const r = ncf(['train', '--task', 'classification', '--data', 'synthetic']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /labelled text: use --data text:FILE/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    const s = ncf(['train', '--preset', 'mf', '--data', `text:${file}`]);
    assert.equal(s.status, 1);
    assert.match(s.stderr, /input 'user' takes user: a text classifier takes token sequences only/);
  });
});
