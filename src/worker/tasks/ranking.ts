/** The worker's ranking run: leave-one-out, validation HR@K and NDCG@K per epoch, ItemPop and random from the start. */
import { defaultFastStepper } from '../../core/engine/fast';
import { runDataFiles } from '../../core/predict/runFiles';
import { negativesFile, runRankingJob } from '../../core/ranking/job';
import type { RankingBaselines } from '../../core/ranking/events';
import { rankingEpochLine, rankingResultLine } from '../../core/ranking/lines';
import { TaskTrainer } from './task';

export const trainRankingTask: TaskTrainer = async ({
  request,
  spec,
  signal,
  send,
  log,
  onBatch,
  flushBatches,
  startedMessage,
}) => {
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
    onEvent: (event) => {
      if (event.event === 'start') {
        send({ ...startedMessage(event, dataName), ranking: baselines && { k, baselines } });
        void log(
          `data ${dataName}: ${event.trainRows} training interactions / ${event.valRows} validation / ${event.testRows} test users (leave-one-out); backend ${event.backend}; ${event.params.toLocaleString('en-US')} parameters`,
        );
      } else if (event.event === 'batch') onBatch(event);
      else {
        flushBatches();
        send({ type: 'rankingEpoch', epoch: event });
        void log(rankingEpochLine(event, k));
      }
    },
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
