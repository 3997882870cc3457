/**
 * How a dashboard message changes what is shown of a run. The host and the webview apply the same
 * function, so the host's copy (sent whole when a view reopens) and the webview's never drift apart.
 */
import type { HostToDashboard, RunSnapshot } from './dashboard';

export function emptySnapshot(runId: string, specName: string, dataName: string): RunSnapshot {
  return { runId, specName, dataName, status: 'starting', losses: [], history: [] };
}

/** Returns the snapshot after `message` (the same object when the message is for another run). */
export function applyMessage(run: RunSnapshot, message: HostToDashboard): RunSnapshot {
  if (message.type === 'snapshot') return message.run;
  if (!('runId' in message) || message.runId !== run.runId) return run;
  switch (message.type) {
    case 'started':
      return {
        ...run,
        status: 'training',
        backend: message.backend,
        engine: message.engine,
        params: message.params,
        epochs: message.epochs,
        trainRows: message.trainRows,
        dataName: message.dataName,
        baselines: message.baselines ?? run.baselines,
        ...(message.ranking
          ? { ranking: { history: [], ...run.ranking, k: message.ranking.k, baselines: message.ranking.baselines } }
          : {}),
        ...(message.classification
          ? { classification: { history: [], ...run.classification, classes: message.classification.classes } }
          : {}),
      };
    case 'batches': {
      // Place the losses by their position so a repeated or late message cannot shift the curve.
      const start = (message.epoch - 1) * message.batches + message.firstBatch;
      const losses = run.losses.slice(0, start);
      while (losses.length < start) losses.push(NaN);
      losses.push(...message.losses);
      return { ...run, status: 'training', losses, batchesPerEpoch: message.batches };
    }
    case 'epoch':
      return { ...run, history: [...run.history.filter((e) => e.epoch < message.epoch.epoch), message.epoch] };
    case 'result':
      return {
        ...run,
        status: message.result.cancelled ? 'cancelled' : 'finished',
        result: message.result,
        baselines: message.result.baselines,
        history: message.result.history,
        runDir: message.runDir,
      };
    case 'rankingEpoch': {
      const ranking = run.ranking ?? { k: message.epoch.val?.k ?? 10, history: [] };
      const history = [...ranking.history.filter((e) => e.epoch < message.epoch.epoch), message.epoch];
      return { ...run, ranking: { ...ranking, history } };
    }
    case 'rankingResult':
      return {
        ...run,
        status: message.result.cancelled ? 'cancelled' : 'finished',
        ranking: {
          k: message.result.test.k,
          history: message.result.history,
          baselines: message.result.baselines,
          result: message.result,
        },
        runDir: message.runDir,
      };
    case 'classificationEpoch': {
      const classification = run.classification ?? { classes: [], history: [] };
      const history = [...classification.history.filter((e) => e.epoch < message.epoch.epoch), message.epoch];
      return { ...run, classification: { ...classification, history } };
    }
    case 'classificationResult':
      return {
        ...run,
        status: message.result.cancelled ? 'cancelled' : 'finished',
        classification: { classes: message.result.classes, history: message.result.history, result: message.result },
        runDir: message.runDir,
      };
    case 'textScore':
      return run;
    case 'failed':
      return { ...run, status: 'failed', error: message.message };
  }
}
