/** The worker's text classification run: a labelled text file, accuracy, AUC and log loss per epoch, the majority class beside the test. */
import { runClassificationJob } from '../../core/classification/job';
import { classificationEpochLine, classificationResultLine } from '../../core/classification/lines';
import { runTextFiles, textRunDataset } from '../../core/classification/runFiles';
import { defaultFastStepper } from '../../core/engine/fast';
import { batchCapLine } from '../../core/engine/train';
import { isTextSource } from '../../core/data/load';
import { UsageError } from '../../core/job/resolveSpec';
import { TaskTrainer } from './task';

export const trainClassificationTask: TaskTrainer = async ({
  request,
  spec: given,
  signal,
  send,
  log,
  onBatch,
  flushBatches,
  startedMessage,
}) => {
  if (!isTextSource(request.data))
    throw new UsageError(
      `'${given.name}' is a text classifier: it trains on a labelled text file (TSV or CSV), not ${request.data}`,
    );
  const spec = { ...given, training: { ...given.training, task: 'classification' as const } };
  let dataName = request.data;
  let classes: string[] = [];
  const job = await runClassificationJob({
    spec,
    presetName: request.presetName,
    data: request.data,
    split: request.split,
    backend: request.backend,
    engine: request.engine ?? 'fast',
    fastStepper: defaultFastStepper,
    signal,
    onData: (data, splits) => {
      dataName = data.name;
      classes = data.classes;
      const skipped = data.skipped.length ? `; ${data.skipped.length} rows without text left out` : '';
      void log(
        `data ${data.name}: ${data.texts.length} texts, text column '${data.columns.text}', label column '${data.columns.label}' (${data.classes.join(', ')})${skipped}; ${splits.length} split(s)`,
      );
    },
    onEvent: (event, fold) => {
      const prefix = fold.count > 1 ? `[${fold.name} ${fold.index + 1}/${fold.count}] ` : '';
      if (event.event === 'start') {
        send({ ...startedMessage(event, dataName), classification: { classes } });
        if (event.batchCappedFrom !== undefined) void log(batchCapLine(event.batchCappedFrom, event.batchSize));
        void log(
          `${prefix}${event.trainRows} train / ${event.valRows} validation / ${event.testRows} test texts; backend ${event.backend}, engine ${event.engine}${event.fallbackReason ? ` (${event.fallbackReason})` : ''}; ${event.params.toLocaleString('en-US')} parameters`,
        );
      } else if (event.event === 'batch') onBatch(event);
      else {
        flushBatches();
        send({ type: 'classificationEpoch', epoch: event });
        void log(prefix + classificationEpochLine(event));
      }
    },
  });
  const { result, run, data } = job;
  return {
    model: run.model,
    spec: job.spec,
    dataset: textRunDataset(data, run.tokenizer),
    result: { ...result },
    files: runTextFiles(request.data, data, run),
    resultLine: classificationResultLine(result),
    last: (runDir) => ({ type: 'classificationResult', result, runDir }),
  };
};
