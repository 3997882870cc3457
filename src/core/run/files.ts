/**
 * What makes a folder an NCF Studio run: the files a run writes, and a marker in its metrics.json.
 * Only such a folder may be replaced by a new run; anything else in a folder belongs to the user.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every name a run folder may hold; any other entry is the user's. */
export const RUN_FILES = [
  'model.json',
  'weights.bin',
  'idmaps.json',
  'spec.ncf.json',
  'metrics.json',
  'log.txt',
  // What `recommend` needs again (the data source, encoded features) and a ranking run's evaluation negatives.
  'data.json',
  'features.json',
  'negatives.json',
  // A text classifier's tokenizer (its vocabulary, fitted on the training rows) and classes.
  'vocabulary.json',
] as const;

/** The key of metrics.json that marks a folder written by NCF Studio (its value is the layout version). */
export const RUN_MARKER = 'ncfStudioRun';
export const RUN_MARKER_VERSION = 1;

export interface FolderContents {
  /** Every entry of the folder. */
  entries: string[];
  /** metrics.json carries the run marker. */
  marked: boolean;
  /** Entries that are not a run's files. */
  foreign: string[];
}

export function readFolder(dir: string): FolderContents {
  const entries = readdirSync(dir);
  const foreign = entries.filter((name) => !(RUN_FILES as readonly string[]).includes(name));
  return { entries, marked: entries.includes('metrics.json') && hasMarker(join(dir, 'metrics.json')), foreign };
}

/** A folder that a run wrote and nobody added to: the only kind a new run may replace whole. */
export function isWholeRun(contents: FolderContents): boolean {
  return contents.marked && contents.foreign.length === 0;
}

function hasMarker(file: string): boolean {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<string, unknown>)[RUN_MARKER] === RUN_MARKER_VERSION
    );
  } catch {
    return false;
  }
}

/** Names shown in a message: a few, and how many more. */
export function listNames(names: string[], most = 4): string {
  const shown = names.slice(0, most).join(', ');
  return names.length > most ? `${shown} and ${names.length - most} more` : shown;
}
