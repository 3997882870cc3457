/**
 * Labels with more than two values: a softmax classifier with categorical cross-entropy, macro figures
 * beside the majority class, a K×K confusion matrix, and a saved run whose predict and TypeScript export
 * give every class's probability.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runExport } from '../../../src/cli/commands/export';
import { runClassificationJob } from '../../../src/core/classification/job';
import { probabilitiesOf } from '../../../src/core/classification/model';
import { majorityDistribution, multiClassMetrics, multiConfusion } from '../../../src/core/classification/multiclass';
import { saveTextRun } from '../../../src/core/classification/save';
import { presetSpec } from '../../../src/core/presets';
import { ncf } from '../cli/bad-input.test';
import { GeneratedModelModule, loadModule, typeCheck } from '../codegen/harness';
import { moodsTsv } from './helpers';
import { jsonLines } from '../../helpers/ncf';

describe('multi-class text classification', function () {
  describe('figures on a hand-made case', () => {
    // Rows' most probable class: 0, 1, 2, 1, 0, 2 against labels 0, 1, 2, 2, 1, 2.
    const p = [0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.2, 0.2, 0.6, 0.3, 0.4, 0.3, 0.5, 0.3, 0.2, 0.1, 0.1, 0.8];
    const y = [0, 1, 2, 2, 1, 2];

    it('confusion, accuracy, per-class and macro precision / recall / F1, categorical cross-entropy', () => {
      assert.deepEqual(multiConfusion(p, y, 3), [
        [1, 0, 0],
        [1, 1, 0],
        [0, 1, 2],
      ]);
      const m = multiClassMetrics(p, y, 3);
      assert.equal(m.accuracy, 4 / 6);
      // Class 0: precision 1/2, recall 1; class 1: 1/2, 1/2; class 2: 1, 2/3.
      assert.deepEqual(
        m.perClass!.map((c) => [c.precision, c.recall]),
        [
          [1 / 2, 1],
          [1 / 2, 1 / 2],
          [1, 2 / 3],
        ],
      );
      const f1 = [2 / 3, 1 / 2, 0.8];
      assert.ok(Math.abs(m.f1 - (f1[0] + f1[1] + f1[2]) / 3) < 1e-12);
      assert.ok(Math.abs(m.precision - 2 / 3) < 1e-12);
      const loss = -(Math.log(0.7) + Math.log(0.8) + Math.log(0.6) + Math.log(0.3) + Math.log(0.3) + Math.log(0.8)) / 6;
      assert.ok(Math.abs(m.loss - loss) < 1e-6);
      assert.ok(m.auc > 0.5 && m.auc <= 1);
    });

    it('the majority class: the training shares on every row, the commonest predicted', () => {
      const q = majorityDistribution([2, 2, 1, 0, 2], 2, 3);
      assert.deepEqual(
        Array.from(q).map((x) => Math.round(x * 10) / 10),
        [0.2, 0.2, 0.6, 0.2, 0.2, 0.6],
      );
      const m = multiClassMetrics(q, [2, 0], 3);
      assert.equal(m.accuracy, 1 / 2);
      assert.equal(m.auc, 0.5);
    });
  });

  describe('on a three-class TSV', () => {
    let dir: string;
    let file: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'ncf-text-multi-'));
      file = join(dir, 'moods.tsv');
      writeFileSync(file, moodsTsv(150));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('ncf train --json over folds: the preset ends in a softmax; 3×3 confusion, macro figures, per class, the majority class', () => {
      const r = ncf(['train', '--data', `text:${file}`, '--split', 'kfold:3', '--json']);
      assert.equal(r.status, 0, r.stderr);
      const lines = jsonLines(r.stdout);
      const result = lines[lines.length - 1];
      assert.deepEqual(result.classes, ['bad', 'fine', 'good']);
      assert.equal(result.test.confusion.length, 3);
      assert.equal(
        result.test.confusion.flat().reduce((a: number, b: number) => a + b, 0),
        150,
      );
      for (const k of ['accuracy', 'auc', 'precision', 'recall', 'f1', 'loss'])
        assert.equal(typeof result.mean[k], 'number', k);
      assert.equal(result.mean.perClass.length, 3);
      // Three balanced classes: the majority class is right about a third of the time; the words tell the moods apart.
      assert.ok(result.baselinesMean.majority.accuracy < 0.4);
      assert.ok(result.mean.accuracy > 0.6, `mean accuracy ${result.mean.accuracy}`);
      const epoch = lines.find((l) => l.event === 'epoch');
      assert.ok('accuracy' in epoch.train && 'f1' in epoch.val);
    });

    it('a user spec ending in one unit is refused in one line on its output node', () => {
      const spec = join(dir, 'binary.ncf.json');
      writeFileSync(spec, JSON.stringify(presetSpec('text-embedding')));
      const r = ncf(['train', '--spec', spec, '--data', `text:${file}`]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /Output needs width 3 .*the labels have 3 classes.*Dense with 3 units and softmax/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });

    it('predict and the TypeScript export give every class probability the engine gives', async () => {
      const job = await runClassificationJob({
        spec: presetSpec('text-embedding'),
        presetName: 'text-embedding',
        data: `text:${file}`,
        split: 'random:0.2',
        engine: 'layers',
      });
      const sentence = 'The food was okay, decent';
      const expected = tf.tidy(() => {
        const y = job.run.model.predict(tf.tensor2d(job.run.tokenizer.encode(sentence), [1, 20], 'int32')) as tf.Tensor;
        return Array.from(probabilitiesOf(y, job.run.output, 3).dataSync());
      });
      assert.ok(Math.abs(expected.reduce((a, b) => a + b, 0) - 1) < 1e-5);
      const run = join(dir, 'run');
      await saveTextRun(run, `text:${file}`, job.spec, job);
      const r = ncf(['predict', '--run', run, '--text', sentence, '--json']);
      assert.equal(r.status, 0, r.stderr);
      const answer = JSON.parse(r.stdout).predictions[0];
      assert.equal(answer.label, 'fine');
      answer.probabilities.forEach((p: number, k: number) => assert.ok(Math.abs(p - expected[k]) < 1e-6));
      assert.equal(answer.probability, answer.probabilities[1]);
      assert.ok(answer.words.find((w: { word: string }) => w.word === 'okay').effect > 0);
      const text = ncf(['predict', '--run', run, '--text', sentence]);
      assert.match(text.stdout, /P\(bad\) [\d.]+, P\(fine\) [\d.]+, P\(good\) [\d.]+/);

      const { code } = await runExport({ run, lang: 'ts', out: join(dir, 'model.ts') });
      assert.deepEqual(typeCheck({ 'model.ts': code }), []);
      const module = loadModule<GeneratedModelModule & { predictText(m: tf.LayersModel, t: string): number[] }>(code);
      const model = module.buildModel();
      model.setWeights(job.run.model.getWeights());
      module.predictText(model, sentence).forEach((p, k) => assert.ok(Math.abs(p - expected[k]) < 1e-6));
      model.dispose();
      job.run.model.dispose();
    });
  });
});
