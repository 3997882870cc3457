/** Records of a delimited text file (CSV, TSV, …) with their 1-based line numbers. */
import { parse } from 'csv-parse/sync';
import { forEachLine } from './text';
import { DataError } from './types';

/**
 * Calls `visit` for each non-blank record, header included, and returns the line after the last record.
 * A file without a double quote cannot hold a quoted field, so it is split directly, about ten times
 * faster than csv-parse (a million rows: 0.3 s against 3 s); anything quoted goes through csv-parse.
 */
export function forEachRecord(text: string, file: string, delimiter: string, visit: (fields: string[], lineNo: number) => void): number {
  if (!text.includes('"')) return forEachLine(text, (line, lineNo) => visit(line.split(delimiter), lineNo));
  let last = 0;
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (fields: string[], info) => {
        last = info.lines;
        if (fields.length === 1 && fields[0].trim() === '') return null;
        visit(fields, info.lines);
        return null; // keep nothing: the caller has taken what it needs
      },
    });
  } catch (error) {
    // csv-parse/sync bundles its own copy of CsvError, so `instanceof` against the main entry's fails: go by code.
    const { code, lines, message } = error as { code?: unknown; lines?: unknown; message?: string };
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw new DataError(`malformed CSV: ${message}`, file, typeof lines === 'number' ? lines : undefined);
    }
    throw error;
  }
  return last + 1;
}
