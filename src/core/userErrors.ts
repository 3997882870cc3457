/**
 * The errors that are a user's mistake or the limits of the machine (bad data, a bad spec, a
 * destination that cannot take the run, a model too big): reported in one line, never with a
 * stack trace. Anything else is a bug in NCF Studio. The CLI and the worker both ask here.
 */
import { DataError } from './data/types';
import { BackendError } from './engine/backend';
import { ModelTooLargeError } from './engine/fast/wasm/runtime';
import { DataMismatchError } from './engine/feed';
import { TrainingDivergedError } from './engine/train';
import { UsageError } from './job/resolveSpec';
import { DestinationError } from './run/destination';
import { SpecFileError } from './spec/parse';

const USER_ERRORS = [
  DataError,
  SpecFileError,
  UsageError,
  TrainingDivergedError,
  BackendError,
  DataMismatchError,
  DestinationError,
  ModelTooLargeError,
];

export function isUserError(e: unknown): e is Error {
  return USER_ERRORS.some((kind) => e instanceof kind);
}
