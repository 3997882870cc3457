/**
 * The training worker: a child process forked by the extension host (on VS Code's own Node).
 * It receives one `start`, trains with the same core as the CLI, streams progress, writes the run
 * folder and exits. A `cancel` stops training after the current batch; what was trained is saved.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { computeBaselines } from '../core/engine/baselines';
import type { Baselines } from '../core/engine/events';
import { defaultFastStepper } from '../core/engine/fast';
import { runMetrics, saveRun } from '../core/engine/save';
import { runDataFiles } from '../core/predict/runFiles';
import { sourcePath } from '../core/data/load';
import { runJob } from '../core/job/runJob';
import { batchCapLine } from '../core/engine/train';
import { stopOnSignals } from '../core/job/stopSignals';
import { checkDestination, DestinationOptions } from '../core/run/destination';
import { applyOverrides } from '../core/job/resolveSpec';
import { SpecFileError, checkSpec } from '../core/spec';
import { TrainRequest, WorkerToHost, parseHostMessage } from '../protocol/worker';
import { BatchCoalescer } from './batches';
import { describeError } from './errors';
import { epochLine, resultLine } from './format';

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
    protect: [sourcePath(request.data), request.specSource].filter(
      (p): p is string => p !== undefined && !p.startsWith('preset:'),
    ),
  };
  checkDestination(request.runDir, destination);
  // The spec, the log and a marked metrics.json go to the folder first, so a crash or a stop still
  // leaves a trace, and the folder is a run that the final save may replace.
  await mkdir(request.runDir, { recursive: true });
  await writeFile(
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

  let baselines: Baselines | undefined;
  let dataName = request.data;
  const batches = new BatchCoalescer(send);
  const { result, model, dataset } = await runJob({
    spec,
    presetName: request.presetName,
    data: request.data,
    split: request.split,
    backend: request.backend,
    engine: request.engine ?? 'fast',
    fastStepper: defaultFastStepper,
    signal: abort.signal,
    onData: (data, splits) => {
      dataName = data.name;
      // The baselines are cheap: computing them now lets the dashboard draw them from the first epoch.
      if (splits[0]) baselines = computeBaselines(data, splits[0].train, splits[0].test);
    },
    onEvent: (event) => {
      if (event.event === 'start') {
        const { event: _event, ...start } = event;
        send({ type: 'started', ...start, epochs: spec.training.epochs, dataName, baselines });
        if (event.batchCappedFrom !== undefined) void log(batchCapLine(event.batchCappedFrom, event.batchSize));
        void log(
          `data ${dataName}: ${event.trainRows} train / ${event.valRows} validation / ${event.testRows} test rows; backend ${event.backend}; ${event.params.toLocaleString('en-US')} parameters`,
        );
      } else if (event.event === 'batch') {
        batchesRun++;
        batches.add(event);
      } else if (event.event === 'epoch') {
        batches.flush();
        send({ type: 'epoch', epoch: event });
        void log(epochLine(event));
      }
    },
  });
  batches.flush();
  if (batchesAtCancel !== undefined)
    await log(`stop requested after batch ${batchesAtCancel}; the last batch run was ${batchesRun}`);
  await log(resultLine(result));
  await saveRun(
    request.runDir,
    {
      model,
      spec,
      dataset,
      result: {
        ...result,
        data: dataset.name,
        dataSource: request.data,
        specSource: request.specSource,
        date: new Date().toISOString(),
      },
      files: { 'log.txt': logLines.join('\n') + '\n', ...runDataFiles(request.data, dataset, spec) },
    },
    destination,
  );
  model.dispose();
  await sendLast({ type: 'result', result, runDir: request.runDir });
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
    const { message: text, detail } = describeError(error);
    await appendFile(join(message.request.runDir, 'log.txt'), `error: ${text}\n${detail ? detail + '\n' : ''}`).catch(
      () => undefined,
    );
    await sendLast({ type: 'error', message: text, detail });
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
