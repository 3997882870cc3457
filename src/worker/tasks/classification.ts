/** The worker's text classification run: a labelled text file, accuracy, AUC and log loss per epoch, the majority class beside the test. */
import { engineText } from '../../core/engine/events';
import { runClassificationJob } from '../../core/classification/job';
import type { ClassificationEpochEvent } from '../../core/classification/events';
import { classificationEpochLine, classificationResultLine } from '../../core/classification/lines';
import { runTextFiles, textRunDataset } from '../../core/classification/runFiles';
import { defaultFastStepper } from '../../core/engine/fast';
import { batchCapLine } from '../../core/engine/train';
import { isTextSource } from '../../core/data/load';
import { UsageError } from '../../core/job/resolveSpec';
import { parametersText, routeEvents, TaskTrainer } from './task';

export const trainClassificationTask: TaskTrainer = async (context) => {
  const { request, signal, send, log, startedMessage } = context;
  const given = context.spec;
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
      routeEvents<ClassificationEpochEvent>(context, {
        start: (start) => {
          send({ ...startedMessage(start, dataName), classification: { classes } });
          if (start.batchCappedFrom !== undefined) void log(batchCapLine(start.batchCappedFrom, start.batchSize));
          void log(
            `${prefix}${start.trainRows} train / ${start.valRows} validation / ${start.testRows} test texts; backend ${start.backend}, engine ${engineText(start.engine, start.fallbackReason)}; ${parametersText(start.params)}`,
          );
        },
        epoch: (epoch) => {
          send({ type: 'classificationEpoch', epoch });
          void log(prefix + classificationEpochLine(epoch));
        },
      })(event);
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
