/** The MovieLens download against a local server: checksum, unpacking, a damaged archive, and being offline. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { Release, RELEASES } from '../../src/extension/datasets/catalog';
import {
  DownloadError,
  OfflineError,
  downloadRelease,
  downloadedReleases,
  md5,
} from '../../src/extension/datasets/download';
import { scratch } from './workerHarness';

function serve(
  routes: Record<string, { status?: number; body?: Uint8Array; location?: string }>,
): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (!route) return res.writeHead(404).end();
    res.writeHead(route.status ?? 200, {
      ...(route.location ? { location: route.location } : {}),
      ...(route.body ? { 'content-length': route.body.length } : {}),
    });
    res.end(route.body ? Buffer.from(route.body) : undefined);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

const archive = zipSync({
  'ml-100k/u.data': strToU8('1\t1\t5\t0\n'),
  'ml-100k/README': strToU8('readme'),
  'other/x': strToU8('ignored'),
});

describe('MovieLens download', () => {
  let tmp: ReturnType<typeof scratch>;
  let server: Server | undefined;
  beforeEach(() => (tmp = scratch()));
  afterEach(() => {
    server?.close();
    server = undefined;
    tmp.cleanup();
  });

  it('knows the published checksums', () => {
    assert.deepEqual(
      RELEASES.map((r) => [r.id, r.md5]),
      [
        ['ml-100k', '0e33842e24a9c977be4e0107933c0723'],
        ['ml-1m', 'c4d9eecfca2ab87c1945afe126590906'],
      ],
    );
  });

  it('downloads (following a redirect), verifies and unpacks, reporting progress', async () => {
    const s = await serve({ '/old.zip': { status: 302, location: '/ml-100k.zip' }, '/ml-100k.zip': { body: archive } });
    server = s.server;
    const release: Release = { ...RELEASES[0], url: `${s.base}/old.zip`, md5: md5(archive) };
    const progress: number[] = [];
    const dir = await downloadRelease(release, tmp.dir, { onProgress: (received) => progress.push(received) });
    assert.equal(dir, join(tmp.dir, 'ml-100k'));
    assert.equal(readFileSync(join(dir, 'u.data'), 'utf8'), '1\t1\t5\t0\n');
    assert.ok(!existsSync(join(dir, 'other')));
    assert.equal(progress[progress.length - 1], archive.length);
    assert.deepEqual(
      downloadedReleases(tmp.dir, RELEASES).map((d) => d.release.id),
      ['ml-100k'],
    );
  });

  it('refuses an archive whose checksum differs, and leaves nothing behind', async () => {
    const s = await serve({ '/ml-100k.zip': { body: archive } });
    server = s.server;
    const release: Release = { ...RELEASES[0], url: `${s.base}/ml-100k.zip` };
    await assert.rejects(
      downloadRelease(release, tmp.dir),
      (e: Error) => e instanceof DownloadError && /checksum mismatch/.test(e.message),
    );
    assert.ok(!existsSync(join(tmp.dir, 'ml-100k')));
  });

  it('fetches from a mirror of the datasets folder when one is set, by the same file name', async () => {
    const s = await serve({ '/mirror/movielens/ml-100k.zip': { body: archive } });
    server = s.server;
    const release: Release = { ...RELEASES[0], md5: md5(archive) };
    for (const mirror of [`${s.base}/mirror/movielens`, `${s.base}/mirror/movielens/`]) {
      const dir = await downloadRelease(release, tmp.dir, { mirror });
      assert.equal(readFileSync(join(dir, 'u.data'), 'utf8'), '1\t1\t5\t0\n');
    }
  });

  it('reports an HTTP error', async () => {
    const s = await serve({});
    server = s.server;
    await assert.rejects(downloadRelease({ ...RELEASES[0], url: `${s.base}/missing.zip` }, tmp.dir), /HTTP 404/);
  });

  it('tells being offline apart', async () => {
    const s = await serve({});
    const base = s.base;
    await new Promise((resolve) => s.server.close(resolve));
    await assert.rejects(
      downloadRelease({ ...RELEASES[0], url: `${base}/ml-100k.zip` }, tmp.dir),
      (e: Error) => e instanceof OfflineError && /ECONNREFUSED/.test(e.message),
    );
  });
});
