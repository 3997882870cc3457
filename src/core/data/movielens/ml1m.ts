/** MovieLens 1M (and 10M's ratings.dat): '::'-separated ratings.dat, users.dat and movies.dat, Latin-1. */
import { existsSync } from 'fs';
import * as path from 'path';
import { ItemFeatureTable, parseAgeGender, UserFeatureTable, vocabularyOf, yearFromTitle } from '../features';
import { genreIndex } from '../genres';
import { IdEncoder } from '../ids';
import { readTimedRatings } from './timedRatings';
import { forEachLine, readText, splitColumns } from '../text';
import { Dataset, DataError } from '../types';

export const ML1M_RATINGS_FILE = 'ratings.dat';
/** users.dat's occupation codes 0…20, as listed in the ML-1M README. */
const ML1M_OCCUPATIONS = 21;

export async function loadMl1m(dir: string): Promise<Dataset> {
  const ratingsFile = path.join(dir, ML1M_RATINGS_FILE);
  const { builder, rows } = await readTimedRatings(ratingsFile, '::', 'UserID::MovieID::Rating::Timestamp');
  const users = await readUsers(path.join(dir, 'users.dat'), builder.users);
  const itemTitles: string[] = [];
  const items = await readMovies(itemTitles, path.join(dir, 'movies.dat'), builder.items);
  const occupations = Array.from({ length: ML1M_OCCUPATIONS }, (_, k) => String(k));
  const features = { ...users?.columns(occupations), ...items?.columns(itemTitles) };
  return {
    name: 'MovieLens 1M',
    ...rows,
    userFeatures: users?.finish(),
    itemFeatures: items?.finish(),
    features,
    itemTitles: items ? itemTitles : undefined,
    vocabulary: vocabularyOf(rows.userIds.length, rows.itemIds.length, features),
  };
}

async function readUsers(file: string, users: IdEncoder): Promise<UserFeatureTable | undefined> {
  if (!existsSync(file)) return undefined;
  const table = new UserFeatureTable(users.size);
  forEachLine(await readText(file, 'latin1'), (line, lineNo) => {
    const [id, genderText, ageText, occupationText, zip] = splitColumns(
      line,
      '::',
      5,
      'UserID::Gender::Age::Occupation::Zip-code',
      file,
      lineNo,
    );
    const index = users.lookup(id.trim());
    if (index === undefined) return;
    // ML-1M records an age group by its lower bound (1, 18, 25, …); standardised, it still orders the users.
    const { age, gender } = parseAgeGender(ageText, genderText, file, lineNo);
    const occupation = Number(occupationText);
    if (!Number.isInteger(occupation) || occupation < 0 || occupationText.trim() === '') {
      throw new DataError(`occupation '${occupationText}' is not a code 0 to ${ML1M_OCCUPATIONS - 1}`, file, lineNo);
    }
    table.set(index, age, gender, occupation, zip.trim());
  });
  return table;
}

async function readMovies(titles: string[], file: string, items: IdEncoder): Promise<ItemFeatureTable | undefined> {
  if (!existsSync(file)) return undefined;
  const table = new ItemFeatureTable(items.size);
  forEachLine(await readText(file, 'latin1'), (line, lineNo) => {
    const [id, title, genres] = splitColumns(line, '::', 3, 'MovieID::Title::Genres', file, lineNo);
    const index = items.lookup(id.trim());
    if (index === undefined) return;
    titles[index] = title.trim();
    table.setYear(index, yearFromTitle(title));
    for (const name of genres.split('|')) {
      const genre = genreIndex(name);
      if (genre !== undefined) table.setGenre(index, genre);
    }
  });
  return table;
}
