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

/** UTF-16 puts a zero byte beside every ASCII character: mostly zeros at even or at odd offsets. */
function looksUtf16(bytes: Buffer): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    return true;
  const n = Math.min(bytes.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let k = 0; k < n; k += 2) {
    if (bytes[k] === 0) even++;
    if (bytes[k + 1] === 0) odd++;
  }
  return n >= 4 && Math.max(even, odd) > 0.4 * (n / 2) && Math.min(even, odd) < 0.05 * (n / 2);
}

/** Text, or a DataError in one readable line: a UTF-16 or binary file must never reach the terminal as raw bytes. */
function decode(bytes: Buffer, file: string, encoding: TextEncoding): string {
  if (looksUtf16(bytes)) throw new DataError('is UTF-16 text; save it as UTF-8', file);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    let line = 1;
    for (let at = bytes.indexOf(10); at !== -1 && at < nul; at = bytes.indexOf(10, at + 1)) line++;
    throw new DataError('holds a zero byte: this is a binary file, not text', file, line);
  }
  return stripBom(bytes.toString(encoding));
}

export async function readText(file: string, encoding: TextEncoding): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    throw readFailure(file, error);
  }
  return decode(bytes, file, encoding);
}

/** For the official folds, which are read on first use from a synchronous getter. */
export function readTextSync(file: string, encoding: TextEncoding): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw readFailure(file, error);
  }
  return decode(bytes, file, encoding);
}

/** A field as a message shows it: quoted, control characters escaped, and cut short when long. */
export function quoted(field: string, most = 40): string {
  const cut = field.length > most ? `${field.slice(0, most)}…` : field;
  return `'${JSON.stringify(cut).slice(1, -1)}'`;
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
export function splitColumns(
  line: string,
  separator: string,
  expected: number,
  what: string,
  file: string,
  lineNo: number,
): string[] {
  const fields = line.split(separator);
  if (fields.length !== expected) {
    const shown = separator === '\t' ? 'tab' : `'${separator}'`;
    throw new DataError(
      `expected ${expected} ${shown}-separated columns (${what}), found ${fields.length}`,
      file,
      lineNo,
    );
  }
  return fields;
}
