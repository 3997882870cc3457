/** Run folders: their names, and the history read back from them. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listRuns, readRunCurves } from '../../src/extension/history/runs';
import { newRunDir, resolveRunsFolder, slug, timestamp } from '../../src/extension/training/runFolder';
import { etaSeconds, formatDuration, progressMessage } from '../../src/extension/training/progressText';
import { emptySnapshot } from '../../src/protocol/runSnapshot';
import { scratch } from './workerHarness';

describe('run folders', () => {
  let tmp: ReturnType<typeof scratch>;
  beforeEach(() => (tmp = scratch()));
  afterEach(() => tmp.cleanup());

  it('names a run after its spec and the local time, never reusing a folder', () => {
    const date = new Date(2025, 0, 31, 14, 5, 9);
    assert.equal(timestamp(date), '20250131-140509');
    assert.equal(slug('NeuMF (d=32) / test'), 'NeuMF-d-32-test');
    assert.equal(slug('../..'), 'model');
    const first = newRunDir(tmp.dir, 'NeuMF', date);
    assert.equal(first, join(tmp.dir, 'NeuMF-20250131-140509'));
    mkdirSync(first);
    assert.equal(newRunDir(tmp.dir, 'NeuMF', date), join(tmp.dir, 'NeuMF-20250131-140509-2'));
    assert.equal(resolveRunsFolder('.ncf/runs', '/ws'), join('/ws', '.ncf/runs'));
    assert.equal(resolveRunsFolder('/elsewhere/runs', '/ws'), '/elsewhere/runs');
  });

  it('lists saved runs newest first, skipping folders without readable metrics', async () => {
    const save = (id: string, metrics: object) => {
      mkdirSync(join(tmp.dir, id));
      writeFileSync(join(tmp.dir, id, 'metrics.json'), JSON.stringify(metrics));
    };
    const history = [
      {
        event: 'epoch',
        epoch: 1,
        epochs: 1,
        loss: 1,
        train: { rmse: 1, mae: 0.8 },
        val: { rmse: 1.1, mae: 0.9 },
        seconds: 1,
        examplesPerSec: 5,
      },
    ];
    save('old', {
      spec: 'MF',
      data: 'synthetic',
      date: '2025-01-01T10:00:00Z',
      test: { rmse: 1.0, mae: 0.8 },
      epochs: 1,
      history,
    });
    save('new', {
      spec: 'NeuMF',
      data: 'MovieLens 100K',
      date: '2025-02-01T10:00:00Z',
      test: { rmse: 0.9, mae: 0.7 },
      epochs: 3,
    });
    save('broken', { spec: 5 });
    mkdirSync(join(tmp.dir, 'crashed-run'));
    writeFileSync(join(tmp.dir, 'crashed-run', 'log.txt'), 'training…');
    // A run whose worker died after marking its folder: still 'training', so not listed.
    save('died', { ncfStudioRun: 1, spec: 'MF', status: 'training', date: '2025-03-01T10:00:00Z' });
    const runs = await listRuns(tmp.dir);
    assert.deepEqual(
      runs.map((r) => r.id),
      ['new', 'old'],
    );
    assert.equal(runs[0].test?.rmse, 0.9);
    assert.equal(runs[0].dataName, 'MovieLens 100K');
    assert.deepEqual(await listRuns(join(tmp.dir, 'missing')), []);
    assert.equal((await readRunCurves(tmp.dir, 'old'))?.history.length, 1);
    assert.equal(await readRunCurves(tmp.dir, '../old'), undefined, 'a run id is never a path');
  });
});

describe('progress text', () => {
  it('says the epoch, the speed and the time left', () => {
    const run = {
      ...emptySnapshot('r', 'MF', 'd'),
      status: 'training' as const,
      epochs: 4,
      batchesPerEpoch: 10,
      losses: new Array(15).fill(1),
    };
    run.history = [
      {
        event: 'epoch',
        epoch: 1,
        epochs: 4,
        loss: 1,
        train: { rmse: 1, mae: 1 },
        val: null,
        seconds: 10,
        examplesPerSec: 31234.4,
      },
    ];
    assert.equal(etaSeconds(run), 25);
    assert.equal(progressMessage(run), 'epoch 2 of 4 · 31,234 examples/s · ETA 0:25');
    assert.equal(formatDuration(3725), '1:02:05');
  });
});
