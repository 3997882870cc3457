/** Turns whatever training threw into a one-line message for a person, and a stack for the log when it is a bug. */
import { DataError } from '../core/data/types';
import { BackendError } from '../core/engine/backend';
import { DataMismatchError } from '../core/engine/feed';
import { TrainingDivergedError } from '../core/engine/train';
import { UsageError } from '../core/job/resolveSpec';
import { SpecFileError } from '../core/spec';

const USER_ERRORS = [DataError, SpecFileError, UsageError, TrainingDivergedError, BackendError, DataMismatchError];

export function describeError(error: unknown): { message: string; detail?: string } {
  if (USER_ERRORS.some((kind) => error instanceof kind)) return { message: firstLine((error as Error).message) };
  if (error instanceof Error) return { message: `training failed: ${firstLine(error.message)}`, detail: error.stack };
  return { message: `training failed: ${String(error)}` };
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
