/** The Runs view's figures of a saved run, in its task's terms. */
import assert from 'node:assert/strict';
import { bestScore, testScore } from '../../src/extension/sidebar/runScore';
import type { RunSummary } from '../../src/protocol/dashboard';

const run = (figures: Partial<RunSummary>): RunSummary => ({
  id: 'r',
  specName: 's',
  dataName: 'd',
  date: '2026-01-01T00:00:00.000Z',
  settings: { dims: [], l2: [] },
  ...figures,
});

describe('the Runs view: a run’s test figures', () => {
  it('writes RMSE for a rating run, accuracy and AUC for a classifier, HR and NDCG for a ranking run', () => {
    assert.equal(testScore(run({ test: { rmse: 0.91234, mae: 0.7 } })), 'RMSE 0.9123');
    assert.equal(
      testScore(run({ classification: { accuracy: 0.8125, auc: 0.90004, classes: 2 } })),
      'accuracy 0.8125, AUC 0.9000',
    );
    assert.equal(testScore(run({ ranking: { k: 10, hr: 0.6, ndcg: 0.35 } })), 'HR@10 0.6000, NDCG@10 0.3500');
    assert.equal(testScore(run({})), undefined, 'a run without a test score');
  });

  it('picks the lowest RMSE, the highest accuracy, the highest HR as the best of a spec’s runs', () => {
    assert.equal(
      bestScore([run({ test: { rmse: 1.1, mae: 1 } }), run({ test: { rmse: 0.95, mae: 1 } })]),
      'best RMSE 0.9500',
    );
    const classifier = (accuracy: number) => run({ classification: { accuracy, auc: 0.5, classes: 2 } });
    assert.equal(bestScore([classifier(0.7), classifier(0.85), run({})]), 'best accuracy 0.8500');
    const ranker = (hr: number) => run({ ranking: { k: 10, hr, ndcg: 0.1 } });
    assert.equal(bestScore([ranker(0.4), ranker(0.55)]), 'best HR@10 0.5500');
    assert.equal(bestScore([run({})]), undefined);
  });
});
