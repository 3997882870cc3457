/** The extension's settings (contributed in package.json under `ncf.*`), read fresh on each use. */
import * as vscode from 'vscode';
import type { BackendChoice } from '../core/engine/events';

export interface NcfSettings {
  backend: BackendChoice;
  defaultDataset: string;
  epochs?: number;
  batchSize?: number;
  runsFolder: string;
  /** Empty: the Train flow asks. */
  split: string;
}

const BACKENDS: BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];
const positiveInt = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) && x > 0 ? x : undefined);

export function readSettings(scope?: vscode.Uri): NcfSettings {
  const config = vscode.workspace.getConfiguration('ncf', scope);
  const backend = config.get<string>('backend', 'auto') as BackendChoice;
  return {
    backend: BACKENDS.includes(backend) ? backend : 'auto',
    defaultDataset: (config.get<string>('defaultDataset') ?? '').trim(),
    epochs: positiveInt(config.get('epochs')),
    batchSize: positiveInt(config.get('batchSize')),
    runsFolder: config.get<string>('runsFolder') || '.ncf/runs',
    split: (config.get<string>('split') ?? '').trim(),
  };
}
