import { Command, Option, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { BackendChoice, EngineName } from '../../core/engine/events';
import { saveRun } from '../../core/engine/save';
import { applyOverrides, resolveSpec } from '../../core/job/resolveSpec';
import { runJob } from '../../core/job/runJob';
import { LOSSES, OPTIMIZERS, TASKS } from '../../core/spec/schema';
import { trainRankingCommand } from './train-ranking';
import { EpochProgress, resultTable } from '../report';
import { defaultFastStepper } from '../../core/engine/fast';

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive whole number`);
  return n;
};
const nonNegative = (name: string, positive = false) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || (positive && n === 0)) throw new InvalidArgumentError(`${name} must be a ${positive ? 'positive' : 'non-negative'} number`);
  return n;
};

interface TrainFlags {
  preset?: string;
  spec?: string;
  data: string;
  split?: string;
  task?: (typeof TASKS)[number];
  k?: number;
  negatives?: number;
  loss?: (typeof LOSSES)[number];
  epochs?: number;
  batchSize?: number;
  lr?: number;
  l2?: number;
  optimizer?: (typeof OPTIMIZERS)[number];
  seed?: number;
  backend: BackendChoice;
  engine: EngineName;
  out?: string;
  json?: boolean;
}

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description('train a model on a dataset and report RMSE and MAE beside two baselines')
    .option('--preset <name>', 'a built-in architecture (see `ncf presets`); default neumf')
    .option('--spec <file>', 'an architecture spec file (*.ncf.json)')
    .option('--data <source>', 'synthetic[:SEED] (ML-100K-shaped) | synthetic-1m[:SEED] (ML-1M-shaped) | movielens:DIR | csv:FILE', 'synthetic')
    .option('--split <how>', 'random:0.2 (default) | fold:u1 | fold:u1,u2,u3,u4,u5 | kfold:5; ranking: loo (leave-one-out by time, its default)')
    .addOption(new Option('--task <name>', "rating, or ranking (implicit feedback, top-N: HR@K, NDCG@K); default the spec's").choices([...TASKS]))
    .option('--k <n>', 'ranking: the K of HR@K and NDCG@K (default 10)', positiveInt('--k'))
    .option('--negatives <n>', 'ranking: negatives sampled per positive each epoch (default 4)', positiveInt('--negatives'))
    .addOption(new Option('--loss <name>', 'ranking: bce (sampled negatives) or bpr (pairwise)').choices(['bce', 'bpr']))
    .option('--epochs <n>', 'maximum epochs (early stopping may end sooner)', positiveInt('--epochs'))
    .option('--batch-size <n>', 'examples per step', positiveInt('--batch-size'))
    .option('--lr <x>', 'learning rate', nonNegative('--lr', true))
    .option('--l2 <x>', 'L2 regularisation λ on every embedding and bias table', nonNegative('--l2'))
    .addOption(new Option('--optimizer <name>', 'optimiser').choices([...OPTIMIZERS]))
    .option('--seed <n>', 'seed of initialisation, shuffling and splits', (v) => {
      if (!/^-?\d+$/.test(v)) throw new InvalidArgumentError('--seed must be a whole number');
      return Number(v);
    })
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices(['auto', 'tensorflow', 'wasm', 'cpu']).default('auto'))
    .addOption(new Option('--engine <name>', 'fast: our training step; layers: plain LayersModel.fit').choices(['fast', 'layers']).default('fast'))
    .option('--out <dir>', 'write the trained model, id maps, spec and metrics.json here')
    .option('--json', 'print one JSON object per line (per epoch, then the result) instead of a table')
    .action(async (flags: TrainFlags) => {
      const { spec: base, presetName } = await resolveSpec({ preset: flags.preset, specFile: flags.spec });
      const overrides = { epochs: flags.epochs, batchSize: flags.batchSize, learningRate: flags.lr, l2: flags.l2, optimizer: flags.optimizer, seed: flags.seed };
      const spec = applyOverrides(base, overrides);
      const controller = new AbortController();
      process.once('SIGINT', () => {
        process.stderr.write('\nstopping after this batch (Ctrl+C again to quit at once)…\n');
        controller.abort();
        process.once('SIGINT', () => process.exit(130));
      });
      if ((flags.task ?? spec.training.task) === 'ranking') return trainRankingCommand(flags, overrides, controller.signal);
      const progress = new EpochProgress(spec.training.batchSize, !flags.json && Boolean(process.stderr.isTTY));
      const job = await runJob({
        spec,
        presetName,
        data: flags.data,
        split: flags.split ?? 'random:0.2',
        backend: flags.backend,
        engine: flags.engine,
        signal: controller.signal,
        fastStepper: defaultFastStepper,
        onData: (d, splits) => !flags.json && process.stderr.write(`data: ${d.name}, ${d.ratings.length} ratings, ${d.userIds.length} users, ${d.itemIds.length} items; ${splits.length} split(s)\n`),
        onEvent: (e, fold) => {
          if (flags.json) {
            if (e.event === 'epoch') console.log(JSON.stringify(fold.count > 1 ? { ...e, fold: fold.name } : e));
          } else progress.onEvent(e, fold);
        },
      });
      if (flags.out) {
        const { history: _history, ...metrics } = job.result;
        await saveRun(resolve(flags.out), { model: job.model, spec, dataset: job.dataset, result: { ...metrics, history: job.result.history } });
      }
      if (flags.json) {
        const { history: _history, ...rest } = job.result;
        console.log(JSON.stringify(rest));
      } else {
        console.log(resultTable(job));
        if (flags.out) console.log(`saved to ${flags.out}`);
      }
    });
}
