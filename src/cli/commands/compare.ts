import { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { BackendChoice, EngineName } from '../../core/engine/events';
import { resolveSpec, UsageError } from '../../core/job/resolveSpec';
import { runCompare } from '../../core/tune/compare';
import { compareTable } from '../tuneReport';
import { backendOption, engineOption, positiveInt, wholeNumber } from './sharedOptions';
import { stopOnInterrupt } from './tune';

interface CompareFlags {
  presets?: string;
  spec: string[];
  data: string;
  split: string;
  seed?: number;
  jobs: number;
  epochs?: number;
  backend: BackendChoice;
  engine: EngineName;
  json?: boolean;
}

export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description(
      'train several models on the same folds with the same seed; train / validation / test RMSE and a paired test over folds',
    )
    .option('--presets <names>', 'built-in architectures, comma-separated, e.g. mf-bias,neumf')
    .option(
      '--spec <file>',
      'an architecture spec file (repeat for several)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--data <source>', 'synthetic[:SEED] | movielens:DIR | csv:FILE', 'synthetic')
    .option('--split <how>', 'fold:u1,u2,u3,u4,u5 | kfold:5 | random:0.2', 'kfold:3')
    .option('--seed <n>', "the seed every model gets (default: the first model's)", wholeNumber('--seed'))
    .option('--jobs <n>', 'trainings at once, each in its own process', positiveInt('--jobs'), availableParallelism())
    .option('--epochs <n>', 'maximum epochs per fold (overrides every spec)', positiveInt('--epochs'))
    .addOption(backendOption())
    .addOption(engineOption())
    .option('--json', 'print one JSON line per model, then the compare-result')
    .action(async (flags: CompareFlags) => {
      const names = (flags.presets ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const models = [
        ...(await Promise.all(
          names.map(async (preset) => ({ name: preset, spec: (await resolveSpec({ preset })).spec })),
        )),
        ...(await Promise.all(
          flags.spec.map(async (file) => ({
            name: basename(file).replace(/\.ncf\.json$/, ''),
            spec: (await resolveSpec({ specFile: file })).spec,
          })),
        )),
      ].map((m) =>
        flags.epochs ? { ...m, spec: { ...m.spec, training: { ...m.spec.training, epochs: flags.epochs } } } : m,
      );
      if (models.length < 2)
        throw new UsageError('compare needs at least two models: --presets a,b or --spec F1 --spec F2');
      const controller = stopOnInterrupt('the comparison');
      const outcome = await runCompare({
        models,
        data: flags.data,
        split: flags.split,
        seed: flags.seed,
        jobs: flags.jobs,
        backend: flags.backend,
        engine: flags.engine,
        signal: controller.signal,
        onReady: ({ folds, dataName, jobs }) =>
          process.stderr.write(
            `data: ${dataName}; folds ${folds.join(', ')}; ${models.length} models, ${jobs} trainings at once\n`,
          ),
      });
      if (!outcome) {
        process.stderr.write('stopped\n');
        process.exit(130);
      }
      if (flags.json) {
        for (const m of outcome.models) console.log(JSON.stringify(m));
        const { models: _m, ...rest } = outcome;
        console.log(JSON.stringify({ ...rest, models: outcome.models.map((m) => m.name) }));
      } else console.log(compareTable(outcome));
    });
}
