/**
 * The searches of a workspace for the training history: one summary per search folder (settings,
 * finished trials, and the result once it ended), newest first. A folder it cannot read is
 * skipped, not fatal: the folder is the user's, and one broken search must not hide the others.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SearchSummary } from '../../protocol/tuneView';
import { RESULT_FILE, SETTINGS_FILE, TRIALS_FILE } from './store';

const MetricsShape = z.object({ rmse: z.number(), mae: z.number() });
const SavedSettings = z.looseObject({
  specSource: z.string(),
  presetName: z.string().optional(),
  spec: z.looseObject({ name: z.string() }),
  strategy: z.string(),
  trials: z.number(),
  data: z.string(),
  split: z.string(),
});
const SavedTrial = z.looseObject({ status: z.string(), val: MetricsShape.nullable() });
const SavedResult = z.looseObject({
  best: z.looseObject({ params: z.record(z.string(), z.unknown()), test: MetricsShape }),
  default: z.looseObject({ test: MetricsShape }),
});

async function readJson<T>(file: string, shape: z.ZodType<T>): Promise<T | undefined> {
  try {
    const parsed = shape.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function readTrials(file: string): Promise<z.infer<typeof SavedTrial>[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').flatMap((line) => {
    try {
      const parsed = SavedTrial.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return []; // an empty line, or the last one cut short by a hard stop
    }
  });
}

async function summarise(folder: string, id: string): Promise<SearchSummary | undefined> {
  const dir = join(folder, id);
  const settings = await readJson(join(dir, SETTINGS_FILE), SavedSettings);
  if (!settings) return undefined;
  const [trials, result, created] = await Promise.all([
    readTrials(join(dir, TRIALS_FILE)),
    readJson(join(dir, RESULT_FILE), SavedResult),
    stat(join(dir, SETTINGS_FILE)),
  ]);
  const vals = trials.filter((t) => t.status === 'complete' && t.val).map((t) => t.val!.rmse);
  return {
    id,
    specName: settings.presetName ?? settings.spec.name,
    dataName: settings.data,
    split: settings.split,
    date: created.mtime.toISOString(),
    strategy: settings.strategy,
    trialsDone: trials.length,
    trialsPlanned: settings.trials,
    pruned: trials.filter((t) => t.status === 'pruned').length,
    bestVal: vals.length ? Math.min(...vals) : undefined,
    ...(result
      ? { finished: true, bestTest: result.best.test, defaultTest: result.default.test }
      : { finished: false }),
  };
}

export async function listSearches(folder: string): Promise<SearchSummary[]> {
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
  const found = await Promise.all(names.map((id) => summarise(folder, id).catch(() => undefined)));
  return found.filter((s): s is SearchSummary => s !== undefined).sort((a, b) => b.date.localeCompare(a.date));
}
