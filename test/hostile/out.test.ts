/** `--out`: never remove or overwrite what the user has; refuse before training, in one line. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertNoCrash,
  assertRefusedUpFront,
  builtCli,
  DEAD_PID,
  LIMIT_MS,
  ratingsCsv,
  runCli,
  Workspace,
} from './harness';

const RUN_FILES = ['data.json', 'idmaps.json', 'metrics.json', 'model.json', 'spec.ncf.json', 'weights.bin'];
const isRunFile = (rel: string, folder = '') => RUN_FILES.some((f) => rel === join(folder, f));

describe('hostile: --out never deletes what the user has', function () {
  let ws: Workspace;
  let before: Map<string, string>;
  /** A project folder: a spec, notes and the ratings the run reads. */
  beforeEach(() => {
    builtCli();
    ws = new Workspace();
    ws.write('model.ncf.json', readFileSync(join(__dirname, '../../src/core/presets/mf.ncf.json'), 'utf8'));
    ws.write('notes.md', '# my notes\n');
    ws.write('data/ratings.csv', ratingsCsv(1));
    before = ws.snapshot();
  });
  afterEach(() => ws.remove());

  const train = (...extra: string[]) =>
    runCli(['train', '--spec', 'model.ncf.json', '--data', 'csv:data/ratings.csv', '--epochs', '1', ...extra], {
      cwd: ws.dir,
      limitMs: LIMIT_MS,
    });

  const refusals: [string, () => string[], RegExp][] = [
    ['the current folder', () => ['--out', '.'], /--out \S+ is the current folder; .*--force/],
    ['a folder that holds the current folder', () => ['--out', '..'], /holds the current folder/],
    [
      'an existing file (the notes)',
      () => ['--out', 'notes.md'],
      /--out \S+notes\.md is a file, not a folder; NCF Studio never replaces it/,
    ],
    ['the spec file', () => ['--out', 'model.ncf.json'], /model\.ncf\.json is a file/],
    [
      'the folder holding the data',
      () => ['--out', 'data'],
      /--out \S+data holds \S+ratings\.csv, which this run reads/,
    ],
    ['the data file itself', () => ['--out', 'data/ratings.csv'], /ratings\.csv is a file/],
    ["an empty name (--out '')", () => ['--out', ''], /^ncf: --out is empty/],
    ['a path under a file', () => ['--out', 'notes.md/run'], /lies under \S+notes\.md, which is a file/],
    ['a folder in /proc', () => ['--out', '/proc/ncf-hostile-run'], /proc file system/],
    ['a folder in /sys', () => ['--out', '/sys/ncf-hostile-run'], /sysfs file system/],
  ];
  for (const [what, args, where] of refusals) {
    it(`refuses ${what} before training, touching nothing`, async () => {
      const r = await train(...args());
      assertRefusedUpFront(r, where);
      ws.assertUntouched(before);
    });
  }

  it("refuses a folder of the user's that is not a run, naming what is there", async () => {
    ws.write('results/summary.txt', 'mine');
    before = ws.snapshot();
    assertRefusedUpFront(
      await train('--out', 'results'),
      /results already holds summary\.txt, and is not an NCF Studio run/,
    );
    ws.assertUntouched(before);
  });

  it('refuses a symbolic link as --out', async () => {
    mkdirSync(ws.path('elsewhere'));
    symlinkSync(ws.path('elsewhere'), ws.path('link'));
    before = ws.snapshot();
    assertRefusedUpFront(await train('--out', 'link'), /link is a symbolic link/);
    ws.assertUntouched(before);
  });

  it('replaces an earlier run whole, and refuses one to which the user added a file', async () => {
    const first = await train('--out', 'run');
    assertNoCrash(first);
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(readdirSync(ws.path('run')).sort(), RUN_FILES);
    const metrics = JSON.parse(readFileSync(ws.path('run/metrics.json'), 'utf8'));
    assert.equal(metrics.ncfStudioRun, 1, 'metrics.json carries the run marker');

    const again = await train('--out', 'run', '--seed', '7');
    assert.equal(again.status, 0, again.stderr);
    assert.notEqual(readFileSync(ws.path('run/weights.bin')).toString('hex'), '', 'weights written');
    ws.assertNoTemporaries();

    ws.write('run/my-analysis.txt', 'mine');
    before = ws.snapshot();
    assertRefusedUpFront(
      await train('--out', 'run'),
      /run is an earlier run, but also holds my-analysis\.txt, which NCF Studio did not write/,
    );
    ws.assertUntouched(before);
    // With --force the run's own files are replaced and the user's stays.
    const forced = await train('--out', 'run', '--force');
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(readFileSync(ws.path('run/my-analysis.txt'), 'utf8'), 'mine');
    ws.assertNoTemporaries();
  });

  it("--force adds the run beside the user's files and removes or overwrites none of them", async () => {
    const r = await train('--out', '.', '--force');
    assertNoCrash(r);
    assert.equal(r.status, 0, r.stderr);
    ws.assertUntouched(before, (rel) => isRunFile(rel));
    for (const f of RUN_FILES) assert.ok(existsSync(ws.path(f)), f);
    ws.assertNoTemporaries();
  });

  it("--force still refuses when a file of the user's has a run file's name, and says which", async () => {
    ws.write('exp/spec.ncf.json', '{"mine": true}');
    ws.write('exp/readme.txt', 'mine');
    before = ws.snapshot();
    assertRefusedUpFront(
      await train('--out', 'exp', '--force'),
      /exp holds spec\.ncf\.json, which NCF Studio did not write and will not overwrite/,
    );
    ws.assertUntouched(before);
  });

  it("sweeps temporary folders of dead processes, restores a run left aside, keeps a live one's", async () => {
    const dead = DEAD_PID;
    ws.write(`out/.run.partial-${dead}/model.json`, '{}');
    ws.write(`out/.run.old-${dead}/metrics.json`, '{"ncfStudioRun": 1}');
    ws.write(`out/.other.partial-${process.pid}/model.json`, '{}');
    ws.write(`out/.keep.partial-${dead}/my-file.txt`, 'not a run file: left alone');
    const r = await train('--out', 'out/run2');
    assert.equal(r.status, 0, r.stderr);
    const left = readdirSync(ws.path('out')).sort();
    assert.deepEqual(left, [`.keep.partial-${dead}`, `.other.partial-${process.pid}`, 'run', 'run2']);
    assert.deepEqual(
      JSON.parse(readFileSync(ws.path('out/run/metrics.json'), 'utf8')),
      { ncfStudioRun: 1 },
      'the run renamed aside is back',
    );
  });

  describe('destinations that cannot be written (needs root for a mount, else a folder without write permission)', function () {
    let mount: string | undefined;
    const mountTmpfs = (options: string): boolean => {
      mount = ws.path('mnt');
      mkdirSync(mount);
      return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mount]).status === 0;
    };
    afterEach(() => {
      if (mount) spawnSync('umount', [mount]);
      mount = undefined;
    });

    it('a read-only file system is refused before training', async function () {
      if (process.getuid?.() === 0) {
        if (!mountTmpfs('ro,size=1m')) {
          console.log('      skipped: root without the right to mount a file system: nothing read-only to try');
          this.skip();
        }
        before = ws.snapshot();
        assertRefusedUpFront(await train('--out', 'mnt/run'), /mnt\/run is on a read-only file system/);
      } else {
        mkdirSync(ws.path('locked'), { mode: 0o555 });
        before = ws.snapshot();
        assertRefusedUpFront(await train('--out', 'locked/run'), /locked\/run is not writable/);
      }
      ws.assertUntouched(before);
    });

    it('a full disk is refused before training, naming the path', async function () {
      if (process.getuid?.() !== 0 || !mountTmpfs('size=64k')) {
        console.log('      skipped: only root with the right to mount can make a small disk to fill');
        this.skip();
      }
      ws.write('mnt/filler.bin', Buffer.alloc(40 * 1024, 1));
      before = ws.snapshot();
      // neumf at these sizes needs more than the 24 KB left.
      const r = await runCli(
        ['train', '--preset', 'neumf', '--data', 'csv:data/ratings.csv', '--epochs', '1', '--out', 'mnt/run'],
        { cwd: ws.dir, limitMs: LIMIT_MS },
      );
      assertRefusedUpFront(
        r,
        /mnt\/run has no room for the run: it needs about [\d.]+ MB, its device has [\d.]+ MB free/,
      );
      ws.assertUntouched(before);
    });
  });
});
