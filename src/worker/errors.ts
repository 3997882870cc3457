/** Turns whatever training threw into a one-line message for a person, and a stack for the log when it is a bug. */
import { SpecFileError } from '../core/spec/parse';
import type { Spec } from '../core/spec/schema';
import { isUserError } from '../core/userErrors';
import type { MissingFeature } from '../protocol/worker';

/** The spec reads a feature the loaded data lacks: the checker's issue, and which feature of whom. */
export class MissingFeatureError extends Error {
  constructor(
    message: string,
    readonly missing: MissingFeature,
  ) {
    super(message);
  }

  /** The error again when it is the data's checker saying a feature input's feature is not in the data. */
  static from(error: unknown, spec: Spec): MissingFeatureError | undefined {
    if (!(error instanceof SpecFileError)) return undefined;
    for (const issue of error.issues) {
      if (issue.field !== 'feature') continue;
      const node = spec.nodes.find((n) => n.id === issue.nodeId);
      if (node?.op !== 'input' || !node.feature || (node.field !== 'userFeature' && node.field !== 'itemFeature'))
        continue;
      const side = node.field === 'userFeature' ? 'user' : 'item';
      return new MissingFeatureError(error.message, { node: node.id, feature: node.feature, side });
    }
    return undefined;
  }
}

export function describeError(error: unknown): { message: string; detail?: string; missingFeature?: MissingFeature } {
  if (error instanceof MissingFeatureError) return { message: firstLine(error.message), missingFeature: error.missing };
  if (isUserError(error)) return { message: firstLine(error.message) };
  if (error instanceof Error) return { message: `training failed: ${firstLine(error.message)}`, detail: error.stack };
  return { message: `training failed: ${String(error)}` };
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
