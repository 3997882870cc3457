/** What the worker hands a task's training (rating, ranking…), and what the task hands back to be saved and reported. */
import type * as tf from '@tensorflow/tfjs';
import type { BatchEvent, StartEvent } from '../../core/engine/events';
import type { Dataset } from '../../core/data/types';
import type { Spec } from '../../core/spec/schema';
import type { TrainRequest, WorkerToHost } from '../../protocol/worker';

export interface TaskContext {
  request: TrainRequest;
  /** The spec with the request's overrides applied. */
  spec: Spec;
  signal: AbortSignal;
  send: (message: WorkerToHost) => void;
  log: (line: string) => Promise<void>;
  /** Every batch event goes here (coalesced for the host, counted for the stop report). */
  onBatch: (event: BatchEvent) => void;
  /** Sends the buffered batches, before an epoch's or the result's message. */
  flushBatches: () => void;
  /** The `started` message's common part, from the training's start event. */
  startedMessage: (event: StartEvent, dataName: string) => Extract<WorkerToHost, { type: 'started' }>;
}

export interface Trained {
  model: tf.LayersModel;
  /** The spec trained, when the task changed the one it was given (a text preset grown to K classes). */
  spec?: Spec;
  dataset: Dataset;
  /** What metrics.json records of the run (the worker adds the data and the date). */
  result: Record<string, unknown>;
  /** Files of the run folder beyond the model, spec and metrics. */
  files: Record<string, string>;
  resultLine: string;
  /** The last message, sent once the run folder is written. */
  last: (runDir: string) => WorkerToHost;
}

export type TaskTrainer = (context: TaskContext) => Promise<Trained>;

/** A job's onEvent: batches go to the coalescer, and an epoch goes out after the batches buffered before it. */
export function routeEvents<E extends { event: 'epoch' }>(
  context: Pick<TaskContext, 'onBatch' | 'flushBatches'>,
  handlers: { start: (event: StartEvent) => void; epoch: (event: E) => void },
): (event: StartEvent | BatchEvent | E) => void {
  return (event) => {
    if (event.event === 'start') handlers.start(event as StartEvent);
    else if (event.event === 'batch') context.onBatch(event as BatchEvent);
    else {
      context.flushBatches();
      handlers.epoch(event as E);
    }
  };
}

/** The parameter count as the logs print it: "43,077 parameters". */
export const parametersText = (params: number) => `${params.toLocaleString('en-US')} parameters`;
