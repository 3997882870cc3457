/**
 * A trial worker: a child process that loads the data once, then trains one configuration after
 * another as the search sends them. `cancel` stops the running trial after its current batch.
 */
import { loadDataset } from '../core/data/load';
import { makeSplits } from '../core/data/split';
import { runTrial, TrialContext } from '../core/tune/trial';
import { FromTrialWorker, parseToTrialWorker } from '../protocol/tune';
import { describeError } from './errors';

const send = (message: FromTrialWorker) => process.connected && process.send?.(message);

let context: Omit<TrialContext, 'signal'> | null = null;
let abort = new AbortController();

process.on('message', (received: unknown) => {
  const parsed = parseToTrialWorker(received);
  if (!parsed.ok) return send({ type: 'error', message: `the search sent a malformed message: ${parsed.error}` });
  const raw = parsed.message;
  if (raw.type === 'cancel') abort.abort();
  else if (raw.type === 'init') {
    const { init } = raw;
    loadDataset(init.data, { baseDir: init.cwd }).then(
      (dataset) => {
        try {
          const splits = makeSplits(dataset, init.split, init.splitSeed);
          context = { dataset, splits, backend: init.backend, engine: init.engine };
          send({ type: 'ready', folds: splits.map((s) => s.name), dataName: dataset.name });
        } catch (e) {
          send({ type: 'error', message: describeError(e).message });
        }
      },
      (e: unknown) => send({ type: 'error', message: describeError(e).message }),
    );
  } else if (raw.type === 'run' && context) {
    if (abort.signal.aborted) abort = new AbortController();
    const { job } = raw;
    runTrial(job, {
      ...context,
      signal: abort.signal,
      onEpoch: (fold, epoch, val) => send({ type: 'epoch', id: job.id, fold, epoch, val }),
    }).then(
      (outcome) => send({ type: 'done', outcome }),
      (e: unknown) =>
        send({
          type: 'done',
          outcome: { id: job.id, status: 'failed', folds: [], note: describeError(e).message, seconds: 0 },
        }),
    );
  }
});

process.on('disconnect', () => {
  abort.abort();
  setTimeout(() => process.exit(0), 1000).unref();
});
