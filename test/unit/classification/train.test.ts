import { strict as assert } from 'node:assert';
import { defaultFastStepper } from '../../../src/core/engine/fast';
import { trainClassifier } from '../../../src/core/classification/train';
import { TextData } from '../../../src/core/data/textData';
import { presetSpec } from '../../../src/core/presets';
import { smallReviews } from './helpers';

function textData(texts: string[], labels: number[]): TextData {
  return {
    name: 'small',
    file: 'small.tsv',
    texts,
    labels: Int32Array.from(labels),
    classes: ['0', '1'],
    columns: { text: 'Review', label: 'Liked' },
    skipped: [],
  };
}

describe('trainClassifier', function () {
  const { texts, labels } = smallReviews(120);
  // The test rows carry words no training row has.
  const test = Int32Array.from({ length: 20 }, (_, k) => 100 + k);
  const train = Int32Array.from({ length: 100 }, (_, k) => k);
  const marked = texts.map((t, r) => (r >= 100 ? `${t} testonly${r}` : t));
  const spec = presetSpec('text-embedding');
  spec.nodes[0] = { ...spec.nodes[0], length: 8 } as (typeof spec.nodes)[0];
  spec.training = { ...spec.training, epochs: 30, learningRate: 0.02, batchSize: 16 };

  it('fits the vocabulary on the training rows only, and learns kind from unkind words beside the majority class', async () => {
    const run = await trainClassifier({
      spec,
      data: textData(marked, labels),
      split: { name: 'hand', train, test },
      tokenizer: { lowercase: true, stripPunctuation: true, maxTokens: 1000 },
      engine: 'fast',
      fastStepper: defaultFastStepper,
    });
    assert.ok(!run.tokenizer.tokens.some((t) => t.startsWith('testonly')), 'no test word in the vocabulary');
    assert.ok(run.tokenizer.tokens.includes('great'));
    const r = run.result;
    assert.equal(r.task, 'classification');
    assert.equal(r.engine, 'layers');
    assert.match(r.fallbackReason ?? '', /token sequences/);
    assert.ok(r.test.accuracy >= 0.9, `test accuracy ${r.test.accuracy}`);
    assert.ok(r.test.auc > 0.9, `test AUC ${r.test.auc}`);
    assert.equal(r.baselines.majority.auc, 0.5);
    assert.equal(
      r.test.confusion.flat().reduce((a, b) => a + b, 0),
      20,
    );
    assert.ok(r.history.every((e) => e.val !== null && Number.isFinite(e.train.auc)));
    run.model.dispose();
  });
});
