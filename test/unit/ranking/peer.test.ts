/**
 * The PyTorch peer of `npm run eval:ranking-peer` (bench/torch_ranking.py): it is handed the very
 * protocol a ranking run evaluates on, and it learns. Missing PyTorch fails the test, saying what to install.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runChild } from '../../../bench/peer';
import { peerProtocol } from '../../../bench/ranking-protocol-file';
import { loadDataset } from '../../../src/core/data/load';
import { Dataset } from '../../../src/core/data/types';
import { presetSpec } from '../../../src/core/presets';
import { rankingProtocol } from '../../../src/core/ranking/protocol';
import { trainRanking } from '../../../src/core/ranking/train';
import { checkSpec } from '../../../src/core/spec/check';
import { Spec } from '../../../src/core/spec/schema';
import { groupedInteractions } from '../../helpers/interactions';
import { TORCH_PYTHON, requireTorch } from '../codegen/torch';

interface PeerFigures {
  hr: number;
  ndcg: number;
  bestEpoch: number;
  epochs: number;
}

describe('ranking: the PyTorch peer on the protocol NCF Studio drew', function () {
  this.timeout(300_000);
  let dir: string;
  let dataset: Dataset;
  let spec: Spec;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ncf-ranking-peer-'));
    const csv = path.join(dir, 'interactions.csv');
    writeFileSync(csv, groupedInteractions());
    dataset = await loadDataset(`csv:${csv}`);
    const preset = presetSpec('neumf-ranking');
    const check = checkSpec({ ...preset, training: { ...preset.training, epochs: 8, learningRate: 0.01, seed: 5 } });
    assert.ok(check.ok);
    spec = check.checked.spec;
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('hands the peer the test negatives a ranking run of the same seed evaluates on', async () => {
    const file = JSON.parse(peerProtocol(spec, dataset, rankingProtocol(dataset, spec.training))) as {
      test: { users: number[]; items: number[]; negatives: number[] };
      train: { users: number[]; items: number[] };
      gmf: number;
      embedding: number;
      units: number[];
    };
    const { model, testNegatives } = await trainRanking({
      spec: { ...spec, training: { ...spec.training, epochs: 1 } },
      dataset,
      backend: 'wasm',
      engine: 'layers',
    });
    model.dispose();
    assert.deepEqual(file.test.users, Array.from(testNegatives.users));
    assert.deepEqual(file.test.items, Array.from(testNegatives.items));
    assert.deepEqual(file.test.negatives, Array.from(testNegatives.negatives));
    assert.deepEqual([file.gmf, file.embedding, file.units], [8, 32, [32, 16, 8]]);
    const trained = new Set(file.train.users.map((u, k) => `${u}:${file.train.items[k]}`));
    file.test.users.forEach((u, k) =>
      assert.ok(!trained.has(`${u}:${file.test.items[k]}`), 'a test item leaked into training'),
    );
  });

  it('learns the taste groups far above random (HR@10 ≈ 0.1) and keeps its best epoch', () => {
    requireTorch();
    const file = path.join(dir, 'protocol.json');
    writeFileSync(file, peerProtocol(spec, dataset, rankingProtocol(dataset, spec.training)));
    const script = path.resolve(__dirname, '../../../bench/torch_ranking.py');
    const figures = runChild<PeerFigures>(TORCH_PYTHON, [script, file], 'the PyTorch peer');
    assert.ok(figures.hr > 0.3, `PyTorch peer HR@10 ${figures.hr}`);
    assert.ok(figures.ndcg > 0.12 && figures.ndcg <= figures.hr, `PyTorch peer NDCG@10 ${figures.ndcg}`);
    assert.ok(figures.bestEpoch >= 1 && figures.bestEpoch <= figures.epochs && figures.epochs <= 8);
  });
});
