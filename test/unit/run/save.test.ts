/** Run folders: what may be replaced, how it is replaced, and what killed saves leave behind. */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadRunModel, runMetrics, saveRun, RunArtifacts } from '../../../src/core/engine/save';
import { checkDestination, DestinationError } from '../../../src/core/run/destination';
import { sweepStale } from '../../../src/core/run/temp';
import { presetSpec } from '../../../src/core/presets';
import { smallData } from '../../helpers/data';

describe('run folders: destination and atomic save', function () {
  let dir: string;
  let run: RunArtifacts;
  before(() => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] });
    run = { model, spec: presetSpec('mf'), dataset: smallData().dataset, result: { test: { rmse: 1, mae: 1 } } };
  });
  after(() => run.model.dispose());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ncf-run-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const refuses = (target: string, pattern: RegExp, options = {}) =>
    assert.throws(
      () => checkDestination(target, { cwd: dir, ...options }),
      (e: Error) => e instanceof DestinationError && pattern.test(e.message),
    );

  it('says how each kind of destination is written', () => {
    assert.equal(checkDestination('new/deeper', { cwd: dir }).mode, 'new');
    mkdirSync(join(dir, 'empty'));
    assert.equal(checkDestination('empty', { cwd: dir }).mode, 'replace');
    mkdirSync(join(dir, 'earlier'));
    writeFileSync(join(dir, 'earlier', 'metrics.json'), runMetrics({}));
    assert.equal(checkDestination('earlier', { cwd: dir }).mode, 'replace');
    writeFileSync(join(dir, 'earlier', 'notes.txt'), 'mine');
    refuses('earlier', /also holds notes\.txt/);
    assert.equal(checkDestination('earlier', { cwd: dir, force: true }).mode, 'merge');
    // A metrics.json without the marker is not a run.
    mkdirSync(join(dir, 'lookalike'));
    writeFileSync(join(dir, 'lookalike', 'metrics.json'), '{"test": 1}');
    refuses('lookalike', /holds metrics\.json, and is not an NCF Studio run/);
    refuses('lookalike', /holds metrics\.json, which NCF Studio did not write and will not overwrite/, { force: true });
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'data.csv'), 'user,item,rating\n');
    refuses('data', /holds \S+data\.csv, which this run reads/, { protect: ['data/data.csv'] });
  });

  it('replaces an earlier run whole and leaves nothing beside it', async () => {
    const out = join(dir, 'run');
    await saveRun(out, run);
    const first = readFileSync(join(out, 'metrics.json'), 'utf8');
    await saveRun(out, { ...run, result: { test: { rmse: 2, mae: 2 } } });
    assert.notEqual(readFileSync(join(out, 'metrics.json'), 'utf8'), first);
    assert.equal(JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).ncfStudioRun, 1);
    assert.deepEqual(readdirSync(dir), ['run']);
    const model = await loadRunModel(out);
    assert.deepEqual(model.outputs[0].shape, [null, 1]);
    model.dispose();
  });

  it("merges beside the user's files with force, never overwriting one", async () => {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await saveRun(dir, run, { force: true, cwd: dir });
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'mine');
    assert.ok(existsSync(join(dir, 'weights.bin')));
    // The folder is now a run with a foreign file: force replaces the run's own files only.
    await saveRun(dir, run, { force: true, cwd: dir });
    assert.deepEqual(readdirSync(dir).sort(), [
      'idmaps.json',
      'metrics.json',
      'model.json',
      'notes.txt',
      'spec.ncf.json',
      'weights.bin',
    ]);
  });

  it("sweeps only the temporary folders of dead processes, and only when they hold a run's files", () => {
    const dead = 4_194_304; // the kernel's PID_MAX_LIMIT: every pid is below it
    const make = (name: string, file: string) => {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, file), '{}');
    };
    make(`.a.partial-${dead}`, 'weights.bin');
    make(`.b.old-${dead}`, 'metrics.json');
    make(`.c.partial-${process.pid}`, 'weights.bin');
    make(`.d.partial-${dead}`, 'thesis.tex');
    mkdirSync(join(dir, `.ncf-probe-${dead}`));
    sweepStale(dir);
    assert.deepEqual(readdirSync(dir).sort(), [`.c.partial-${process.pid}`, `.d.partial-${dead}`, 'b']);
  });

  it('puts back a run a killed save left aside before judging the path, and so replaces it', () => {
    const dead = 4_194_304;
    mkdirSync(join(dir, `.b.old-${dead}`));
    writeFileSync(join(dir, `.b.old-${dead}`, 'metrics.json'), runMetrics({ test: 'old' }));
    assert.deepEqual(checkDestination('b', { cwd: dir }), { dir: join(dir, 'b'), mode: 'replace' });
    assert.deepEqual(readdirSync(dir), ['b']);
    assert.match(readFileSync(join(dir, 'b', 'metrics.json'), 'utf8'), /"test": "old"/);
  });
});
