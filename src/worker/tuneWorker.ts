/**
 * A trial worker: a child process that loads the data once, then trains one configuration after
 * another as the search sends them. `cancel` stops the running trial after its current batch.
 */
import { prestartThreads } from '../core/engine/fast/threads';
import { textSource } from '../core/classification/job';
import { isTextSource, loadDataset } from '../core/data/load';
import { makeRowSplits, makeSplits } from '../core/data/split';
import { loadTextData, tokenizerDefaults } from '../core/data/textData';
import { Split } from '../core/data/types';
import { runTrial, TrialContext, TrialData } from '../core/tune/trial';
import { TrialWorkerInit } from '../protocol/tune';
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
    if (init.engine === 'fast') prestartThreads();
    loadTrialData(init).then(
      ({ data, splits, name }) => {
        context = { data, splits, backend: init.backend, engine: init.engine, metric: init.metric };
        send({ type: 'ready', folds: splits.map((s) => s.name), dataName: name });
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

/** Ratings, or a text classifier's labelled text (`text:FILE`), and the folds every worker makes alike. */
async function loadTrialData(init: TrialWorkerInit): Promise<{ data: TrialData; splits: Split[]; name: string }> {
  if (isTextSource(init.data)) {
    const { file, options } = textSource(init.data, init.cwd);
    const text = await loadTextData(file, options);
    const splits = makeRowSplits(text.texts.length, init.split, init.splitSeed);
    return { data: { task: 'classification', text, tokenizer: tokenizerDefaults(options) }, splits, name: text.name };
  }
  const dataset = await loadDataset(init.data, { baseDir: init.cwd, ...init.features });
  return {
    data: { task: 'ratings', dataset },
    splits: makeSplits(dataset, init.split, init.splitSeed),
    name: dataset.name,
  };
}
