/**
 * The `fast` engine (the default): our own training step in WebAssembly (see stepper.ts).
 * Specs it cannot train — each op says what it does not train (src/core/ops/<op>/engine.ts), and
 * the RMSprop and Adagrad optimisers — fall back to plain LayersModel.fit, with the reason.
 */
import * as tf from '@tensorflow/tfjs';
import { checkSpec } from '../../spec/check';
import { Spec } from '../../spec/schema';
import { EpochStepper, LayersStepper } from '../stepper';
import { ModelSizes, fallbackSentence, unsupportedReason } from './nodes/compile';
import { TableAdam } from './optimizers';
import { FastStepper } from './stepper';
import { ParallelMode } from './dataParallel';
import { defaultParallel, defaultThreads } from './threads';

export type { ModelSizes } from './nodes/compile';

/** Why the fast engine would fall back to LayersModel.fit for this spec ("the fast engine does not train dropout"), or null when it trains it itself. */
export function fastEngineFallback(spec: Spec): string | null {
  const check = checkSpec(spec);
  if (!check.ok) return 'the spec does not check';
  const reason = unsupportedReason(check.checked);
  return reason ? fallbackSentence(reason) : null;
}

/**
 * A maker of the `fast` engine's stepper whose Adam treats tables as `tableAdam` says (see
 * optimizers.ts), on `threads` threads (by default NCF_THREADS, else every core) sharing each step as
 * `parallel` says (by default NCF_PARALLEL, else each large product split by rows).
 */
export function fastStepperWith(tableAdam: TableAdam, threads?: number, parallel?: ParallelMode) {
  return (model: tf.LayersModel, spec: Spec, sizes: ModelSizes): EpochStepper => {
    const check = checkSpec(spec, sizes.vocabulary);
    if (!check.ok) return new LayersStepper(model, 'the spec does not check');
    const reason = unsupportedReason(check.checked);
    if (reason) return new LayersStepper(model, fallbackSentence(reason));
    return new FastStepper(
      model,
      check.checked,
      sizes,
      spec.training.batchSize,
      tableAdam,
      threads ?? defaultThreads(),
      parallel ?? defaultParallel(),
    );
  };
}

/** The stepper of the `fast` engine for this model: ours when the spec allows, else LayersModel.fit carrying the reason. */
export const defaultFastStepper = fastStepperWith('lazy');
