/** The worker's ranking run: leave-one-out, validation HR@K and NDCG@K per epoch, ItemPop and random from the start. */
import { defaultFastStepper } from '../../core/engine/fast';
import { runDataFiles } from '../../core/predict/runFiles';
import { negativesFile, runRankingJob } from '../../core/ranking/job';
import type { RankingBaselines, RankingEpochEvent } from '../../core/ranking/events';
import { rankingEpochLine, rankingResultLine } from '../../core/ranking/lines';
import { parametersText, routeEvents, TaskTrainer } from './task';

export const trainRankingTask: TaskTrainer = async (context) => {
  const { request, signal, send, log, startedMessage } = context;
  const spec = context.spec;
  const k = spec.training.topK;
  let baselines: RankingBaselines | undefined;
  let dataName = request.data;
  if (request.split !== 'loo')
    await log(`the ranking task splits leave-one-out by time: split ${request.split} is not used`);
  const run = await runRankingJob({
    spec,
    presetName: request.presetName,
    data: request.data,
    backend: request.backend,
    engine: request.engine ?? 'fast',
    fastStepper: defaultFastStepper,
    signal,
    onData: (data) => (dataName = data.name),
    onBaselines: (b) => (baselines = b),
    onEvent: routeEvents<RankingEpochEvent>(context, {
      start: (start) => {
        send({ ...startedMessage(start, dataName), ranking: baselines && { k, baselines } });
        void log(
          `data ${dataName}: ${start.trainRows} training interactions / ${start.valRows} validation / ${start.testRows} test users (leave-one-out); backend ${start.backend}; ${parametersText(start.params)}`,
        );
      },
      epoch: (epoch) => {
        send({ type: 'rankingEpoch', epoch });
        void log(rankingEpochLine(epoch, k));
      },
    }),
  });
  const { result, model, dataset } = run;
  return {
    model,
    dataset,
    result: { ...result },
    files: { ...runDataFiles(request.data, dataset, spec), 'negatives.json': negativesFile(run, dataset) },
    resultLine: rankingResultLine(result),
    last: (runDir) => ({ type: 'rankingResult', result, runDir }),
  };
};
