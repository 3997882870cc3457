/**
 * The `fast` engine (the default): our own training step in WebAssembly (see fast/stepper.ts).
 * Specs it cannot train — token sequences, pooling, dropout above 0, the RMSprop and Adagrad
 * optimisers (see fast/nodes/compile.ts) — fall back to plain LayersModel.fit.
 */
import * as tf from '@tensorflow/tfjs';
import { checkSpec } from '../../spec/check';
import { Spec } from '../../spec/schema';
import { unsupportedReason } from './nodes/compile';
import { FastStepper } from './stepper';
import { EpochStepper, LayersStepper } from '../stepper';

/** Why the fast engine would fall back to LayersModel.fit for this spec, or null when it trains it itself. */
export function fastEngineFallback(spec: Spec): string | null {
  const check = checkSpec(spec);
  return check.ok ? unsupportedReason(check.checked) : 'the spec does not check';
}

/** The stepper of the `fast` engine for this model: ours when the spec allows, else LayersModel.fit. */
export function defaultFastStepper(model: tf.LayersModel, spec: Spec): EpochStepper {
  const check = checkSpec(spec);
  if (!check.ok || unsupportedReason(check.checked)) return new LayersStepper(model);
  return new FastStepper(model, check.checked, spec.training.batchSize);
}
