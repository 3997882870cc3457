/** The worker's rating run: the split the request names, RMSE and MAE, the rating baselines from the first epoch. */
import { computeBaselines } from '../../core/engine/baselines';
import type { Baselines, EpochEvent } from '../../core/engine/events';
import { defaultFastStepper } from '../../core/engine/fast';
import { batchCapLine } from '../../core/engine/train';
import { runJob } from '../../core/job/runJob';
import { runDataFiles } from '../../core/predict/runFiles';
import { epochLine, resultLine } from '../format';
import { parametersText, routeEvents, TaskTrainer } from './task';

export const trainRating: TaskTrainer = async (context) => {
  const { request, signal, send, log, startedMessage } = context;
  const spec = context.spec;
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
    onEvent: routeEvents<EpochEvent>(context, {
      start: (start) => {
        send({ ...startedMessage(start, dataName), baselines });
        if (start.batchCappedFrom !== undefined) void log(batchCapLine(start.batchCappedFrom, start.batchSize));
        void log(
          `data ${dataName}: ${start.trainRows} train / ${start.valRows} validation / ${start.testRows} test rows; backend ${start.backend}; ${parametersText(start.params)}`,
        );
      },
      epoch: (epoch) => {
        send({ type: 'epoch', epoch });
        void log(epochLine(epoch));
      },
    }),
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
