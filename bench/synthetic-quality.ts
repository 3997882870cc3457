/**
 * How learnable the synthetic dataset is: its size, mean, noise floor, and the test RMSE of a μ+bᵤ+bᵢ
 * baseline and of a small biased MF (plain TypeScript SGD, rank 8) on a seeded 80/20 split; the same
 * reference fits the unit tests use.
 * Run: npx tsx bench/synthetic-quality.ts [seed] [movielens:DIR | synthetic-1m]
 */
import { loadDataset } from '../src/core/data/load';
import { makeSplits } from '../src/core/data/split';
import { fitBiasedMf, fitBiases, rmseOf } from '../test/unit/data/reference-fits';

async function main() {
  const seed = Number(process.argv[2] ?? 42);
  const source = process.argv[3] ?? `synthetic:${seed}`;
  const t0 = Date.now();
  const d = await loadDataset(source, { seed });
  const seconds = (Date.now() - t0) / 1000;
  const n = d.ratings.length;
  let mean = 0;
  for (const r of d.ratings) mean += r;
  mean /= n;
  let variance = 0;
  for (const r of d.ratings) variance += (r - mean) ** 2;
  const perUser = new Int32Array(d.userIds.length);
  for (const u of d.users) perUser[u]++;
  const perItem = new Int32Array(d.itemIds.length);
  for (const i of d.items) perItem[i]++;
  const q = (a: Int32Array, f: number) => Int32Array.from(a).sort()[Math.floor(f * (a.length - 1))];
  console.log(
    `${d.name}: ${n} ratings, ${d.userIds.length} users, ${d.itemIds.length} items, made in ${seconds.toFixed(2)} s`,
  );
  console.log(
    `mean ${mean.toFixed(3)}, sd ${Math.sqrt(variance / n).toFixed(3)}, noise floor ${d.noiseFloorRmse?.toFixed(4) ?? 'n/a'}`,
  );
  console.log(`ratings per user: min ${q(perUser, 0)}, median ${q(perUser, 0.5)}, max ${q(perUser, 1)}`);
  console.log(
    `ratings per item: min ${q(perItem, 0)}, q1 ${q(perItem, 0.25)}, median ${q(perItem, 0.5)}, q3 ${q(perItem, 0.75)}, max ${q(perItem, 1)}`,
  );
  const [split] = makeSplits(d, 'random:0.2', seed);
  const baseline = fitBiases(d, split.train);
  console.log(
    `test RMSE: global mean ${rmseOf(d, split.test, () => baseline.mean).toFixed(4)}, μ+bu+bi ${rmseOf(d, split.test, baseline.predict).toFixed(4)}`,
  );
  const epochs = 40;
  const mf = fitBiasedMf(d, split.train, { epochs });
  console.log(
    `test RMSE: biased MF rank 8 (SGD, ${epochs} epochs, lr 0.01, l2 0.1) ${rmseOf(d, split.test, mf).toFixed(4)}`,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
