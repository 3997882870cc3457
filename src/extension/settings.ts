/** The extension's settings (contributed in package.json under `ncf.*`), read fresh on each use. */
import * as vscode from 'vscode';
import type { BackendChoice } from '../core/engine/events';
import type { FeatureKind } from '../core/data/featureColumns';
import { FEATURE_KINDS } from '../core/ops/input';
import type { ParallelMode } from '../core/engine/fast/dataParallel';

export interface NcfSettings {
  backend: BackendChoice;
  defaultDataset: string;
  epochs?: number;
  batchSize?: number;
  /** The fast engine's threads; undefined: every core. */
  threads?: number;
  /** How those threads share a step. */
  parallel: ParallelMode;
  runsFolder: string;
  /** Empty: the Train flow asks. */
  split: string;
  /** Feature files of the user's own (as written: workspace-relative or absolute; empty: none). */
  userFeatures: string;
  itemFeatures: string;
  featureKinds: Record<string, FeatureKind>;
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
    threads: positiveInt(config.get('threads')),
    parallel: config.get<string>('parallel') === 'data' ? 'data' : 'products',
    runsFolder: config.get<string>('runsFolder') || '.ncf/runs',
    split: (config.get<string>('split') ?? '').trim(),
    userFeatures: (config.get<string>('userFeatures') ?? '').trim(),
    itemFeatures: (config.get<string>('itemFeatures') ?? '').trim(),
    featureKinds: Object.fromEntries(
      Object.entries(config.get<Record<string, unknown>>('featureKinds') ?? {}).filter(
        (e): e is [string, FeatureKind] => (FEATURE_KINDS as readonly unknown[]).includes(e[1]),
      ),
    ),
  };
}
