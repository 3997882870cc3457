/**
 * The messages between the builder webview and its host, shared by both ends so that a change to
 * a message breaks the build on both sides. The host checks every incoming message against
 * `BuilderRequest`: a webview's messages are untrusted input.
 */
import { z } from 'zod';
import { CODE_LANGUAGES } from '../core/codegen';
import type { DataFeature } from '../core/data/dataFeatures';
import { GraphEdit } from '../core/graph/edits';

export const BuilderRequest = z.discriminatedUnion('type', [
  /** The page has loaded and wants the document. */
  z.strictObject({ type: z.literal('ready') }),
  /** Apply an edit to the document; `requestId` comes back in the `editResult`. */
  z.strictObject({ type: z.literal('edit'), requestId: z.number().int(), edit: GraphEdit }),
  z.strictObject({ type: z.literal('openAsText') }),
  z.strictObject({ type: z.literal('train') }),
  z.strictObject({ type: z.literal('copyCode'), text: z.string().max(1_000_000) }),
  /** Export the code (the extension's "Export model code" command, for this file). */
  z.strictObject({ type: z.literal('exportCode') }),
  /** Show the generated code in a read-only editor beside the builder, following the graph. */
  z.strictObject({ type: z.literal('openCode'), language: z.enum(CODE_LANGUAGES) }),
]);
export type BuilderRequest = z.infer<typeof BuilderRequest>;

export type BuilderMessage =
  /** The document's full text: sent at start and after every change, from any source. */
  | { type: 'document'; text: string; fileName: string }
  /** The outcome of an `edit`; on success, the nodes to select (e.g. the one just added). */
  | { type: 'editResult'; requestId: number; ok: boolean; message?: string; select?: string[] }
  /** A short status line, e.g. "Copied". */
  | { type: 'notice'; message: string }
  /**
   * The data this spec would train on (the ncf.defaultDataset setting, else the data trained on
   * last, with the settings' feature files) and its features, for the palette; `problem` when it
   * could not be read. Absent: no data is known yet.
   */
  | { type: 'dataFeatures'; label: string; features: DataFeature[]; problem?: string };

/** The request, or undefined when it is not one the host understands (unknown type, extra field, wrong type). */
export function parseBuilderRequest(raw: unknown): BuilderRequest | undefined {
  const parsed = BuilderRequest.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
