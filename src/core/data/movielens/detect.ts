/** Which MovieLens release a folder holds, told by the ratings file it has. */
import { existsSync, statSync } from 'fs';
import * as path from 'path';
import { Dataset, DataError } from '../types';
import { loadMl100k, ML100K_RATINGS_FILE } from './ml100k';
import { loadMl1m, ML1M_RATINGS_FILE } from './ml1m';
import { loadMlLatest, ML_LATEST_RATINGS_FILE } from './mllatest';

const LAYOUTS = [
  { file: ML100K_RATINGS_FILE, release: 'ML-100K', load: loadMl100k },
  { file: ML1M_RATINGS_FILE, release: 'ML-1M', load: loadMl1m },
  { file: ML_LATEST_RATINGS_FILE, release: 'ml-latest', load: loadMlLatest },
];

export async function loadMovieLens(dir: string): Promise<Dataset> {
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    throw new DataError('MovieLens folder not found', dir);
  }
  if (!isFolder) throw new DataError('is a file; movielens: expects the folder that holds the MovieLens files', dir);
  const layout = LAYOUTS.find((l) => existsSync(path.join(dir, l.file)));
  if (!layout) {
    const lookedFor = LAYOUTS.map((l) => `${l.file} (${l.release})`).join(', ');
    throw new DataError(`not a MovieLens folder: found none of ${lookedFor}`, dir);
  }
  return layout.load(dir);
}
