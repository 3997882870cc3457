/**
 * `ncf tune` on labelled text: trials are chosen on the validation figure asked for (AUC here,
 * accuracy by default), each fold record carries a classifier's figures, and the test is measured
 * once beside the majority class. A tiny generated review file, so the search runs in seconds.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presetSpec } from '../../../src/core/presets';
import { runNcf, jsonLines } from '../../helpers/ncf';
import { smallReviews, tsv } from '../classification/helpers';

describe('ncf tune on a text classifier', function () {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ncf-tune-text-'));
    const { texts, labels } = smallReviews(120, 'tune');
    writeFileSync(join(dir, 'reviews.tsv'), tsv(texts, labels));
    // A spec file of its own: the tuned spec is written beside it, in the scratch folder.
    writeFileSync(join(dir, 'text.ncf.json'), JSON.stringify(presetSpec('text-embedding')));
  });
  const data = () => `text:${join(dir, 'reviews.tsv')}`;
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('chooses on validation AUC, not RMSE, and reports test accuracy and AUC once', () => {
    const args = ['tune', '--spec', join(dir, 'text.ncf.json'), '--data', data(), '--metric', 'auc', '--trials', '3'];
    const r = runNcf([
      ...args,
      '--split',
      'kfold:2',
      '--epochs',
      '2',
      '--jobs',
      '1',
      '--json',
      '--out',
      join(dir, 's'),
    ]);
    assert.equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    const trials = lines.filter((l) => l.event === 'trial');
    const result = lines.find((l) => l.event === 'tune-result');
    assert.equal(trials.length, 3);
    for (const t of trials) {
      assert.equal(t.folds.length, 2);
      assert.ok(t.val.auc >= 0 && t.val.auc <= 1 && t.val.rmse === undefined, JSON.stringify(t.val));
      assert.ok(
        t.folds.every((f: { test?: unknown }) => f.test === undefined),
        'no test row in a trial',
      );
    }
    const complete = trials.filter((t) => t.status === 'complete');
    const best = complete.reduce((a, b) => (b.val.auc > a.val.auc ? b : a));
    assert.equal(result.metric, 'auc');
    assert.deepEqual(result.best.params, best.params, 'the trial with the highest validation AUC');
    assert.ok(result.best.test.accuracy >= 0 && result.best.test.auc >= 0 && result.best.test.rmse === undefined);
    assert.match(r.stderr, /folds kfold:2#1, kfold:2#2/);
  });

  it('refuses, in one line, RMSE for text and a classifier metric for ratings', () => {
    const text = runNcf(['tune', '--data', data(), '--metric', 'rmse', '--trials', '1']);
    assert.equal(text.status, 1);
    assert.match(text.stderr, /--metric rmse: a text classifier is chosen on accuracy, auc or loss/);
    assert.doesNotMatch(text.stderr, /\n\s+at /);
    const ratings = runNcf(['tune', '--data', 'synthetic', '--metric', 'auc', '--trials', '1']);
    assert.equal(ratings.status, 1);
    assert.match(ratings.stderr, /--metric auc: a rating search chooses on rmse/);
  });
});
