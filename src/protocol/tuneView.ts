/**
 * Messages between the extension host and the Tune and Compare webviews. Both ends import these
 * types; the host checks every message from a page with `parseTunePageMessage`.
 */
import type { Metrics } from '../core/engine/events';
import type { CompareOutcome } from '../core/tune/compare';
import type { ParamDef } from '../core/tune/space';
import type { StrategyName, TrialRecord, TuneResult } from '../core/tune/types';

/** One row of the form: a field of the spec, whether to search it, and its values written the inline way. */
export interface FormField {
  name: string;
  kind: ParamDef['kind'];
  /** e.g. `16,32,64` or `log:1e-4..1e-2`. */
  values: string;
  search: boolean;
}

export interface TuneForm {
  specName: string;
  fields: FormField[];
  strategy: StrategyName;
  trials: number;
  jobs: number;
  data: string;
  split: string;
}

/** One row of the history's searches: what a search folder says about itself. */
export interface SearchSummary {
  /** The folder's name inside the searches folder. */
  id: string;
  specName: string;
  dataName: string;
  split: string;
  /** ISO date the search began. */
  date: string;
  strategy: string;
  trialsDone: number;
  trialsPlanned: number;
  pruned: number;
  /** The lowest mean validation RMSE of the finished trials. */
  bestVal?: number;
  /** True once the chosen and the default configuration were measured on the test folds. */
  finished: boolean;
  bestTest?: Metrics;
  defaultTest?: Metrics;
}

export type HostToTunePage =
  | { type: 'form'; form: TuneForm }
  | { type: 'started'; space: ParamDef[]; trials: number; folds: string[]; outDir: string }
  | { type: 'trial'; trial: TrialRecord }
  | { type: 'status'; text: string; running: boolean }
  | { type: 'result'; result: TuneResult; canApply: boolean }
  | { type: 'applied'; text: string }
  | { type: 'compare'; outcome: CompareOutcome };

export type TunePageToHost =
  { type: 'ready' } | { type: 'start'; form: TuneForm } | { type: 'cancel' } | { type: 'applyBest' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isForm(v: unknown): v is TuneForm {
  return (
    isObject(v) &&
    typeof v.specName === 'string' &&
    Array.isArray(v.fields) &&
    v.fields.every(
      (f) => isObject(f) && typeof f.name === 'string' && typeof f.values === 'string' && typeof f.search === 'boolean',
    ) &&
    typeof v.strategy === 'string' &&
    Number.isInteger(v.trials) &&
    Number.isInteger(v.jobs) &&
    typeof v.data === 'string' &&
    typeof v.split === 'string'
  );
}

export function parseTunePageMessage(raw: unknown): TunePageToHost | undefined {
  if (!isObject(raw)) return undefined;
  if (raw.type === 'ready' || raw.type === 'cancel' || raw.type === 'applyBest') return { type: raw.type };
  if (raw.type === 'start' && isForm(raw.form)) return { type: 'start', form: raw.form };
  return undefined;
}
