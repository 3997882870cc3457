/**
 * The training worker: a child process forked by the extension host (on VS Code's own Node).
 * It receives one `start`, trains with the same core as the CLI, streams progress, writes the run
 * folder and exits. A `cancel` stops training after the current batch; what was trained is saved.
 */
import { prestartThreads } from '../core/engine/fast/threads';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { writeAtomically } from '../core/run/writeAtomically';
import { join } from 'node:path';
import { runMetrics, saveRun } from '../core/engine/save';
import { isTextSource, sourcePath } from '../core/data/load';
import { stopOnSignals } from '../core/job/stopSignals';
import { checkDestination, DestinationOptions } from '../core/run/destination';
import { applyOverrides } from '../core/job/resolveSpec';
import { SpecFileError, checkSpec } from '../core/spec';
import type { Spec } from '../core/spec/schema';
import { TrainRequest, WorkerToHost, parseHostMessage } from '../protocol/worker';
import { BatchCoalescer } from './batches';
import { MissingFeatureError, describeError } from './errors';
import { trainClassificationTask } from './tasks/classification';
import { trainRankingTask } from './tasks/ranking';
import { trainRating } from './tasks/rating';
import { TaskTrainer } from './tasks/task';

/** Each task's training, by `training.task`. */
const TRAINERS: Record<Spec['training']['task'], TaskTrainer> = {
  rating: trainRating,
  ranking: trainRankingTask,
  classification: trainClassificationTask,
};

function send(message: WorkerToHost): void {
  if (process.connected) process.send?.(message);
}

/** Resolves once the message is handed to the channel, so disconnecting after it loses nothing. */
function sendLast(message: WorkerToHost): Promise<void> {
  return new Promise((resolve) =>
    process.send && process.connected ? process.send(message, undefined, {}, () => resolve()) : resolve(),
  );
}

const abort = new AbortController();
let started = false;
/** Batches run so far, and how many had run when the stop request arrived (to report how promptly it stopped). */
let batchesRun = 0;
let batchesAtCancel: number | undefined;

async function train(request: TrainRequest): Promise<void> {
  prestartThreads();
  const logFile = join(request.runDir, 'log.txt');
  const logLines: string[] = [];
  const log = async (line: string) => {
    logLines.push(line);
    send({ type: 'log', line });
    await appendFile(logFile, line + '\n').catch(() => undefined);
  };

  const check = checkSpec(request.spec);
  if (!check.ok) throw new SpecFileError(check.issues, request.specSource);
  const spec = applyOverrides(check.checked.spec, { epochs: request.epochs, batchSize: request.batchSize });

  // The same rules as the CLI's --out, checked before any training.
  const destination: DestinationOptions = {
    label: 'run folder',
    protect: [
      sourcePath(request.data),
      request.specSource,
      request.features?.userFeatures,
      request.features?.itemFeatures,
    ].filter((p): p is string => p !== undefined && !p.startsWith('preset:')),
  };
  checkDestination(request.runDir, destination);
  // The spec, the log and a marked metrics.json go to the folder first, so a crash or a stop still
  // leaves a trace, and the folder is a run that the final save may replace.
  await mkdir(request.runDir, { recursive: true });
  await writeAtomically(
    join(request.runDir, 'metrics.json'),
    runMetrics({
      spec: spec.name,
      status: 'training',
      dataSource: request.data,
      specSource: request.specSource,
      date: new Date().toISOString(),
    }),
  );
  await writeFile(join(request.runDir, 'spec.ncf.json'), JSON.stringify(spec, null, 2) + '\n');
  await log(`training ${spec.name} (${request.specSource}) on ${request.data}, split ${request.split}`);

  const batches = new BatchCoalescer(send);
  // A text file is classification's data whatever the spec says, as with the CLI's --data text:FILE.
  const trainer: TaskTrainer = TRAINERS[isTextSource(request.data) ? 'classification' : spec.training.task];
  const trained = await trainer({
    request,
    spec,
    signal: abort.signal,
    send,
    log,
    onBatch: (event) => {
      batchesRun++;
      batches.add(event);
    },
    flushBatches: () => batches.flush(),
    startedMessage: (event, dataName) => {
      const { event: _event, ...start } = event;
      return { type: 'started', ...start, epochs: spec.training.epochs, dataName };
    },
  }).catch((e: unknown) => {
    // Checked against the loaded data: a feature it lacks is one a feature file may give.
    throw MissingFeatureError.from(e, spec) ?? e;
  });
  batches.flush();
  if (batchesAtCancel !== undefined)
    await log(`stop requested after batch ${batchesAtCancel}; the last batch run was ${batchesRun}`);
  await log(trained.resultLine);
  await saveRun(
    request.runDir,
    {
      model: trained.model,
      spec: trained.spec ?? spec,
      dataset: trained.dataset,
      result: {
        ...trained.result,
        data: trained.dataset.name,
        dataSource: request.data,
        specSource: request.specSource,
        date: new Date().toISOString(),
      },
      files: { 'log.txt': logLines.join('\n') + '\n', ...trained.files },
    },
    destination,
  );
  trained.model.dispose();
  await sendLast(trained.last(request.runDir));
}

process.on('message', (raw: unknown) => {
  const parsed = parseHostMessage(raw);
  if (!parsed.ok) {
    const line = `malformed message from the extension host: ${parsed.error}`;
    // Before a start there is nothing to train: say why and end. During training, note it and go on.
    if (started) send({ type: 'log', line });
    else void sendLast({ type: 'error', message: line }).then(() => process.connected && process.disconnect());
    return;
  }
  const message = parsed.message;
  if (message.type === 'cancel') {
    batchesAtCancel ??= batchesRun;
    abort.abort();
    return;
  }
  if (started) return;
  started = true;
  const hangUp = () => process.connected && process.disconnect();
  train(message.request).then(hangUp, async (error: unknown) => {
    const { message: text, detail, missingFeature } = describeError(error);
    await appendFile(join(message.request.runDir, 'log.txt'), `error: ${text}\n${detail ? detail + '\n' : ''}`).catch(
      () => undefined,
    );
    await sendLast({ type: 'error', message: text, detail, ...(missingFeature ? { missingFeature } : {}) });
    hangUp();
  });
});

// SIGTERM (and SIGINT) stop like the Stop command; a second one quits at once.
stopOnSignals(abort);

// Orphaned (the host went away): nothing left to report to.
process.on('disconnect', () => {
  if (!abort.signal.aborted) abort.abort();
  setTimeout(() => process.exit(0), 2000).unref();
});

send({ type: 'ready' });
