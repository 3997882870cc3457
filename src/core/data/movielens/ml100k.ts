/** MovieLens 100K: u.data (tab-separated), u.user, u.item and u.occupation ('|'-separated, Latin-1), and the official folds. */
import { existsSync } from 'fs';
import * as path from 'path';
import {
  ItemFeatureTable,
  parseAgeGender,
  UserFeatureTable,
  vocabularyOf,
  yearFromDate,
  yearFromTitle,
} from '../features';
import { GENRE_COUNT } from '../genres';
import { IdEncoder } from '../ids';
import { readTimedRatings } from './timedRatings';
import { forEachLine, readText, splitColumns } from '../text';
import { Dataset, DataError } from '../types';
import { lazyFolds } from './folds';

export const ML100K_RATINGS_FILE = 'u.data';

export async function loadMl100k(dir: string): Promise<Dataset> {
  const ratingsFile = path.join(dir, ML100K_RATINGS_FILE);
  const { builder, rows } = await readTimedRatings(ratingsFile, '\t', 'user item rating timestamp');

  const occupations = await readOccupations(path.join(dir, 'u.occupation'));
  const users = await readUsers(path.join(dir, 'u.user'), builder.users, occupations);
  const itemTitles: string[] = [];
  const items = await readItems(path.join(dir, 'u.item'), builder.items, itemTitles);
  const features = { ...users?.columns(occupations.ids), ...items?.columns(itemTitles) };
  return {
    name: 'MovieLens 100K',
    ...rows,
    userFeatures: users?.finish(),
    itemFeatures: items?.finish(),
    features,
    itemTitles: items ? itemTitles : undefined,
    vocabulary: vocabularyOf(rows.userIds.length, rows.itemIds.length, features),
    folds: lazyFolds(dir, { users: rows.users, items: rows.items, userIds: builder.users, itemIds: builder.items }),
  };
}

/** Occupation names in u.occupation's order, so their indices do not depend on which user comes first. */
async function readOccupations(file: string): Promise<IdEncoder> {
  const names = new IdEncoder();
  if (!existsSync(file)) return names;
  forEachLine(await readText(file, 'latin1'), (line) => names.encode(line.trim()));
  return names;
}

async function readUsers(
  file: string,
  users: IdEncoder,
  occupations: IdEncoder,
): Promise<UserFeatureTable | undefined> {
  if (!existsSync(file)) return undefined;
  const table = new UserFeatureTable(users.size);
  forEachLine(await readText(file, 'latin1'), (line, lineNo) => {
    const [id, ageText, genderText, occupation, zip] = splitColumns(
      line,
      '|',
      5,
      'id|age|gender|occupation|zip',
      file,
      lineNo,
    );
    const index = users.lookup(id.trim());
    if (index === undefined) return; // a user without ratings has no row
    const { age, gender } = parseAgeGender(ageText, genderText, file, lineNo);
    table.set(index, age, gender, occupations.encode(occupation.trim()), zip.trim());
  });
  return table;
}

async function readItems(file: string, items: IdEncoder, titles: string[]): Promise<ItemFeatureTable | undefined> {
  if (!existsSync(file)) return undefined;
  const table = new ItemFeatureTable(items.size);
  forEachLine(await readText(file, 'latin1'), (line, lineNo) => {
    const fields = splitColumns(
      line,
      '|',
      5 + GENRE_COUNT,
      'id|title|release date|video date|url|19 genre flags',
      file,
      lineNo,
    );
    const index = items.lookup(fields[0].trim());
    if (index === undefined) return;
    titles[index] = fields[1].trim();
    const year = yearFromDate(fields[2]);
    table.setYear(index, Number.isNaN(year) ? yearFromTitle(fields[1]) : year);
    for (let g = 0; g < GENRE_COUNT; g++) {
      const flag = fields[5 + g].trim();
      if (flag === '1') table.setGenre(index, g);
      else if (flag !== '0') throw new DataError(`genre flag ${g + 1} is '${flag}', not 0 or 1`, file, lineNo);
    }
  });
  return table;
}
