/**
 * `ncf train --preset neumf-ranking --pretrain GMF_RUN,MLP_RUN`: NeuMF starts from two saved runs
 * (checked on the saved NeuMF weights after a step too small to move them), and every mismatch is
 * one clear line.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/core/engine/backend';
import { loadRun } from '../../../src/core/predict/loadRun';
import { smallInteractions } from '../../helpers/interactions';
import { ncf } from '../cli/bad-input.test';

const close = (a: tf.Tensor, b: tf.Tensor, what: string) => {
  const gap = tf.tidy(() => a.sub(b).abs().max().dataSync()[0]);
  assert.ok(gap < 1e-4, `${what}: largest difference ${gap}`);
};

describe('CLI: train --pretrain GMF_RUN,MLP_RUN', function () {
  this.timeout(600_000);
  let dir: string;
  let data: string;
  const run = (name: string) => join(dir, name);
  const train = (preset: string, out: string, more: string[] = [], csv = data) =>
    ncf([
      'train',
      '--task',
      'ranking',
      '--preset',
      preset,
      '--data',
      `csv:${csv}`,
      '--epochs',
      '2',
      '--out',
      out,
      ...more,
    ]);

  before(async () => {
    await useBackend('cpu');
    dir = mkdtempSync(join(tmpdir(), 'ncf-pretrain-'));
    data = join(dir, 'small.csv');
    writeFileSync(data, smallInteractions());
    for (const preset of ['gmf-ranking', 'mlp-ranking']) {
      const r = train(preset, run(preset), ['--lr', '0.01']);
      assert.equal(r.status, 0, r.stderr);
    }
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('NeuMF starts from the GMF and MLP runs: their tables and tower, the output layers weighted α = 0.5', async () => {
    const out = run('neumf');
    // A learning rate so small that the saved weights are the initial ones.
    const r = train('neumf-ranking', out, [
      '--epochs',
      '1',
      '--lr',
      '1e-12',
      '--pretrain',
      `${run('gmf-ranking')},${run('mlp-ranking')}`,
    ]);
    assert.equal(r.status, 0, r.stderr);
    const [neumf, gmf, mlp] = await Promise.all([out, run('gmf-ranking'), run('mlp-ranking')].map((d) => loadRun(d)));
    const weights = (m: tf.LayersModel, layer: string) => m.getLayer(layer).getWeights();
    close(weights(neumf.model, 'p')[0], weights(gmf.model, 'p')[0], 'GMF user table');
    close(weights(neumf.model, 'q')[0], weights(gmf.model, 'q')[0], 'GMF item table');
    close(weights(neumf.model, 's')[0], weights(mlp.model, 'p')[0], 'MLP user table');
    close(weights(neumf.model, 't')[0], weights(mlp.model, 'q')[0], 'MLP item table');
    for (const k of [1, 2, 3])
      close(weights(neumf.model, `psi_${k}`)[0], weights(mlp.model, `phi_${k}`)[0], `tower layer ${k}`);
    const mixed = tf.concat([weights(gmf.model, 'h')[0].mul(0.5), weights(mlp.model, 'h')[0].mul(0.5)], 0);
    close(weights(neumf.model, 'h')[0], mixed, 'output kernel');
    // Not the weights a fresh NeuMF would start from: pre-training changed something.
    const fresh = train('neumf-ranking', run('fresh'), ['--epochs', '1', '--lr', '1e-12']);
    assert.equal(fresh.status, 0, fresh.stderr);
    const scratch = await loadRun(run('fresh'));
    const gap = tf.tidy(() => weights(scratch.model, 'p')[0].sub(weights(gmf.model, 'p')[0]).abs().max().dataSync()[0]);
    assert.ok(gap > 1e-3, `a fresh NeuMF's user table is the GMF run's (gap ${gap})`);
    for (const m of [neumf, gmf, mlp, scratch]) m.model.dispose();
  });

  it('one clear line for runs in the wrong order, on other data, of another task, or a malformed value', () => {
    const pretrain = (value: string) =>
      ncf([
        'train',
        '--task',
        'ranking',
        '--preset',
        'neumf-ranking',
        '--data',
        `csv:${data}`,
        '--epochs',
        '1',
        '--pretrain',
        value,
        '--json',
      ]);
    const oneLine = (r: { status: number | null; stderr: string }, pattern: RegExp) => {
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr.trim(), pattern);
    };
    const gmf = run('gmf-ranking');
    const mlp = run('mlp-ranking');
    oneLine(pretrain(`${mlp},${gmf}`), /^ncf: pre-training: the GMF model 'MLP \(ranking\)' is not a GMF model/);
    oneLine(pretrain(gmf), /^ncf: --pretrain takes two run folders, GMF_RUN,MLP_RUN/);
    oneLine(pretrain(`${gmf},${join(dir, 'nowhere')}`), /^ncf: .*nowhere: no such run folder$/);

    // The same interactions with one user renamed: the GMF run's rows would belong to other users.
    const other = join(dir, 'other.csv');
    writeFileSync(other, readFileSync(data, 'utf8').replace(/^u0,/gm, 'someone,'));
    const r = ncf([
      'train',
      '--task',
      'ranking',
      '--data',
      `csv:${other}`,
      '--epochs',
      '1',
      '--pretrain',
      `${gmf},${mlp}`,
      '--json',
    ]);
    oneLine(
      r,
      /^ncf: pre-training: .*gmf-ranking was trained on other data: its user #1 is 'u0', this data's is 'someone'$/,
    );

    const rating = run('rating');
    const rated = ncf(['train', '--preset', 'gmf', '--data', `csv:${data}`, '--epochs', '1', '--out', rating]);
    assert.equal(rated.status, 0, rated.stderr);
    oneLine(
      pretrain(`${rating},${mlp}`),
      /^ncf: pre-training: .*rating is a rating run; --pretrain takes the GMF run of a ranking task$/,
    );
    oneLine(
      ncf(['train', '--preset', 'neumf', '--data', `csv:${data}`, '--pretrain', `${gmf},${mlp}`, '--json']),
      /^ncf: --pretrain is for the ranking task/,
    );
  });
});
