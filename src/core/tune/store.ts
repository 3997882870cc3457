/**
 * The folder of a search: `tune.json` (its settings, written first), `trials.jsonl` (one line per
 * finished trial, appended as it finishes), `result.json` and `best.ncf.json` at the end. A search
 * only ever writes into a folder it created (or one it is resuming) and never overwrites a spec file.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../job/resolveSpec';
import type { Spec } from '../spec/schema';
import type { SearchOutcome } from './search';
import { TrialRecord, TuneMetrics, TuneSettings } from './types';

export const SETTINGS_FILE = 'tune.json';
export const TRIALS_FILE = 'trials.jsonl';
export const RESULT_FILE = 'result.json';
/** Where searches go in a workspace (or the CLI's folder) unless told otherwise; the history lists them. */
export const SEARCHES_DIR = join('.ncf', 'tune');

/** Creates a new search folder; an existing non-empty folder is refused, so nothing of the user's is touched. */
export function checkNewFolder(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new UsageError(
      `${dir} already exists and is not empty: give a new --out folder, or continue that search with --resume ${dir}`,
    );
  }
}

export function createSearchFolder(dir: string, settings: TuneSettings): void {
  checkNewFolder(dir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify(settings, null, 2) + '\n', { flag: 'wx' });
}

export function readSearchFolder(dir: string): { settings: TuneSettings; trials: TrialRecord[] } {
  const settingsFile = join(dir, SETTINGS_FILE);
  if (!existsSync(settingsFile))
    throw new UsageError(`--resume ${dir}: no ${SETTINGS_FILE} there, so it is not a search folder`);
  let settings: TuneSettings;
  try {
    settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as TuneSettings;
  } catch (e) {
    throw new UsageError(`${settingsFile}: malformed JSON: ${(e as Error).message}`);
  }
  const trialsFile = join(dir, TRIALS_FILE);
  const trials: TrialRecord[] = [];
  if (existsSync(trialsFile)) {
    const lines = readFileSync(trialsFile, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        trials.push(JSON.parse(line) as TrialRecord);
      } catch {
        // A line cut short by a hard stop is the only kind a search leaves; it was not finished.
        if (i < lines.length - 1 && lines.slice(i + 1).some((l) => l.trim()))
          throw new UsageError(`${trialsFile}:${i + 1}: not a trial record`);
      }
    });
  }
  return { settings, trials };
}

export function appendTrial(dir: string, record: TrialRecord<TuneMetrics>): void {
  appendFileSync(join(dir, TRIALS_FILE), JSON.stringify(record) + '\n');
}

export function writeResult(dir: string, name: string, value: unknown): void {
  writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2) + '\n');
}

/**
 * The end of a finished search in its folder: `result.json` (the tune-result, the chosen trial's
 * number and the per-fold final evaluations) and `best.ncf.json`. Returns the tuned spec's text.
 */
export function saveSearchResult(dir: string, outcome: SearchOutcome<TuneMetrics>): string {
  const { result, best } = outcome;
  if (!result || !best) throw new Error('saveSearchResult: the search has no result');
  writeResult(dir, RESULT_FILE, {
    ...result,
    bestTrial: best.record.number,
    final: { best: best.final, default: outcome.default },
  });
  const text = tunedSpecText(best.spec);
  writeResult(dir, 'best.ncf.json', text);
  return text;
}

/** The chosen configuration as a spec file of its own, named so it is told apart from the original. */
export const tunedSpecText = (spec: Spec) => JSON.stringify({ ...spec, name: `${spec.name} tuned` }, null, 2) + '\n';

/**
 * Writes `<name>.tuned.ncf.json` in `folder`, or `<name>.tuned-2.ncf.json` and so on when that
 * exists: an existing file is never overwritten. Returns the path written.
 */
export function writeNewSpecFile(folder: string, name: string, text: string): string {
  for (let k = 1; ; k++) {
    const file = join(folder, `${name}.tuned${k === 1 ? '' : `-${k}`}.ncf.json`);
    try {
      writeFileSync(file, text, { flag: 'wx' });
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new UsageError(`cannot write ${file}: ${(e as Error).message}`);
    }
  }
}

/** `foo` for `dir/foo.ncf.json`, the preset name for a preset. */
export function specBaseName(specSource: string): { folder: string; name: string } {
  if (specSource.startsWith('preset:')) return { folder: process.cwd(), name: specSource.slice('preset:'.length) };
  return { folder: dirname(specSource), name: basename(specSource).replace(/\.ncf\.json$|\.json$/, '') };
}
