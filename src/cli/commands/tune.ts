import { Command, Option } from 'commander';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { BackendChoice, EngineName } from '../../core/engine/events';
import { prepareSearch } from '../../core/tune/prepare';
import { runSearch, SearchOutcome } from '../../core/tune/search';
import { formatSpace } from '../../core/tune/space';
import { saveSearchResult, specBaseName, writeNewSpecFile } from '../../core/tune/store';
import { STRATEGIES, StrategyName, TUNE_METRICS, TuneMetric, TuneMetrics } from '../../core/tune/types';
import { measureOf, TuneMeasure } from '../../core/tune/measure';
import { ClassMetrics } from '../../core/classification/metrics';
import { classificationTuneSummary, TrialProgress, trialsTable, tuneSummary } from '../tuneReport';
import { backendOption, engineOption, positiveInt, wholeNumber } from './sharedOptions';
import { addFeatureFileOptions, FeatureFileFlags, featureFiles } from './featureFileOptions';

interface TuneFlags extends FeatureFileFlags {
  preset?: string;
  spec?: string;
  space?: string;
  data: string;
  split: string;
  strategy: StrategyName;
  trials: number;
  jobs: number;
  seed: number;
  epochs?: number;
  prune: boolean;
  refit: boolean;
  metric?: TuneMetric;
  out?: string;
  resume?: string;
  backend: BackendChoice;
  engine: EngineName;
  json?: boolean;
}

/** Ctrl+C: the first stops the running trials after their batch (finished ones are kept), the second quits. */
export function stopOnInterrupt(what: string): AbortController {
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write(`\nstopping ${what} after the current batch (Ctrl+C again to quit at once)…\n`);
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  return controller;
}

export function registerTuneCommand(program: Command): void {
  const command = program
    .command('tune')
    .description(
      'cross-validated hyperparameter search: choose on validation RMSE (a text classifier: accuracy, AUC or log loss), report the test once',
    )
    .option('--preset <name>', 'a built-in architecture (see `ncf presets`); default neumf')
    .option('--spec <file>', 'an architecture spec file (*.ncf.json)')
    .option(
      '--space <space>',
      'a space file (*.json) or inline, e.g. "p.dim+q.dim=16,32,64;training.learningRate=log:1e-4..1e-2"; default: derived from the spec',
    )
    .option('--data <source>', 'synthetic[:SEED] | movielens:DIR | csv:FILE | text:FILE', 'synthetic')
    .addOption(
      new Option(
        '--metric <name>',
        'what to choose on: rmse for ratings; accuracy (default), auc or loss (log loss) for text:FILE',
      ).choices([...TUNE_METRICS]),
    )
    .option(
      '--split <how>',
      'fold:u1,u2,u3,u4,u5 | kfold:5 | random:0.2 (selection uses the validation part of each training fold)',
      'kfold:3',
    )
    .addOption(new Option('--strategy <name>', 'how candidates are picked').choices([...STRATEGIES]).default('tpe'))
    .option('--trials <n>', 'number of configurations to try', positiveInt('--trials'), 20)
    .option(
      '--jobs <n>',
      'trials trained at once, each in its own process',
      positiveInt('--jobs'),
      availableParallelism(),
    )
    .option('--seed <n>', "seed of the search (the models keep the spec's own seed)", wholeNumber('--seed'), 0)
    .option('--epochs <n>', 'maximum epochs per fold (overrides the spec)', positiveInt('--epochs'))
    .option('--no-prune', 'train every trial to the end (no median pruning)')
    .option(
      '--no-refit',
      'test the chosen and the default configuration as trained in the search (default: refit each on the whole training fold for its best epoch count)',
    )
    .option('--out <dir>', 'the search folder (trials.jsonl, result.json); default .ncf/tune/NAME-DATE')
    .option('--resume <dir>', 'continue the search in this folder')
    .addOption(backendOption())
    .addOption(engineOption())
    .option('--json', 'print one JSON line per trial, then the tune-result');
  addFeatureFileOptions(command).action(async (flags: TuneFlags) => {
    const prepared = await prepareSearch({
      preset: flags.preset,
      specFile: flags.spec,
      space: flags.space,
      data: flags.data,
      features: featureFiles(flags),
      split: flags.split,
      strategy: flags.strategy,
      trials: flags.trials,
      seed: flags.seed,
      prune: flags.prune,
      refit: flags.refit,
      metric: flags.metric,
      epochs: flags.epochs,
      out: flags.out,
      resume: flags.resume,
    });
    const { settings, outDir } = prepared;
    const where = relative(process.cwd(), outDir) || '.';
    process.stderr.write(
      `${prepared.derivedSpace ? 'space (derived from the spec)' : 'space'}: ${formatSpace(settings.space)}\n`,
    );
    const controller = stopOnInterrupt('the search');
    const measure: TuneMeasure<TuneMetrics> = measureOf(settings.metric);
    let progress: TrialProgress | null = null;
    const outcome = await runSearch<TuneMetrics>({
      ...prepared,
      jobs: Math.min(flags.jobs, settings.trials),
      backend: flags.backend,
      engine: flags.engine,
      signal: controller.signal,
      onReady: ({ folds, dataName, jobs }) => {
        process.stderr.write(
          `data: ${dataName}; folds ${folds.join(', ')}; ${settings.strategy}, ${settings.trials} trials, ${jobs} at once; trials go to ${where}/trials.jsonl\n`,
        );
        if (prepared.resumed.length)
          process.stderr.write(`resuming after ${prepared.resumed.length} finished trials\n`);
        if (!flags.json)
          progress = new TrialProgress(
            settings.trials,
            prepared.resumed.length,
            Boolean(process.stderr.isTTY),
            measure,
          );
      },
      onTrial: (record, trials) => {
        if (flags.json) console.log(JSON.stringify(record));
        else progress?.update(trials);
      },
      onFinal: () => {
        progress?.stop();
        if (!flags.json)
          process.stderr.write(
            `training the chosen and the default configuration on each fold to measure the test ${measure.metric === 'rmse' ? 'RMSE' : 'accuracy and AUC'}…\n`,
          );
      },
    });
    (progress as TrialProgress | null)?.stop(); // set in a callback, which narrowing does not see
    if (!flags.json) console.log(trialsTable(outcome.trials, measure));
    if (outcome.cancelled) {
      process.stderr.write(
        `stopped: ${outcome.trials.length} finished trials are kept in ${where}; continue with --resume ${where}\n`,
      );
      process.exit(130);
    }
    const { result, best } = outcome;
    const text = saveSearchResult(outDir, outcome);
    const { folder, name } = specBaseName(settings.specSource);
    const tunedFile = writeNewSpecFile(folder, name, text);
    if (flags.json) console.log(JSON.stringify(result));
    else {
      const folds = best!.final.folds.length;
      console.log(
        measure.metric === 'rmse'
          ? tuneSummary(outcome as unknown as SearchOutcome, folds)
          : classificationTuneSummary(
              outcome as unknown as SearchOutcome<ClassMetrics>,
              folds,
              measure as unknown as TuneMeasure<ClassMetrics>,
            ),
      );
      console.log(`wrote ${relative(process.cwd(), tunedFile)}; the search is in ${where}`);
    }
  });
}
