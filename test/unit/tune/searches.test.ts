import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSearches } from '../../../src/core/tune/searches';
import { saveSearchResult, SETTINGS_FILE } from '../../../src/core/tune/store';
import { search, smallRatings, writeRatingsCsv } from './helpers';

describe('tune: the searches of a folder, as the training history lists them', function () {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ncf-tune-searches-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists a finished and a stopped search, newest first, with their trials and test figures; skips what is not a search', async () => {
    writeRatingsCsv(join(dir, 'r.csv'), smallRatings());
    const data = `csv:${join(dir, 'r.csv')}`;
    const folder = join(dir, 'searches');
    const finished = await search({ data, trials: 2, out: join(folder, 'finished') });
    saveSearchResult(finished.outDir, finished);
    const stop = new AbortController();
    await search(
      { data, trials: 3, out: join(folder, 'stopped') },
      { jobs: 1, signal: stop.signal, onTrial: () => stop.abort() },
    );
    // The stopped one began later.
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(join(folder, 'finished', SETTINGS_FILE), earlier, earlier);
    mkdirSync(join(folder, 'not-a-search'));
    mkdirSync(join(folder, 'broken'));
    writeFileSync(join(folder, 'broken', SETTINGS_FILE), '{"cut short');

    const listed = await listSearches(folder);
    assert.deepEqual(
      listed.map((s) => s.id),
      ['stopped', 'finished'],
    );
    const [s, f] = listed;
    assert.equal(f.specName, 'mf-bias');
    assert.equal(f.dataName, data);
    assert.equal(f.split, 'kfold:2');
    assert.equal(f.strategy, 'random');
    assert.equal(f.finished, true);
    assert.equal(f.trialsDone, 2);
    assert.equal(f.trialsPlanned, 2);
    assert.equal(f.bestVal, finished.result!.best.val.rmse);
    assert.deepEqual(f.bestTest, finished.result!.best.test);
    assert.deepEqual(f.defaultTest, finished.result!.default.test);
    assert.equal(s.finished, false);
    assert.equal(s.trialsDone, 1);
    assert.equal(s.trialsPlanned, 3);
    assert.equal(s.bestTest, undefined);
    assert.ok(s.bestVal! > 0);
    assert.deepEqual(await listSearches(join(dir, 'no-such-folder')), []);
  });
});
