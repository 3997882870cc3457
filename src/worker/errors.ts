/** Turns whatever training threw into a one-line message for a person, and a stack for the log when it is a bug. */
import { isUserError } from '../core/userErrors';

export function describeError(error: unknown): { message: string; detail?: string } {
  if (isUserError(error)) return { message: firstLine(error.message) };
  if (error instanceof Error) return { message: `training failed: ${firstLine(error.message)}`, detail: error.stack };
  return { message: `training failed: ${String(error)}` };
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
