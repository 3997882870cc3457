import { Command, Option, InvalidArgumentError } from 'commander';
import { BackendChoice, EngineName } from '../../core/engine/events';
import { runBytes, saveRun } from '../../core/engine/save';
import { runDataFiles } from '../../core/predict/runFiles';
import { sourcePath } from '../../core/data/load';
import { addFeatureFileOptions, FeatureFileFlags, featureFiles } from './featureFileOptions';
import { featureSummary } from '../../core/data/features';
import { Dataset, Split } from '../../core/data/types';
import { checkDestination, checkSpace, DestinationOptions } from '../../core/run/destination';
import { checkSpec } from '../../core/spec/check';
import { UsageError, applyOverrides, resolveSpec } from '../../core/job/resolveSpec';
import { runJob } from '../../core/job/runJob';
import { LOSSES, OPTIMIZERS, TASKS } from '../../core/spec/schema';
import { trainRankingCommand } from './train-ranking';
import { trainClassificationCommand } from './train-classification';
import { isTextSource } from '../../core/data/load';
import { EpochProgress, resultTable } from '../report';
import { batchCapLine } from '../../core/engine/train';
import { fastStepperWith } from '../../core/engine/fast';
import { prestartThreads } from '../../core/engine/fast/threads';
import type { ParallelMode } from '../../core/engine/fast/dataParallel';
import { exitCodeFor, stopOnSignals } from '../../core/job/stopSignals';
import { backendOption, engineOption, positiveInt, wholeNumber } from './sharedOptions';

const nonNegative =
  (name: string, positive = false) =>
  (v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || (positive && n === 0))
      throw new InvalidArgumentError(`${name} must be a ${positive ? 'positive' : 'non-negative'} number`);
    return n;
  };

interface TrainFlags extends FeatureFileFlags {
  preset?: string;
  spec?: string;
  data: string;
  split?: string;
  task?: (typeof TASKS)[number];
  k?: number;
  negatives?: number;
  loss?: (typeof LOSSES)[number];
  pretrain?: string;
  epochs?: number;
  batchSize?: number;
  lr?: number;
  l2?: number;
  optimizer?: (typeof OPTIMIZERS)[number];
  seed?: number;
  backend: BackendChoice;
  engine: EngineName;
  threads?: number;
  parallel?: ParallelMode;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/** One line about the data: its size and, when the source declares no scale, the scale found in it. */
function dataSummary(d: Dataset, splits: Split[]): string {
  const [low, high] = d.ratingRange;
  const scale = d.ratingRangeObserved
    ? `; ratings from ${low} to ${high} (the scale found: the file declares none)`
    : '';
  return `data: ${d.name}, ${d.ratings.length} ratings, ${d.userIds.length} users, ${d.itemIds.length} items${scale}; ${splits.length} split(s)${featureSummary(d)}`;
}

export function registerTrainCommand(program: Command): void {
  const command = program
    .command('train')
    .description('train a model on a dataset and report RMSE and MAE beside two baselines')
    .option('--preset <name>', 'a built-in architecture (see `ncf presets`); default neumf')
    .option('--spec <file>', 'an architecture spec file (*.ncf.json)')
    .option(
      '--data <source>',
      'synthetic[:SEED] (ML-100K-shaped) | synthetic-1m[:SEED] (ML-1M-shaped) | synthetic-20m[:SEED] (ML-20M-shaped) | movielens:DIR | csv:FILE | text:FILE[#review=COL,label=COL,maxTokens=N,lowercase=true|false,punctuation=strip|keep] (labelled text: the classification task)',
      'synthetic',
    )
    .option(
      '--split <how>',
      'random:0.2 (default) | fold:u1 | fold:u1,u2,u3,u4,u5 | kfold:5; ranking: loo (leave-one-out by time, its default)',
    )
    .addOption(
      new Option(
        '--task <name>',
        "rating, ranking (implicit feedback, top-N: HR@K, NDCG@K) or classification (labelled text: accuracy, AUC); default the spec's, or classification for text:FILE",
      ).choices([...TASKS]),
    )
    .option('--k <n>', 'ranking: the K of HR@K and NDCG@K (default 10)', positiveInt('--k'))
    .option(
      '--negatives <n>',
      'ranking: negatives sampled per positive each epoch (default 4)',
      positiveInt('--negatives'),
    )
    .addOption(
      new Option('--loss <name>', 'ranking: bce (sampled negatives) or bpr (pairwise)').choices(['bce', 'bpr']),
    )
    .option(
      '--pretrain <runs>',
      "ranking: GMF_RUN,MLP_RUN, two saved ranking runs on the same data; NeuMF starts from their weights (the NCF paper's pre-training, α = 0.5)",
    )
    .option('--epochs <n>', 'maximum epochs (early stopping may end sooner)', positiveInt('--epochs'))
    .option('--batch-size <n>', 'examples per step', positiveInt('--batch-size'))
    .option('--lr <x>', 'learning rate', nonNegative('--lr', true))
    .option('--l2 <x>', 'L2 regularisation λ on every embedding and bias table', nonNegative('--l2'))
    .addOption(new Option('--optimizer <name>', 'optimiser').choices([...OPTIMIZERS]))
    .option('--seed <n>', 'seed of initialisation, shuffling and splits', wholeNumber('--seed'))
    .addOption(backendOption())
    .addOption(engineOption())
    .option(
      '--threads <n>',
      'fast engine: threads that share each step (default: every core; 1 trains on one, as before; any count gives the same numbers)',
      positiveInt('--threads'),
    )
    .addOption(
      new Option(
        '--parallel <how>',
        "fast engine on several threads: 'products' splits each large matrix product (the default; the same numbers on any thread count), 'data' each batch's rows (the same numbers for one thread count; slower on two cores, see the README)",
      ).choices(['products', 'data']),
    )
    .option(
      '--out <dir>',
      'write the trained model, id maps, spec and metrics.json here (a new folder, or an earlier run, which is replaced)',
    )
    .option(
      '--force',
      "let --out be a folder that is not a run: the run's files are added beside what is there, never over it",
    )
    .option('--json', 'print one JSON object per line (per epoch, then the result) instead of a table');
  addFeatureFileOptions(command).action(async (flags: TrainFlags) => {
    if (flags.engine === 'fast') prestartThreads(flags.threads);
    // Labelled text trains a classifier (its default preset is text-embedding, not neumf).
    const classification = flags.task === 'classification' || (flags.task === undefined && isTextSource(flags.data));
    const { spec: base, presetName } = await resolveSpec({
      preset: flags.preset ?? (classification && !flags.spec ? 'text-embedding' : undefined),
      specFile: flags.spec,
    });
    const overrides = {
      epochs: flags.epochs,
      batchSize: flags.batchSize,
      learningRate: flags.lr,
      l2: flags.l2,
      optimizer: flags.optimizer,
      seed: flags.seed,
    };
    const spec = applyOverrides(base, overrides);
    if (flags.pretrain !== undefined && (flags.task ?? spec.training.task) !== 'ranking')
      throw new UsageError('--pretrain is for the ranking task: add --task ranking (NeuMF from GMF and MLP runs)');
    // Where the run goes is settled before any training: a refusal after an hour of training helps nobody.
    const destination: DestinationOptions = {
      force: flags.force,
      protect: [
        sourcePath(flags.data),
        flags.spec,
        flags.userFeatures,
        flags.itemFeatures,
        ...(flags.pretrain?.split(',') ?? []),
      ].filter((p): p is string => p !== undefined),
    };
    const out = flags.out === undefined ? undefined : checkDestination(flags.out, destination).dir;
    const progress = new EpochProgress(!flags.json && Boolean(process.stderr.isTTY));
    const controller = new AbortController();
    const stoppedBy = stopOnSignals(controller);
    if (classification || (flags.task === undefined && spec.training.task === 'classification')) {
      await trainClassificationCommand(flags, overrides, controller.signal, out, destination);
      const signal = stoppedBy();
      if (signal) process.exitCode = exitCodeFor(signal);
      return;
    }
    if ((flags.task ?? spec.training.task) === 'ranking') {
      await trainRankingCommand(flags, overrides, controller.signal, out, destination);
      const signal = stoppedBy();
      if (signal) process.exitCode = exitCodeFor(signal);
      return;
    }
    const job = await runJob({
      spec,
      presetName,
      data: flags.data,
      load: featureFiles(flags),
      split: flags.split ?? 'random:0.2',
      backend: flags.backend,
      engine: flags.engine,
      signal: controller.signal,
      fastStepper: fastStepperWith('lazy', flags.threads, flags.parallel),
      onData: (d, splits) => {
        if (!flags.json) process.stderr.write(dataSummary(d, splits) + '\n');
        const check = checkSpec(spec, d.vocabulary, { rows: d.ratings.length });
        if (out !== undefined && check.ok) checkSpace(out, runBytes(check.checked.totalParams, d));
      },
      onEvent: (e, fold) => {
        if (flags.json) {
          if (e.event === 'epoch') console.log(JSON.stringify(fold.count > 1 ? { ...e, fold: fold.name } : e));
          else if (e.event === 'start' && e.batchCappedFrom !== undefined)
            process.stderr.write(batchCapLine(e.batchCappedFrom, e.batchSize) + '\n');
        } else progress.onEvent(e, fold);
      },
    });
    if (out !== undefined) {
      process.stderr.write(`saving to ${out}…\n`);
      const { history: _history, ...metrics } = job.result;
      await saveRun(
        out,
        {
          model: job.model,
          spec,
          dataset: job.dataset,
          result: { ...metrics, history: job.result.history },
          files: runDataFiles(flags.data, job.dataset, spec),
        },
        destination,
      );
    }
    if (flags.json) {
      const { history: _history, ...rest } = job.result;
      console.log(JSON.stringify(rest));
    } else {
      console.log(resultTable(job));
      if (out !== undefined) console.log(`saved to ${out}`);
    }
    const signal = stoppedBy();
    if (signal) process.exitCode = exitCodeFor(signal);
  });
}
