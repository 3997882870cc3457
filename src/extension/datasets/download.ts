/**
 * Downloads a MovieLens archive, checks it against the published MD5, and unpacks it into a
 * storage folder. No `vscode` import: the command wraps it in a progress notification.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { dirname, join, normalize, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { archiveUrl, type Release } from './catalog';

/** The network could not be reached at all (as opposed to a server that answered badly). */
export class OfflineError extends Error {}
export class DownloadError extends Error {}

const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 30_000;

export interface DownloadOptions {
  /** A mirror of GroupLens's datasets folder to fetch from instead; the checksum is checked all the same. */
  mirror?: string;
  onProgress?: (received: number, total: number | undefined) => void;
  signal?: AbortSignal;
}

export function fetchBytes(url: string, options: DownloadOptions = {}, redirects = 0): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const request = get(url, { signal: options.signal, timeout: TIMEOUT_MS }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (redirects >= MAX_REDIRECTS) return reject(new DownloadError(`too many redirects from ${url}`));
        return fetchBytes(new URL(response.headers.location, url).toString(), options, redirects + 1).then(
          resolve,
          reject,
        );
      }
      if (status !== 200) {
        response.resume();
        return reject(new DownloadError(`${url} answered HTTP ${status}`));
      }
      const total = Number(response.headers['content-length']) || undefined;
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        options.onProgress?.(received, total);
      });
      response.on('end', () => resolve(Buffer.concat(chunks)));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') reject(error);
      else if (error.code && OFFLINE_CODES.has(error.code))
        reject(new OfflineError(`cannot reach ${new URL(url).host} (${error.code})`));
      else reject(new DownloadError(`download of ${url} failed: ${error.message}`));
    });
  });
}

export function md5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** Entry names come from the archive: refuse any that would land outside the target folder. */
function safeTarget(root: string, name: string): string | undefined {
  const target = normalize(join(root, name));
  return target.startsWith(normalize(root) + sep) ? target : undefined;
}

/** Unpacks the archive's `release.folder` into `storageDir/release.folder`, replacing an older copy. */
export async function unpackRelease(zip: Uint8Array, release: Release, storageDir: string): Promise<string> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (e) {
    throw new DownloadError(`${release.label}: the archive is not a readable zip (${(e as Error).message})`);
  }
  if (!entries[`${release.folder}/${release.ratingsFile}`])
    throw new DownloadError(`${release.label}: the archive has no ${release.folder}/${release.ratingsFile}`);
  const staging = join(storageDir, `.${release.folder}.partial`);
  await rm(staging, { recursive: true, force: true });
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/') || !name.startsWith(`${release.folder}/`)) continue;
    const target = safeTarget(staging, name.slice(release.folder.length + 1));
    if (!target) throw new DownloadError(`${release.label}: the archive holds an unsafe path '${name}'`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data);
  }
  const final = join(storageDir, release.folder);
  await rm(final, { recursive: true, force: true });
  await rename(staging, final);
  return final;
}

export async function downloadRelease(
  release: Release,
  storageDir: string,
  options: DownloadOptions = {},
): Promise<string> {
  const zip = await fetchBytes(archiveUrl(release, options.mirror), options);
  const sum = md5(zip);
  if (sum !== release.md5)
    throw new DownloadError(
      `${release.label}: checksum mismatch (MD5 ${sum}, expected ${release.md5}); the download may be damaged, try again`,
    );
  await mkdir(storageDir, { recursive: true });
  return unpackRelease(zip, release, storageDir);
}

/** Releases already unpacked in the storage folder. */
export function downloadedReleases(
  storageDir: string,
  releases: readonly Release[],
): { release: Release; dir: string }[] {
  return releases
    .map((release) => ({ release, dir: join(storageDir, release.folder) }))
    .filter(({ release, dir }) => existsSync(join(dir, release.ratingsFile)));
}
