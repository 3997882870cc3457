/** Reading data files as text, and walking their lines with 1-based line numbers (error messages point at them). */
import { promises as fs, readFileSync } from 'fs';
import { DataError } from './types';

/** MovieLens 100K and 1M are Latin-1; CSV files (ml-latest, a user's own) are UTF-8. */
export type TextEncoding = 'latin1' | 'utf8';

function readFailure(file: string, error: unknown): DataError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new DataError('file not found', file);
  if (code === 'EISDIR') return new DataError('is a folder, not a file', file);
  return new DataError(`cannot read the file (${code ?? String(error)})`, file);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export async function readText(file: string, encoding: TextEncoding): Promise<string> {
  try {
    return stripBom(await fs.readFile(file, encoding));
  } catch (error) {
    throw readFailure(file, error);
  }
}

/** For the official folds, which are read on first use from a synchronous getter. */
export function readTextSync(file: string, encoding: TextEncoding): string {
  try {
    return stripBom(readFileSync(file, encoding));
  } catch (error) {
    throw readFailure(file, error);
  }
}

/**
 * Calls `visit` for every non-blank line (without its line ending) with its 1-based number, and returns
 * the number of the line after the last one (where a missing row would have been expected).
 * A hand-written loop rather than `split('\n')`: a million-line file then needs no array of all lines.
 */
export function forEachLine(text: string, visit: (line: string, lineNo: number) => void): number {
  let start = 0;
  let lineNo = 0;
  const length = text.length;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = length;
    lineNo++;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (stop > start) {
      const line = text.slice(start, stop);
      if (line.charCodeAt(0) > 32 || line.trim() !== '') visit(line, lineNo);
    }
    start = end + 1;
  }
  return lineNo + 1;
}

/** Splits a line and insists on the column count: the commonest sign of a wrong or damaged file. */
export function splitColumns(line: string, separator: string, expected: number, what: string, file: string, lineNo: number): string[] {
  const fields = line.split(separator);
  if (fields.length !== expected) {
    const shown = separator === '\t' ? 'tab' : `'${separator}'`;
    throw new DataError(`expected ${expected} ${shown}-separated columns (${what}), found ${fields.length}`, file, lineNo);
  }
  return fields;
}
