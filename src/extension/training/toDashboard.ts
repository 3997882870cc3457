/** Translates the worker's messages into the dashboard's (tagged with the run they belong to). */
import type { HostToDashboard } from '../../protocol/dashboard';
import type { WorkerToHost } from '../../protocol/worker';
import { engineText } from '../../core/engine/events';

export function toDashboard(runId: string, message: WorkerToHost): HostToDashboard | undefined {
  switch (message.type) {
    case 'started':
      return {
        type: 'started',
        runId,
        backend: message.backend,
        engine: engineText(message.engine, message.fallbackReason),
        params: message.params,
        epochs: message.epochs,
        trainRows: message.trainRows,
        dataName: message.dataName,
        baselines: message.baselines,
        ranking: message.ranking,
        classification: message.classification,
      };
    case 'batches':
      return {
        type: 'batches',
        runId,
        epoch: message.epoch,
        firstBatch: message.firstBatch,
        batches: message.batches,
        losses: message.losses,
      };
    case 'epoch':
      return { type: 'epoch', runId, epoch: message.epoch };
    case 'result':
      return { type: 'result', runId, result: message.result, runDir: message.runDir };
    case 'rankingEpoch':
      return { type: 'rankingEpoch', runId, epoch: message.epoch };
    case 'rankingResult':
      return { type: 'rankingResult', runId, result: message.result, runDir: message.runDir };
    case 'classificationEpoch':
      return { type: 'classificationEpoch', runId, epoch: message.epoch };
    case 'classificationResult':
      return { type: 'classificationResult', runId, result: message.result, runDir: message.runDir };
    case 'error':
      return { type: 'failed', runId, message: message.message };
    default:
      return undefined;
  }
}
