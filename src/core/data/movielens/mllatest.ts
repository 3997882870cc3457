/** The ml-latest / ml-latest-small layout: ratings.csv (half-star ratings 0.5–5) and movies.csv, UTF-8, with headers. */
import { existsSync } from 'fs';
import * as path from 'path';
import { forEachRecord } from '../delimited';
import { ItemFeatureTable, vocabularyOf, yearFromTitle } from '../features';
import { genreIndex } from '../genres';
import { IdEncoder } from '../ids';
import { RatingsBuilder } from '../ratings-builder';
import { readText } from '../text';
import { Dataset, DataError } from '../types';

export const ML_LATEST_RATINGS_FILE = 'ratings.csv';

/** Positions of the named columns in a header record: a missing one is an error at the header's line. */
export function columnsOf(header: string[], wanted: string[], file: string, lineNo: number): number[] {
  const names = header.map((h) => h.trim());
  return wanted.map((name) => {
    const at = names.indexOf(name);
    if (at === -1) throw new DataError(`the header has no '${name}' column (it has ${names.join(', ')})`, file, lineNo);
    return at;
  });
}

export async function loadMlLatest(dir: string): Promise<Dataset> {
  const ratingsFile = path.join(dir, ML_LATEST_RATINGS_FILE);
  const builder = new RatingsBuilder([0.5, 5]);
  let columns: number[] | undefined;
  // Leave-one-out goes by time: ratings.csv is sorted by user and movie, not by when they were given.
  let time = -1;
  let width = 0;
  const end = forEachRecord(await readText(ratingsFile, 'utf8'), ratingsFile, ',', (fields, lineNo) => {
    if (!columns) {
      columns = columnsOf(fields, ['userId', 'movieId', 'rating'], ratingsFile, lineNo);
      time = fields.map((f) => f.trim()).indexOf('timestamp');
      width = fields.length;
      return;
    }
    if (fields.length !== width)
      throw new DataError(`expected ${width} columns as in the header, found ${fields.length}`, ratingsFile, lineNo);
    const timestamp = time === -1 ? undefined : fields[time];
    builder.add(fields[columns[0]], fields[columns[1]], fields[columns[2]], ratingsFile, lineNo, timestamp);
  });
  const rows = builder.finish(ratingsFile, end);
  const itemTitles: string[] = [];
  const items = await readMovies(itemTitles, path.join(dir, 'movies.csv'), builder.items);
  const features = items?.columns(itemTitles) ?? {};
  return {
    name: `MovieLens ${path.basename(path.resolve(dir))}`,
    ...rows,
    itemFeatures: items?.finish(),
    features,
    itemTitles: items ? itemTitles : undefined,
    vocabulary: vocabularyOf(rows.userIds.length, rows.itemIds.length, features),
  };
}

async function readMovies(titles: string[], file: string, items: IdEncoder): Promise<ItemFeatureTable | undefined> {
  if (!existsSync(file)) return undefined;
  const table = new ItemFeatureTable(items.size);
  let columns: number[] | undefined;
  let width = 0;
  forEachRecord(await readText(file, 'utf8'), file, ',', (fields, lineNo) => {
    if (!columns) {
      columns = columnsOf(fields, ['movieId', 'title', 'genres'], file, lineNo);
      width = fields.length;
      return;
    }
    if (fields.length !== width)
      throw new DataError(`expected ${width} columns as in the header, found ${fields.length}`, file, lineNo);
    const index = items.lookup(fields[columns[0]].trim());
    if (index === undefined) return;
    titles[index] = fields[columns[1]].trim();
    table.setYear(index, yearFromTitle(fields[columns[1]]));
    for (const name of fields[columns[2]].split('|')) {
      const genre = genreIndex(name);
      if (genre !== undefined) table.setGenre(index, genre);
    }
  });
  return table;
}
