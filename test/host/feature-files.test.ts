/**
 * VS Code's Train flow with a user's feature files, against the real bundled worker: the settings
 * ncf.userFeatures / ncf.itemFeatures (workspace-relative allowed) reach the worker as the CLI's
 * --user-features / --item-features do, and a spec reading a feature the data lacks fails with one
 * line naming node and feature, and says which side's feature file would give it (the host then
 * offers to pick one).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureFilesOf } from '../../src/extension/training/featureFiles';
import { CITIES, cityTagsSpec, featureData } from '../helpers/featureFiles';
import { request, requireWorker, scratch, startSession } from './workerHarness';

/** The shared data, written to `dir`. */
function writeData(dir: string): void {
  for (const [file, text] of Object.entries(featureData())) writeFileSync(join(dir, file), text);
}

const SPEC = cityTagsSpec('city and tags');

describe('Train flow: feature files from the settings', function () {
  let tmp: ReturnType<typeof scratch>;
  before(requireWorker);
  beforeEach(() => {
    tmp = scratch();
    writeData(tmp.dir);
  });
  afterEach(() => tmp.cleanup());

  const featureRequest = (runDir: string, features?: ReturnType<typeof featureFilesOf>) =>
    request(runDir, {
      spec: SPEC,
      specSource: join(tmp.dir, 'city.ncf.json'),
      presetName: undefined,
      data: `csv:${join(tmp.dir, 'ratings.csv')}`,
      epochs: 2,
      ...(features ? { features } : {}),
    });

  it('resolves workspace-relative settings against the workspace folder, absolute ones as they are', function () {
    const none = { userFeatures: '', itemFeatures: '', featureKinds: {} };
    assert.equal(featureFilesOf(none, '/ws'), undefined, 'no files: nothing to pass');
    assert.equal(featureFilesOf({ ...none, featureKinds: { zone: 'categorical' } }, '/ws'), undefined);
    assert.deepEqual(featureFilesOf({ ...none, userFeatures: 'data/users.csv' }, '/ws'), {
      userFeatures: '/ws/data/users.csv',
    });
    assert.deepEqual(
      featureFilesOf(
        { userFeatures: '', itemFeatures: '/elsewhere/items.csv', featureKinds: { zone: 'categorical' } },
        '/ws',
      ),
      { itemFeatures: '/elsewhere/items.csv', featureKinds: { zone: 'categorical' } },
    );
  });

  it('trains with the files the settings name, and the run keeps their encodings', async function () {
    const runDir = join(tmp.dir, 'with-features');
    const features = featureFilesOf(
      { userFeatures: 'users.csv', itemFeatures: 'items.csv', featureKinds: {} },
      tmp.dir,
    );
    const { session } = startSession(featureRequest(runDir, features));
    const outcome = await session.done;
    assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
    const saved = JSON.parse(readFileSync(join(runDir, 'features.json'), 'utf8')) as {
      columns: Record<string, { encoding: { side: string; kind: string; categories?: string[] } }>;
    };
    assert.deepEqual(Object.keys(saved.columns).sort(), ['city', 'tags']);
    assert.equal(saved.columns.city.encoding.side, 'user');
    // The cities, and the category ids a file lacks would get.
    assert.deepEqual([...saved.columns.city.encoding.categories!].sort(), [...CITIES, 'unknown'].sort());
    assert.equal(saved.columns.tags.encoding.kind, 'multiHot');
  });

  it('without them, fails with one line naming the node and the feature, and which side lacks it', async function () {
    const runDir = join(tmp.dir, 'without');
    const { session } = startSession(featureRequest(runDir));
    const outcome = await session.done;
    assert.equal(outcome.kind, 'failed', JSON.stringify(outcome));
    if (outcome.kind !== 'failed') return;
    assert.equal(outcome.message, "node 'city', field 'feature': the data has no user feature 'city'");
    assert.deepEqual(outcome.missingFeature, { node: 'city', feature: 'city', side: 'user' });
    assert.equal(outcome.detail, undefined, 'no stack trace: it is not a bug');
    assert.ok(!existsSync(join(runDir, 'model.json')), 'nothing was trained');

    // With the user file only, the item side is the one missing.
    const { session: second } = startSession(
      featureRequest(join(tmp.dir, 'users-only'), { userFeatures: join(tmp.dir, 'users.csv') }),
    );
    const half = await second.done;
    assert.equal(half.kind, 'failed', JSON.stringify(half));
    if (half.kind === 'failed') assert.deepEqual(half.missingFeature, { node: 'tags', feature: 'tags', side: 'item' });
  });

  it('a bad feature file is one line naming the file and the line, with no feature to offer', async function () {
    writeFileSync(join(tmp.dir, 'users.csv'), 'id,city\nu0,Oslo\nu0,Lima\n');
    const { session } = startSession(
      featureRequest(join(tmp.dir, 'bad'), {
        userFeatures: join(tmp.dir, 'users.csv'),
        itemFeatures: join(tmp.dir, 'items.csv'),
      }),
    );
    const outcome = await session.done;
    assert.equal(outcome.kind, 'failed', JSON.stringify(outcome));
    if (outcome.kind !== 'failed') return;
    assert.match(outcome.message, /users\.csv:3: user 'u0' is listed twice \(first on line 2\)/);
    assert.equal(outcome.missingFeature, undefined);
  });
});
