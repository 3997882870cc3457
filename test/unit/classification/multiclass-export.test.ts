/**
 * A multi-class text run exported with its tokenizer: the PyTorch module, with the run's weights,
 * gives every class's probability the engine gives for the same sentence (within 1e-5). Keras and
 * TensorFlow cannot be installed on these machines (neither the npm registry nor Debian has them),
 * so the Keras export is checked for what decides its probabilities: the run's vocabulary in its
 * TextVectorization, the sequence length, and a softmax over every class at the end.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runExport } from '../../../src/cli/commands/export';
import { ClassificationJobResult, runClassificationJob } from '../../../src/core/classification/job';
import { probabilitiesOf } from '../../../src/core/classification/model';
import { saveTextRun } from '../../../src/core/classification/save';
import { presetSpec } from '../../../src/core/presets';
import { TORCH_PYTHON, requireTorch } from '../codegen/torch';
import { moodsTsv } from './helpers';

const SENTENCES = ['The food was okay, decent', 'Lovely! Tasty and amazing.', 'rude, cold… awful', 'zzz qqq', ''];
const CLASSES = 3;

describe('export of a multi-class text run: every class probability', function () {
  let dir: string;
  let job: ClassificationJobResult;
  let run: string;
  let engine: number[][];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ncf-multiclass-export-'));
    const file = join(dir, 'moods.tsv');
    writeFileSync(file, moodsTsv(150));
    job = await runClassificationJob({
      spec: presetSpec('text-embedding'),
      presetName: 'text-embedding',
      data: `text:${file}`,
      split: 'random:0.2',
      engine: 'layers',
    });
    assert.deepEqual(job.result.classes, ['bad', 'fine', 'good']);
    const L = job.run.tokenizer.options.length;
    engine = SENTENCES.map((s) =>
      tf.tidy(() => {
        const y = job.run.model.predict(tf.tensor2d(job.run.tokenizer.encode(s), [1, L], 'int32')) as tf.Tensor;
        return Array.from(probabilitiesOf(y, job.run.output, CLASSES).dataSync());
      }),
    );
    run = join(dir, 'run');
    await saveTextRun(run, `text:${file}`, job.spec, job);
  });
  after(() => {
    job?.run.model.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('PyTorch: the same ids and, with the exported weights, every class probability within 1e-5', async () => {
    requireTorch();
    const out = join(dir, 'model_torch.py');
    await runExport({ run, lang: 'pytorch', out });
    const script = [
      'import importlib.util, json, sys, torch',
      `spec = importlib.util.spec_from_file_location('m', ${JSON.stringify(out)})`,
      'm = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)',
      `model = m.load_weights(${JSON.stringify(out.replace(/\.py$/, '.weights.json'))}); model.eval()`,
      `sentences = json.loads(${JSON.stringify(JSON.stringify(SENTENCES))})`,
      'ids = [m.tokenize(s) for s in sentences]',
      'with torch.no_grad(): p = model(torch.tensor(ids, dtype=torch.long)).tolist()',
      'json.dump({"ids": ids, "p": p}, sys.stdout)',
    ].join('\n');
    const r = JSON.parse(execFileSync(TORCH_PYTHON, ['-c', script], { encoding: 'utf8' }));
    SENTENCES.forEach((s, k) => {
      assert.deepEqual(r.ids[k], Array.from(job.run.tokenizer.encode(s)), s);
      assert.equal(r.p[k].length, CLASSES, `${s}: a probability per class`);
      r.p[k].forEach((p: number, c: number) =>
        assert.ok(Math.abs(p - engine[k][c]) < 1e-5, `${s}, class ${c}: ${p} vs ${engine[k][c]}`),
      );
    });
    // Not a trivially uniform model: the sentences' most probable classes differ.
    assert.ok(new Set(engine.slice(0, 3).map((p) => p.indexOf(Math.max(...p)))).size > 1);
  });

  it('Keras: the run vocabulary and length in its TextVectorization, a softmax over the three classes', async () => {
    const { code } = await runExport({ run, lang: 'python', out: join(dir, 'model_keras.py') });
    const vocabulary = JSON.parse(/^VOCABULARY = (.*)$/m.exec(code)![1]);
    assert.deepEqual(vocabulary, job.run.tokenizer.tokens.slice(2));
    assert.match(code, new RegExp(`output_sequence_length=${job.run.tokenizer.options.length}`));
    assert.match(code, /layers\.Dense\(\s*3,[^)]*activation='softmax'/);
    assert.match(code, /def predict_text\(/);
  });
});
