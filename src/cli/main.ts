#!/usr/bin/env node
/** `ncf`: the headless command line over the same core as the extension. */
import { Command } from 'commander';
import { registerDescribeCommand } from './commands/describe';
import { registerCompareCommand } from './commands/compare';
import { registerExportCommand } from './commands/export';
import { registerPredictCommand } from './commands/predict';
import { registerPresetsCommand } from './commands/presets';
import { registerRecommendCommand } from './commands/recommend';
import { registerTrainCommand } from './commands/train';
import { registerTuneCommand } from './commands/tune';
import { registerValidateCommand } from './commands/validate';
import { reportError } from './errors';

const program = new Command('ncf')
  .description('NCF Studio: train and inspect Neural Collaborative Filtering models')
  .showHelpAfterError('(run with --help for usage)');
registerTrainCommand(program);
registerPresetsCommand(program);
registerValidateCommand(program);
registerExportCommand(program);
registerPredictCommand(program);
registerRecommendCommand(program);
registerDescribeCommand(program);
registerTuneCommand(program);
registerCompareCommand(program);

program.parseAsync(process.argv).catch(reportError);
