/** A small ratings CSV on disk (trial workers load data by source string) and a search run in-process. */
import { writeFileSync } from 'node:fs';
import { syntheticDataset } from '../../../src/core/data/synthetic';
import { Dataset } from '../../../src/core/data/types';
import { prepareSearch, SearchRequest } from '../../../src/core/tune/prepare';
import { runSearch, SearchOutcome } from '../../../src/core/tune/search';
import { TrialRecord } from '../../../src/core/tune/types';

export const smallRatings = (): Dataset => syntheticDataset({ users: 120, items: 200, ratings: 6000, seed: 5 });

/** Writes the dataset's ratings in row order, with `rating(row)` in place of the real ones where given. */
export function writeRatingsCsv(
  file: string,
  data: Dataset,
  rating: (row: number) => number = (r) => data.ratings[r],
): void {
  const lines = ['user,item,rating'];
  for (let r = 0; r < data.ratings.length; r++)
    lines.push(`${data.userIds[data.users[r]]},${data.itemIds[data.items[r]]},${rating(r)}`);
  writeFileSync(file, lines.join('\n') + '\n');
}

export async function search(
  request: Partial<SearchRequest> & Pick<SearchRequest, 'data'>,
  more: { signal?: AbortSignal; onTrial?: (t: TrialRecord, all: TrialRecord[]) => void; jobs?: number } = {},
): Promise<SearchOutcome & { outDir: string }> {
  const prepared = await prepareSearch({
    preset: 'mf-bias',
    split: 'kfold:2',
    strategy: 'random',
    trials: 3,
    seed: 1,
    prune: false,
    epochs: 2,
    ...request,
  });
  const outcome = await runSearch({
    ...prepared,
    jobs: more.jobs ?? 2,
    backend: 'wasm',
    signal: more.signal,
    onTrial: more.onTrial,
  });
  return { ...outcome, outDir: prepared.outDir };
}
