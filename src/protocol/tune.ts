/**
 * Messages between a search (CLI or extension host) and its trial workers (forked Node processes).
 * Both ends import these types, so changing a message breaks the build on both sides.
 */
import type { FeatureFiles } from '../core/data/load';
import type { BackendChoice, EngineName } from '../core/engine/events';
import type { TrialJob, TrialOutcome } from '../core/tune/trial';

export interface TrialWorkerInit {
  /** A data source as `loadDataset` takes it, and the split; every worker makes the same folds from them. */
  data: string;
  split: string;
  splitSeed: number;
  backend: BackendChoice;
  engine: EngineName;
  /** Folder relative data paths are taken from. */
  cwd: string;
  /** Feature files of the user's own, read beside the data. */
  features?: FeatureFiles;
}

export type ToTrialWorker =
  { type: 'init'; init: TrialWorkerInit } | { type: 'run'; job: TrialJob } | { type: 'cancel' };

export type FromTrialWorker =
  | { type: 'ready'; folds: string[]; dataName: string }
  | { type: 'epoch'; id: number; fold: number; epoch: number; val: number | null }
  | { type: 'done'; outcome: TrialOutcome }
  /** The data could not be loaded, or the worker broke: one line meant for a person. */
  | { type: 'error'; message: string };

export const isMessage = <T extends { type: string }>(value: unknown): value is T =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
