import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presetSpec } from '../../../src/core/presets';
import { defaultSpace } from '../../../src/core/tune/defaultSpace';
import { applyOverrides } from '../../../src/core/job/resolveSpec';
import { defaultParams } from '../../../src/core/tune/space';
import { makeStrategy } from '../../../src/core/tune/strategies';
import { TrialRecord } from '../../../src/core/tune/types';
import { search, smallRatings, writeRatingsCsv } from './helpers';

const lines = (dir: string) =>
  readFileSync(join(dir, 'trials.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as TrialRecord);

describe('tune: a stopped search keeps its finished trials and --resume continues it', function () {
  let dir: string;
  let data: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ncf-tune-resume-'));
    writeRatingsCsv(join(dir, 'r.csv'), smallRatings());
    data = `csv:${join(dir, 'r.csv')}`;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a stop (Ctrl+C, Cancel) after the first trial keeps it on disk; resuming runs only the rest and ends with every trial once', async () => {
    const out = join(dir, 'stopped');
    const stop = new AbortController();
    const first = await search({ data, trials: 3, out }, { jobs: 1, signal: stop.signal, onTrial: () => stop.abort() });
    assert.equal(first.cancelled, true);
    assert.equal(first.result, undefined, 'no test evaluation after a stop');
    const kept = lines(out);
    assert.equal(kept.length, 1);
    assert.equal(kept[0].status, 'complete');

    const resumed = await search({ data, trials: 3, resume: out }, { jobs: 2 });
    assert.equal(resumed.cancelled, false);
    const all = lines(out);
    assert.equal(all.length, 3);
    assert.deepEqual(all[0], kept[0], 'the finished trial is not run again');
    assert.deepEqual(all.map((t) => t.number).sort(), [0, 1, 2]);
    assert.equal(resumed.result!.trials, 3);
    // The resumed trials are the ones the seeded strategy gives for their numbers, as in an unbroken search.
    const spec = applyOverrides(presetSpec('mf-bias'), { epochs: 2 });
    const space = defaultSpace(spec);
    const strategy = makeStrategy('random', space, 1, 3, defaultParams(spec, space));
    for (const t of all) assert.deepEqual(t.params, strategy.suggest(t.number, []));
  });

  it('a resumed search may be given more trials; the folder of a finished search is never reused for a new one', async () => {
    const out = join(dir, 'grow');
    await search({ data, trials: 1, out });
    const more = await search({ data, trials: 2, resume: out });
    assert.equal(lines(out).length, 2);
    assert.equal(more.result!.trials, 2);
    await assert.rejects(
      search({ data, trials: 1, out }),
      /already exists and is not empty: give a new --out folder, or continue that search with --resume/,
    );
    await assert.rejects(
      search({ data, trials: 1, resume: join(dir, 'nothing') }),
      /no tune\.json there, so it is not a search folder/,
    );
  });
});
