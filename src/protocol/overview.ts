/** Messages between the extension host and the "Dataset overview" webview. */
import { z } from 'zod';
import type { DatasetOverview, LongTail } from '../core/data/describe';

export type HostToOverview =
  | { type: 'loading'; label: string }
  | { type: 'overview'; label: string; overview: DatasetOverview; tail: LongTail }
  | { type: 'error'; label: string; message: string };

export const OverviewToHost = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('pickData') }),
]);
export type OverviewToHost = z.infer<typeof OverviewToHost>;

export function parseOverviewMessage(raw: unknown): OverviewToHost | undefined {
  const parsed = OverviewToHost.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
