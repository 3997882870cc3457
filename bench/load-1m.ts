/**
 * Loading speed and memory for a million ratings: writes an ML-1M-style folder (ratings.dat, users.dat,
 * movies.dat) and an ml-latest-style folder (ratings.csv, movies.csv) to a temporary folder, then loads
 * each in a fresh child process, so that the peak RSS is the loader's alone, not the generator's.
 * Run: npx tsx bench/load-1m.ts
 */
import { fork } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadDataset } from '../src/core/data/load';
import { GENRES } from '../src/core/data/genres';
import { ML_1M_SHAPE, syntheticDataset } from '../src/core/data/synthetic';

const OCCUPATIONS = 21;
const AGE_GROUPS = [1, 18, 25, 35, 45, 50, 56];

function writeFolders(root: string): { ml1m: string; latest: string } {
  const d = syntheticDataset({ ...ML_1M_SHAPE, seed: 1 });
  const ml1m = path.join(root, 'ml-1m');
  const latest = path.join(root, 'ml-latest');
  mkdirSync(ml1m);
  mkdirSync(latest);
  const dat: string[] = [];
  const csv: string[] = ['userId,movieId,rating,timestamp'];
  for (let r = 0; r < d.ratings.length; r++) {
    const user = d.userIds[d.users[r]];
    const item = d.itemIds[d.items[r]];
    const time = 956703932 + r;
    dat.push(`${user}::${item}::${d.ratings[r]}::${time}`);
    csv.push(`${user},${item},${d.ratings[r] - (r % 2 ? 0.5 : 0)},${time}`);
  }
  writeFileSync(path.join(ml1m, 'ratings.dat'), dat.join('\n') + '\n', 'latin1');
  writeFileSync(path.join(latest, 'ratings.csv'), csv.join('\n') + '\n');
  const users = d.userIds.map(
    (id, u) => `${id}::${u % 3 ? 'M' : 'F'}::${AGE_GROUPS[u % AGE_GROUPS.length]}::${u % OCCUPATIONS}::0000${u % 10}`,
  );
  writeFileSync(path.join(ml1m, 'users.dat'), users.join('\n') + '\n', 'latin1');
  const genresOf = (i: number) => `${GENRES[1 + (i % 18)]}|${GENRES[1 + ((i * 7) % 18)]}`;
  const movies = d.itemIds.map((id, i) => `${id}::Movie ${id} (${1930 + (i % 69)})::${genresOf(i)}`);
  writeFileSync(path.join(ml1m, 'movies.dat'), movies.join('\n') + '\n', 'latin1');
  const moviesCsv = d.itemIds.map(
    (id, i) => `${id},"Movie ${id}, The (${1930 + (i % 69)})",${genresOf(i).replace("Children's", 'Children')}`,
  );
  writeFileSync(path.join(latest, 'movies.csv'), ['movieId,title,genres', ...moviesCsv].join('\n') + '\n');
  return { ml1m, latest };
}

async function measureInChild(dir: string): Promise<void> {
  const start = process.hrtime.bigint();
  const dataset = await loadDataset(`movielens:${dir}`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.send?.({
    name: dataset.name,
    rows: dataset.ratings.length,
    users: dataset.userIds.length,
    items: dataset.itemIds.length,
    seconds,
    maxRssMb,
  });
}

function measure(
  dir: string,
): Promise<{ name: string; rows: number; users: number; items: number; seconds: number; maxRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--load', dir]);
    child.once('message', (m) => resolve(m as never));
    child.once('exit', (code) =>
      code ? reject(new Error(`the loading process exited with code ${code}`)) : undefined,
    );
  });
}

async function main(): Promise<void> {
  const loadAt = process.argv.indexOf('--load');
  if (loadAt !== -1) return measureInChild(process.argv[loadAt + 1]);
  const root = mkdtempSync(path.join(os.tmpdir(), 'ncf-load-1m-'));
  try {
    const written = Date.now();
    const { ml1m, latest } = writeFolders(root);
    console.log(`wrote the test folders in ${((Date.now() - written) / 1000).toFixed(1)} s`);
    for (const dir of [ml1m, latest]) {
      const m = await measure(dir);
      console.log(
        `${m.name}: ${m.rows} ratings, ${m.users} users, ${m.items} items: loaded in ${m.seconds.toFixed(2)} s, peak RSS ${m.maxRssMb.toFixed(0)} MB (whole process)`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
