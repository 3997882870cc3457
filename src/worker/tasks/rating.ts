/** The worker's rating run: the split the request names, RMSE and MAE, the rating baselines from the first epoch. */
import { computeBaselines } from '../../core/engine/baselines';
import type { Baselines } from '../../core/engine/events';
import { defaultFastStepper } from '../../core/engine/fast';
import { batchCapLine } from '../../core/engine/train';
import { runJob } from '../../core/job/runJob';
import { runDataFiles } from '../../core/predict/runFiles';
import { epochLine, resultLine } from '../format';
import { TaskTrainer } from './task';

export const trainRating: TaskTrainer = async ({
  request,
  spec,
  signal,
  send,
  log,
  onBatch,
  flushBatches,
  startedMessage,
}) => {
  let baselines: Baselines | undefined;
  let dataName = request.data;
  const { result, model, dataset } = await runJob({
    spec,
    presetName: request.presetName,
    data: request.data,
    load: request.features,
    split: request.split,
    backend: request.backend,
    engine: request.engine ?? 'fast',
    fastStepper: defaultFastStepper,
    signal,
    onData: (data, splits) => {
      dataName = data.name;
      // The baselines are cheap: computing them now lets the dashboard draw them from the first epoch.
      if (splits[0]) baselines = computeBaselines(data, splits[0].train, splits[0].test);
    },
    onEvent: (event) => {
      if (event.event === 'start') {
        send({ ...startedMessage(event, dataName), baselines });
        if (event.batchCappedFrom !== undefined) void log(batchCapLine(event.batchCappedFrom, event.batchSize));
        void log(
          `data ${dataName}: ${event.trainRows} train / ${event.valRows} validation / ${event.testRows} test rows; backend ${event.backend}; ${event.params.toLocaleString('en-US')} parameters`,
        );
      } else if (event.event === 'batch') onBatch(event);
      else if (event.event === 'epoch') {
        flushBatches();
        send({ type: 'epoch', epoch: event });
        void log(epochLine(event));
      }
    },
  });
  return {
    model,
    dataset,
    result: { ...result },
    files: runDataFiles(request.data, dataset, spec),
    resultLine: resultLine(result),
    last: (runDir) => ({ type: 'result', result, runDir }),
  };
};
