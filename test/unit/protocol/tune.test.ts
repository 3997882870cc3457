import assert from 'node:assert/strict';
import { presetDocument } from '../../../src/core/presets';
import type { TrialJob, TrialOutcome } from '../../../src/core/tune/trial';
import { parseFromTrialWorker, parseToTrialWorker } from '../../../src/protocol/tune';

const metrics = { rmse: 0.93, mae: 0.73 };
const job: TrialJob = {
  id: 3,
  spec: presetDocument('mf') as TrialJob['spec'],
  folds: [0, 1],
  withTest: false,
  prune: [[1.1, 0.98]],
};
const outcome: TrialOutcome = {
  id: 3,
  status: 'pruned',
  folds: [
    {
      fold: 'fold 1/3',
      seed: 42,
      params: 1234,
      epochs: [{ epoch: 1, train: metrics, val: { rmse: NaN, mae: Infinity } }],
      bestEpoch: 1,
      train: metrics,
      val: metrics,
      seconds: 0.5,
    },
  ],
  note: 'pruned at fold 1/3 epoch 1',
  seconds: 0.6,
};

/** What the pool's structured-clone IPC delivers. */
const overIpc = <T>(value: T): unknown => structuredClone(value);

const refusal = (parse: (raw: unknown) => { ok: boolean; error?: string }, raw: unknown): string => {
  const parsed = parse(raw);
  assert.equal(parsed.ok, false, `refused: ${JSON.stringify(raw)}`);
  return parsed.error ?? '';
};

describe('protocol/tune: messages between a search and its trial workers', () => {
  it('accepts each message a search sends, as it arrives', () => {
    for (const message of [
      {
        type: 'init',
        init: { data: 'synthetic', split: 'kfold:3', splitSeed: 7, backend: 'auto', engine: 'fast', cwd: '/tmp' },
      },
      { type: 'run', job },
      { type: 'run', job: { ...job, prune: null, withTest: true } },
      { type: 'cancel' },
    ]) {
      const parsed = parseToTrialWorker(overIpc(message));
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      assert.deepEqual(parsed.message, message);
    }
  });

  it('accepts each message a worker sends, keeping a diverged NaN or Infinity', () => {
    for (const message of [
      { type: 'ready', folds: ['fold 1/3', 'fold 2/3'], dataName: 'synthetic (seed 42)' },
      { type: 'epoch', id: 3, fold: 0, epoch: 2, val: null },
      { type: 'epoch', id: 3, fold: 0, epoch: 2, val: NaN },
      { type: 'done', outcome },
      { type: 'error', message: 'no such file: ratings.csv' },
    ]) {
      const parsed = parseFromTrialWorker(overIpc(message));
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      assert.deepEqual(parsed.message, message);
    }
  });

  it('says in one line which field of which message is wrong', () => {
    assert.equal(
      refusal(parseFromTrialWorker, { type: 'done', outcome: { ...outcome, status: 'skipped' } }),
      `'done' message, field outcome.status: Invalid option: expected one of "complete"|"pruned"|"failed"|"cancelled"`,
    );
    assert.equal(
      refusal(parseFromTrialWorker, { type: 'epoch', id: 3, fold: 0, epoch: '2', val: null }),
      "'epoch' message, field epoch: expected number, received string",
    );
    assert.match(refusal(parseFromTrialWorker, { type: 'progress' }), /^unknown message type "progress"/);
    assert.equal(
      refusal(parseToTrialWorker, { type: 'run', job: { ...job, folds: [-1] } }),
      "'run' message, field job.folds.0: Too small: expected number to be >=0",
    );
    assert.equal(
      refusal(parseToTrialWorker, { type: 'cancel', now: true }),
      "'cancel' message, field now: not a field of this message",
    );
    for (const error of [
      refusal(parseToTrialWorker, { type: 'run', job: { ...job, spec: 'mf' } }),
      refusal(parseToTrialWorker, 'cancel'),
    ])
      assert.doesNotMatch(error, /\n/);
  });
});
