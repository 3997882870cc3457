/**
 * Messages between the extension host and the "Recommend for a user" webview. Host → webview
 * messages are typed only; webview → host messages are untrusted and parsed with `parseRecommendMessage`.
 */
import { z } from 'zod';
import type { RatedItem, ScoredItem } from '../core/predict/recommend';

export interface UserEntry {
  id: string;
  /** Ratings of this user in the run's data (absent when the data is not at hand). */
  ratings?: number;
  /** What the data says of the user, e.g. "F, 24 ratings". */
  profile?: string;
}

export interface ItemEntry {
  id: string;
  title?: string;
}

/** The run the view answers for, sent once when the page is ready. */
export interface RunInfo {
  runDir: string;
  runName: string;
  specName: string;
  dataName: string;
  task: 'rating' | 'ranking';
  ratingRange: [number, number];
  users: UserEntry[];
  items: ItemEntry[];
  /** What the view cannot do (the data files are gone: no titles, no seen-item filter). */
  notice?: string;
}

export type HostToRecommend =
  | { type: 'run'; run: RunInfo; user?: string }
  | {
      type: 'recommendations';
      user: string;
      k: number;
      items: ScoredItem[];
      liked: RatedItem[];
      seenFiltered: boolean;
      millis: number;
    }
  | { type: 'prediction'; user: string; item: ScoredItem }
  | { type: 'error'; message: string };

const id = z.string().min(1).max(200);

export const RecommendToHost = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('recommend'), user: id, k: z.number().int().min(1).max(1000) }),
  z.strictObject({ type: z.literal('predict'), user: id, item: id }),
]);
export type RecommendToHost = z.infer<typeof RecommendToHost>;

export function parseRecommendMessage(raw: unknown): RecommendToHost | undefined {
  const parsed = RecommendToHost.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
