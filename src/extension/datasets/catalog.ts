/**
 * The MovieLens releases the extension can download. The MD5s are the ones GroupLens publishes next
 * to each archive (ml-100k.zip.md5, ml-1m.zip.md5). The data's licence forbids redistribution, so
 * it is fetched from GroupLens on the user's request and kept in the extension's own storage.
 */
export interface Release {
  id: 'ml-100k' | 'ml-1m';
  label: string;
  url: string;
  md5: string;
  /** The folder inside the archive, and the file that proves it unpacked. */
  folder: string;
  ratingsFile: string;
  size: string;
}

export const RELEASES: readonly Release[] = [
  {
    id: 'ml-100k',
    label: 'MovieLens 100K',
    url: 'https://files.grouplens.org/datasets/movielens/ml-100k.zip',
    md5: '0e33842e24a9c977be4e0107933c0723',
    folder: 'ml-100k',
    ratingsFile: 'u.data',
    size: '5 MB',
  },
  {
    id: 'ml-1m',
    label: 'MovieLens 1M',
    url: 'https://files.grouplens.org/datasets/movielens/ml-1m.zip',
    md5: 'c4d9eecfca2ab87c1945afe126590906',
    folder: 'ml-1m',
    ratingsFile: 'ratings.dat',
    size: '6 MB',
  },
];

/** Where `release` is fetched from: GroupLens, or a mirror of its datasets folder (same file names) when one is given. */
export function archiveUrl(release: Release, mirror = ''): string {
  const base = mirror.trim();
  if (!base) return release.url;
  const file = release.url.slice(release.url.lastIndexOf('/') + 1);
  return new URL(file, base.endsWith('/') ? base : `${base}/`).toString();
}

export function releaseById(id: string): Release | undefined {
  return RELEASES.find((r) => r.id === id);
}
