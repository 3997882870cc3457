/**
 * A text run exported with its tokenizer gives the engine's token ids and probability: the TypeScript
 * module (type-checked under --strict) within 1e-6, the PyTorch module with the run's weights within 1e-5.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runExport } from '../../../src/cli/commands/export';
import { ClassificationJobResult, runClassificationJob } from '../../../src/core/classification/job';
import { probabilitiesOf } from '../../../src/core/classification/model';
import { saveTextRun } from '../../../src/core/classification/save';
import { presetSpec } from '../../../src/core/presets';
import { GeneratedModelModule, loadModule, typeCheck } from '../codegen/harness';
import { TORCH_PYTHON, requireTorch } from '../codegen/torch';
import { smallReviews, tsv } from './helpers';

const SENTENCES = [
  'The food was amazing, really lovely!',
  'Rude staff; cold, bland food.',
  'zzz unknown words only',
  '',
];

interface TextModule extends GeneratedModelModule {
  tokenize(text: string): Int32Array;
  predictText(model: tf.LayersModel, text: string): number;
}

describe('export of a text run, tokenizer included', function () {
  let dir: string;
  let job: ClassificationJobResult;
  let run: string;
  let engine: number[];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ncf-text-export-'));
    const { texts, labels } = smallReviews(90, 'export');
    const file = join(dir, 'reviews.tsv');
    writeFileSync(file, tsv(texts, labels));
    const spec = presetSpec('text-embedding');
    job = await runClassificationJob({ spec, data: `text:${file}`, split: 'random:0.2', engine: 'layers' });
    engine = SENTENCES.map((s) =>
      tf.tidy(() => {
        const y = job.run.model.predict(tf.tensor2d(job.run.tokenizer.encode(s), [1, 20], 'int32')) as tf.Tensor;
        return probabilitiesOf(y, job.run.output).dataSync()[0];
      }),
    );
    run = join(dir, 'run');
    await saveTextRun(run, `text:${file}`, spec, job);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('TypeScript: the same ids and, with the run weights, the same probability', async () => {
    const { code } = await runExport({ run, lang: 'ts', out: join(dir, 'model.ts') });
    assert.deepEqual(typeCheck({ 'model.ts': code }), []);
    const module = loadModule<TextModule>(code);
    for (const s of SENTENCES)
      assert.deepEqual(Array.from(module.tokenize(s)), Array.from(job.run.tokenizer.encode(s)), s);
    const model = module.buildModel();
    model.setWeights(job.run.model.getWeights());
    SENTENCES.forEach((s, k) => assert.ok(Math.abs(module.predictText(model, s) - engine[k]) < 1e-6, s));
    model.dispose();
  });

  it('Keras: a TextVectorization with the run vocabulary, padding and OOV left to it', async () => {
    const { code } = await runExport({ run, lang: 'python', out: join(dir, 'model_keras.py') });
    assert.match(code, /layers\.TextVectorization\(\s+max_tokens=\d+,\s+standardize='lower_and_strip_punctuation'/);
    assert.match(code, /output_sequence_length=20/);
    const vocabulary = JSON.parse(/^VOCABULARY = (.*)$/m.exec(code)![1]);
    assert.deepEqual(vocabulary, job.run.tokenizer.tokens.slice(2));
  });

  it('PyTorch: the same ids and, with the exported weights, the same probability', async () => {
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
      'with torch.no_grad(): p = model(torch.tensor(ids, dtype=torch.long)).reshape(-1).tolist()',
      'json.dump({"ids": ids, "p": p}, sys.stdout)',
    ].join('\n');
    const r = JSON.parse(execFileSync(TORCH_PYTHON, ['-c', script], { encoding: 'utf8' }));
    SENTENCES.forEach((s, k) => {
      assert.deepEqual(r.ids[k], Array.from(job.run.tokenizer.encode(s)), s);
      assert.ok(Math.abs(r.p[k] - engine[k]) < 1e-5, `${s}: ${r.p[k]} vs ${engine[k]}`);
    });
    assert.ok(readFileSync(out, 'utf8').includes('def tokenize(text):'));
  });
});
