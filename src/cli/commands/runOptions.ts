/** What `predict` and `recommend` share: the --run and --backend options, and opening the run on that backend. */
import { Command } from 'commander';
import { backendOption } from './sharedOptions';
import { resolve } from 'node:path';
import { BackendChoice } from '../../core/engine/events';
import { useBackend } from '../../core/engine/backend';
import { loadRun, Predictor } from '../../core/predict';

export interface RunFlags {
  run: string;
  backend: BackendChoice;
  json?: boolean;
}

export function addRunOptions(command: Command): Command {
  return command
    .requiredOption('--run <dir>', 'a run folder (written by `ncf train --out DIR` or by VS Code)')
    .addOption(backendOption())
    .option('--json', 'print one JSON object instead of a table');
}

export async function openPredictor(flags: RunFlags): Promise<Predictor> {
  await useBackend(flags.backend);
  return new Predictor(await loadRun(resolve(flags.run)));
}
