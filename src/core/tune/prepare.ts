/**
 * Turns what a person asked for (CLI flags or the Tune form) into the settings of a search and its
 * folder: a new one, or the one being resumed with its finished trials.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FeatureFiles } from '../data/load';
import { applyOverrides, resolveSpec, UsageError } from '../job/resolveSpec';
import { checkSpec } from '../spec/check';
import { SpecFileError } from '../spec/parse';
import { Spec } from '../spec/schema';
import { defaultSpace } from './defaultSpace';
import { parseInlineSpace, parseSpaceFile, SearchSpace } from './space';
import { checkNewFolder, readSearchFolder, SEARCHES_DIR } from './store';
import { isTextSource } from '../data/load';
import { StrategyName, TrialRecord, TuneMetric, TuneSettings } from './types';

export interface SearchRequest {
  preset?: string;
  specFile?: string;
  /** A spec already read (the editor's document, unsaved edits included), with where it came from. */
  spec?: { spec: Spec; source: string; presetName?: string };
  /** A space file (`*.json`) or an inline space; absent: the default space of the spec. */
  space?: string;
  data: string;
  /** Feature files of the user's own and declared kinds (paths relative to cwd). */
  features?: FeatureFiles;
  split: string;
  strategy: StrategyName;
  trials: number;
  seed: number;
  prune: boolean;
  /** What to choose on: RMSE for ratings (the default); accuracy (the default), AUC or log loss for text. */
  metric?: TuneMetric;
  /** Cap on epochs per fold (overrides the spec's). */
  epochs?: number;
  /** Measure the test folds with models refit on the whole training fold (default: yes, but not for ranking). */
  refit?: boolean;
  out?: string;
  resume?: string;
  cwd?: string;
}

export interface PreparedSearch {
  settings: TuneSettings;
  baseSpec: Spec;
  outDir: string;
  resuming: boolean;
  resumed: TrialRecord[];
  /** True when the space was derived from the spec (so it is worth printing). */
  derivedSpace: boolean;
}

export function readSpace(text: string, spec: Spec, cwd: string): SearchSpace {
  const file = resolve(cwd, text);
  if (/\.json$/i.test(text.trim())) {
    if (!existsSync(file)) throw new UsageError(`--space ${text}: no such file`);
    return parseSpaceFile(readFileSync(file, 'utf8'), spec, text);
  }
  return parseInlineSpace(text, spec);
}

const hasFeatureFiles = (f?: FeatureFiles) => Boolean(f?.userFeatures || f?.itemFeatures);

function absoluteFeatureFiles(f: FeatureFiles, cwd: string): FeatureFiles {
  return {
    ...(f.userFeatures ? { userFeatures: resolve(cwd, f.userFeatures) } : {}),
    ...(f.itemFeatures ? { itemFeatures: resolve(cwd, f.itemFeatures) } : {}),
    ...(f.featureKinds && Object.keys(f.featureKinds).length ? { featureKinds: f.featureKinds } : {}),
  };
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

export async function prepareSearch(request: SearchRequest): Promise<PreparedSearch> {
  const cwd = request.cwd ?? process.cwd();
  if (request.resume) {
    const outDir = resolve(cwd, request.resume);
    const { settings, trials } = readSearchFolder(outDir);
    const check = checkSpec(settings.spec);
    if (!check.ok) throw new SpecFileError(check.issues, join(request.resume, 'tune.json'));
    // A resumed search may be given more trials; everything else stays as it began.
    return {
      settings: { ...settings, trials: Math.max(settings.trials, request.trials) },
      baseSpec: check.checked.spec,
      outDir,
      resuming: true,
      resumed: trials,
      derivedSpace: false,
    };
  }
  const text = isTextSource(request.data);
  const metric = searchMetric(text, request.metric);
  const { spec: raw, presetName } =
    request.spec ??
    (await resolveSpec({
      // Labelled text gets the text preset unless a spec is named, as `ncf train --data text:FILE` does.
      preset: request.preset ?? (text && !request.specFile ? TEXT_PRESET : undefined),
      specFile: request.specFile && resolve(cwd, request.specFile),
    }));
  const overridden = applyOverrides(raw, { epochs: request.epochs });
  const baseSpec: Spec = text
    ? { ...overridden, training: { ...overridden.training, task: 'classification' } }
    : overridden;
  const space = request.space ? readSpace(request.space, baseSpec, cwd) : defaultSpace(baseSpec);
  if (space.length === 0)
    throw new UsageError('the search space is empty: name at least one field, e.g. --space "p.dim=16,32,64"');
  const specSource =
    request.spec?.source ?? (request.specFile ? resolve(cwd, request.specFile) : `preset:${presetName}`);
  const settings: TuneSettings = {
    version: 1,
    specSource,
    presetName,
    spec: baseSpec,
    space,
    strategy: request.strategy,
    trials: request.trials,
    seed: request.seed,
    data: request.data,
    ...(hasFeatureFiles(request.features) ? { features: absoluteFeatureFiles(request.features!, cwd) } : {}),
    split: request.split,
    prune: request.prune,
    ...(metric ? { metric } : {}),
    // A ranking spec's validation part is each user's held-out item, not a fraction to take back.
    refit: baseSpec.training.task !== 'ranking' && (request.refit ?? true),
  };
  const slug = (presetName ?? baseSpec.name).toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const outDir = resolve(cwd, request.out ?? join(SEARCHES_DIR, `${slug}-${stamp()}`));
  checkNewFolder(outDir);
  return { settings, baseSpec, outDir, resuming: false, resumed: [], derivedSpace: !request.space };
}

const TEXT_PRESET = 'text-embedding';

/** A text classifier chooses on accuracy unless told; a rating search on RMSE (left unnamed in its settings). */
function searchMetric(text: boolean, asked: TuneMetric | undefined): TuneMetric | undefined {
  if (text) {
    if (asked === 'rmse')
      throw new UsageError('--metric rmse: a text classifier is chosen on accuracy, auc or loss (log loss)');
    return asked ?? 'accuracy';
  }
  if (asked !== undefined && asked !== 'rmse')
    throw new UsageError(`--metric ${asked}: a rating search chooses on rmse; ${asked} is for text (--data text:FILE)`);
  return undefined;
}
