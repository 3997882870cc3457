/**
 * `npm run bench -- --ranking`: one epoch of NeuMF ranking (the neumf-ranking preset: BCE, 4 sampled
 * negatives per positive) on the ML-1M-shaped synthetic set, 1,000,000 interactions. Times apart the
 * drawing of the epoch's negatives with the building of its tensors, and the training step.
 * Flags: --epochs N (default 1), --engine fast|layers, --threads N (the fast engine's; default every core).
 */
import { useBackend } from '../src/core/engine/backend';
import { fastStepperWith } from '../src/core/engine/fast';
import { defaultThreads } from '../src/core/engine/fast/threads';
import { buildModel, modelInputNodes } from '../src/core/engine/model';
import { makeOptimizer } from '../src/core/engine/optimizer';
import { EpochStepper, LayersStepper } from '../src/core/engine/stepper';
import { loadDataset } from '../src/core/data/load';
import { presetSpec } from '../src/core/presets';
import { epochExamples } from '../src/core/ranking/epoch';
import { UserItems, interactionRows } from '../src/core/ranking/interactions';
import { leaveOneOut } from '../src/core/ranking/loo';
import { sigmoidCrossEntropy } from '../src/core/ranking/losses';
import { checkSpec } from '../src/core/spec/check';
import { makeRng } from '../src/core/util/random';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const epochs = Number(value('--epochs') ?? 1);
  const engine = value('--engine') === 'layers' ? 'layers' : 'fast';
  const threads = Number(value('--threads') ?? defaultThreads());
  const backend = await useBackend('wasm');
  const dataset = await loadDataset('synthetic-1m');
  const split = leaveOneOut(dataset, interactionRows(dataset));
  const spec = presetSpec('neumf-ranking');
  const check = checkSpec(spec, dataset.vocabulary);
  if (!check.ok) throw new Error(check.issues[0].message);
  const model = buildModel(check.checked, { vocabulary: dataset.vocabulary, globalMean: 0, seed: 42 });
  model.compile({ optimizer: makeOptimizer(spec.training), loss: sigmoidCrossEntropy });
  const stepper: EpochStepper =
    engine === 'fast'
      ? fastStepperWith('lazy', threads)(model, check.checked.spec, { vocabulary: dataset.vocabulary, globalMean: 0 })
      : new LayersStepper(model);
  const data = {
    dataset,
    users: Int32Array.from(split.train, (r) => dataset.users[r]),
    items: Int32Array.from(split.train, (r) => dataset.items[r]),
    seen: UserItems.of(dataset, split.train),
    loss: 'bce' as const,
    negatives: spec.training.negatives,
  };
  const inputs = modelInputNodes(check.checked);
  const rng = makeRng('bench:negatives');
  const shuffle = makeRng('bench:shuffle');
  console.log(
    `NeuMF ranking on ${dataset.name}: ${split.train.length} training interactions × (1 + ${data.negatives} negatives), batch ${spec.training.batchSize}, backend ${backend}, engine ${stepper instanceof LayersStepper ? 'layers' : `fast on ${threads} thread(s)`}`,
  );
  const rows = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now();
    const epochData = epochExamples(data, inputs, rng, shuffle);
    const examples = epochData.rows;
    const t1 = performance.now();
    await stepper.fitEpoch(epochData, spec.training.batchSize, () => true);
    const t2 = performance.now();
    const row = {
      epoch,
      examples,
      sampleSeconds: (t1 - t0) / 1000,
      trainSeconds: (t2 - t1) / 1000,
      examplesPerSec: examples / ((t2 - t0) / 1000),
    };
    rows.push(row);
    console.log(
      `epoch ${epoch}: ${examples} examples; negatives and columns ${row.sampleSeconds.toFixed(1)} s, training ${row.trainSeconds.toFixed(1)} s; ${Math.round(row.examplesPerSec)} examples/s over both`,
    );
  }
  console.log(
    JSON.stringify({
      event: 'bench',
      task: 'ranking',
      model: 'neumf-ranking',
      data: dataset.name,
      engine,
      threads,
      rows,
    }),
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
