import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/core/engine/backend';
import { buildModel } from '../../../src/core/engine/model';
import { presetSpec } from '../../../src/core/presets';
import { initialiseFromPretrained } from '../../../src/core/ranking/pretrain';
import { checkSpec } from '../../../src/core/spec/check';
import { Spec } from '../../../src/core/spec/schema';

const vocabulary = { user: 7, item: 11 };

function built(spec: Spec, seed: number) {
  const check = checkSpec(spec, vocabulary);
  if (!check.ok) throw new Error(check.issues[0].message);
  const model = buildModel(check.checked, { vocabulary, globalMean: 0, seed });
  // Non-zero biases everywhere, so that the bias mix is tested too.
  for (const layer of model.layers)
    layer.setWeights(
      layer.getWeights().map((w, k) => (k === 1 ? tf.randomUniform(w.shape, -1, 1, 'float32', seed) : w)),
    );
  return { model, checked: check.checked };
}

const logits = (model: tf.LayersModel, users: number[], items: number[]) =>
  tf.tidy(() =>
    Array.from(
      (
        model.predict([
          tf.tensor2d(users, [users.length, 1], 'int32'),
          tf.tensor2d(items, [items.length, 1], 'int32'),
        ]) as tf.Tensor
      ).dataSync(),
    ),
  );

describe('ranking: NeuMF pre-trained from GMF and MLP (α = 0.5)', () => {
  before(async () => {
    await useBackend('cpu');
  });

  it("NeuMF's logit starts as α·GMF's + (1 − α)·MLP's for every pair", () => {
    const gmf = built(presetSpec('gmf-ranking'), 1);
    const mlp = built(presetSpec('mlp-ranking'), 2);
    const neumf = built(presetSpec('neumf-ranking'), 3);
    const users = Array.from({ length: 77 }, (_, k) => k % 7);
    const items = Array.from({ length: 77 }, (_, k) => Math.floor(k / 7));
    const before = logits(neumf.model, users, items);
    const g = logits(gmf.model, users, items);
    const m = logits(mlp.model, users, items);
    for (const alpha of [0.5, 0.8]) {
      initialiseFromPretrained(neumf, gmf, mlp, alpha);
      const after = logits(neumf.model, users, items);
      const gap = Math.max(...after.map((x, k) => Math.abs(x - (alpha * g[k] + (1 - alpha) * m[k]))));
      assert.ok(gap < 1e-5, `α = ${alpha}: differs by ${gap}`);
      assert.ok(Math.max(...after.map((x, k) => Math.abs(x - before[k]))) > 1e-3, 'the weights did change');
    }
    [gmf, mlp, neumf].forEach((x) => x.model.dispose());
  });

  it('names what does not fit: a model of the wrong kind, a tower of another depth', () => {
    const gmf = built(presetSpec('gmf-ranking'), 1);
    const mlp = built(presetSpec('mlp-ranking'), 2);
    const neumf = built(presetSpec('neumf-ranking'), 3);
    assert.throws(() => initialiseFromPretrained(neumf, mlp, gmf), /'MLP \(ranking\)' is not a GMF model/);
    assert.throws(() => initialiseFromPretrained(gmf, gmf, mlp), /'GMF \(ranking\)' is not NeuMF-shaped/);
    const base = presetSpec('mlp-ranking');
    const shallow = built(
      { ...base, nodes: base.nodes.map((n) => (n.op === 'mlp' ? { ...n, units: [32, 8] } : n)) },
      4,
    );
    assert.throws(
      () => initialiseFromPretrained(neumf, gmf, shallow),
      /NeuMF's tower 'psi' has 3 layers but the MLP model's 'phi' has 2/,
    );
    [gmf, mlp, neumf, shallow].forEach((x) => x.model.dispose());
  });
});
