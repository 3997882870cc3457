/** What a classification run reports: per epoch the training and validation figures, at the end the test beside the majority class. */
import type { BatchEvent, RunFacts, StartEvent } from '../engine/events';
import type { ClassMetrics, Confusion } from './metrics';

export type { ClassMetrics, Confusion } from './metrics';

export interface ClassificationEpochEvent {
  event: 'epoch';
  task: 'classification';
  epoch: number;
  epochs: number;
  loss: number;
  train: ClassMetrics;
  val: ClassMetrics | null;
  seconds: number;
  examplesPerSec: number;
}

export type TestMetrics = ClassMetrics & { confusion: Confusion };

export interface ClassificationResult extends RunFacts {
  event: 'result';
  task: 'classification';
  /** The label values; classes[1] is the positive one. */
  classes: string[];
  /** The tokenizer's vocabulary size (padding and OOV included) and sequence length. */
  vocabulary: { size: number; length: number };
  train: ClassMetrics;
  val: ClassMetrics | null;
  test: TestMetrics;
  baselines: { majority: TestMetrics };
  history: ClassificationEpochEvent[];
}

export type ClassificationEvent = StartEvent | BatchEvent | ClassificationEpochEvent;
