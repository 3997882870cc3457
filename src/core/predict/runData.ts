/**
 * The run's training data seen through its id maps: which items each user has rated (and how), and
 * the items' titles and genres where the data has them. The data files are needed for these only:
 * when they are gone the run still predicts, and `notice` says what is missing.
 */
import { existsSync } from 'node:fs';
import { GENRES, GENRE_COUNT } from '../data/genres';
import { loadDataset } from '../data/load';
import { Dataset } from '../data/types';
import { SavedRun } from './loadRun';

export interface RunData {
  /** Per run user index: the run's item indices the user rated, and the ratings, in file order. */
  rated: { items: number[]; ratings: number[] }[];
  titles?: (string | undefined)[];
  genres?: string[][];
  dataset: Dataset;
}

export type RunDataResult = { data: RunData; notice?: string } | { data?: undefined; notice: string };

const pathOf = (source: string) => /^(?:movielens|csv):(.+)$/.exec(source)?.[1];

/** Maps a dataset onto the run's id space by raw ids (the loader may number them differently). */
export function runDataFrom(dataset: Dataset, run: Pick<SavedRun, 'userIds' | 'itemIds'>): RunData {
  const userOf = new Map(run.userIds.map((id, k) => [id, k]));
  const itemOf = new Map(run.itemIds.map((id, k) => [id, k]));
  const userMap = dataset.userIds.map((id) => userOf.get(id) ?? -1);
  const itemMap = dataset.itemIds.map((id) => itemOf.get(id) ?? -1);
  const rated = run.userIds.map(() => ({ items: [] as number[], ratings: [] as number[] }));
  for (let row = 0; row < dataset.ratings.length; row++) {
    const u = userMap[dataset.users[row]];
    const i = itemMap[dataset.items[row]];
    if (u < 0 || i < 0) continue;
    rated[u].items.push(i);
    rated[u].ratings.push(dataset.ratings[row]);
  }
  const byRunItem = <T>(values: (k: number) => T): T[] => {
    const out = new Array<T>(run.itemIds.length);
    itemMap.forEach((runItem, k) => runItem >= 0 && (out[runItem] = values(k)));
    return out;
  };
  const titles = dataset.itemTitles && byRunItem((k) => dataset.itemTitles![k]);
  const flags = dataset.itemFeatures?.genres;
  const genres =
    flags &&
    byRunItem((k) => GENRES.filter((_, g) => flags[k * GENRE_COUNT + g] !== 0 && GENRES[g] !== 'unknown').map(String));
  return { rated, titles, genres, dataset };
}

export async function loadRunData(run: SavedRun): Promise<RunDataResult> {
  const record = run.data;
  if (!record)
    return { notice: 'the run does not record its data source: seen items are not filtered and there are no titles' };
  const path = pathOf(record.source);
  if (path !== undefined && !existsSync(path))
    return { notice: `the run's data (${path}) is not found: seen items are not filtered and there are no titles` };
  let dataset: Dataset;
  try {
    dataset = await loadDataset(record.source);
  } catch (e) {
    return {
      notice: `the run's data (${record.source}) cannot be read (${e instanceof Error ? e.message : String(e)}): seen items are not filtered and there are no titles`,
    };
  }
  const data = runDataFrom(dataset, run);
  const changed =
    dataset.ratings.length !== record.ratings
      ? `the data has ${dataset.ratings.length} ratings now, ${record.ratings} when the run was trained`
      : undefined;
  return { data, notice: changed };
}
