/** A ratings file of the user's own: a header line, then one rating per row, columns chosen by name. */
import * as path from 'path';
import { forEachRecord } from './delimited';
import { vocabularyOf } from './features';
import { RatingsBuilder } from './ratings-builder';
import { readText } from './text';
import { Dataset, DataError } from './types';

export interface CsvOptions {
  /** Header names of the user, item and rating columns (defaults below). */
  user?: string;
  item?: string;
  rating?: string;
  /** Field separator; guessed from the header line (',', tab, ';' or '|') when not given. */
  delimiter?: string;
  /** The rating scale; ratings outside it are errors. Without it the scale is the smallest and largest rating seen. */
  ratingRange?: [number, number];
}

export const DEFAULT_CSV_COLUMNS = {
  user: ['user', 'userId', 'user_id'],
  item: ['item', 'itemId', 'movieId', 'item_id'],
  rating: ['rating'],
};

/** An optional column: with it, leave-one-out (the ranking task) goes by time rather than file order. */
export const CSV_TIME_COLUMNS = ['timestamp', 'time'];

type Role = keyof typeof DEFAULT_CSV_COLUMNS;

export async function loadCsv(file: string, options: CsvOptions = {}): Promise<Dataset> {
  const range = checkRange(options.ratingRange);
  const text = await readText(file, 'utf8');
  const delimiter = options.delimiter ?? guessDelimiter(text);
  const builder = new RatingsBuilder(range);
  let columns: number[] | undefined;
  let time = -1;
  let width = 0;
  const end = forEachRecord(text, file, delimiter, (fields, lineNo) => {
    if (!columns) {
      const header = fields.map((f) => f.trim());
      columns = (['user', 'item', 'rating'] as Role[]).map((role) =>
        findColumn(header, role, options[role], file, lineNo),
      );
      const lower = header.map((h) => h.toLowerCase());
      time = CSV_TIME_COLUMNS.map((name) => lower.indexOf(name)).find((k) => k !== -1) ?? -1;
      width = fields.length;
      return;
    }
    if (fields.length !== width)
      throw new DataError(`expected ${width} columns as in the header, found ${fields.length}`, file, lineNo);
    const timestamp = time === -1 ? undefined : fields[time];
    builder.add(fields[columns[0]], fields[columns[1]], fields[columns[2]], file, lineNo, timestamp);
  });
  const rows = builder.finish(file, end);
  return { name: path.basename(file), ...rows, vocabulary: vocabularyOf(rows.userIds.length, rows.itemIds.length) };
}

function checkRange(range: [number, number] | undefined): [number, number] | undefined {
  if (range === undefined) return undefined;
  if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
    throw new DataError(`ratingRange must be [low, high] with low < high, not ${JSON.stringify(range)}`);
  }
  return range;
}

/** The separator that occurs most often in the first line (the header). */
export function guessDelimiter(text: string): string {
  const newline = text.indexOf('\n');
  const header = newline === -1 ? text : text.slice(0, newline);
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', '\t', ';', '|']) {
    const count = header.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function findColumn(header: string[], role: Role, chosen: string | undefined, file: string, lineNo: number): number {
  const lower = header.map((h) => h.toLowerCase());
  const candidates = chosen !== undefined ? [chosen] : DEFAULT_CSV_COLUMNS[role];
  for (const name of candidates) {
    const exact = header.indexOf(name);
    if (exact !== -1) return exact;
    const loose = lower.indexOf(name.toLowerCase());
    if (loose !== -1) return loose;
  }
  const wanted =
    chosen !== undefined
      ? `no column '${chosen}' (the ${role} column chosen)`
      : `no ${role} column (looked for ${candidates.join(', ')})`;
  throw new DataError(`${wanted}; the header has ${header.join(', ')}`, file, lineNo);
}
