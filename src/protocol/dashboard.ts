/**
 * Messages between the extension host and the dashboard webview (training dashboard and run history).
 * Host → webview messages are typed only; webview → host messages are untrusted and are parsed with
 * `parseDashboardMessage` before the host acts on them.
 */
import { z } from 'zod';
import type { Baselines, EpochEvent, Metrics, TrainResult } from '../core/engine/events';
import type { ClassificationEpochEvent } from '../core/classification/events';
import type { ClassificationJobResult } from '../core/classification/job';
import type { TextPrediction } from '../core/classification/predict';
import type { RankingBaselines, RankingEpochEvent, RankingResult } from '../core/ranking/events';
import type { SearchSummary } from './tuneView';

/** What the dashboard shows of a ranking run in place of the rating figures. */
export interface RankingSnapshot {
  k: number;
  history: RankingEpochEvent[];
  baselines?: RankingBaselines;
  result?: RankingResult;
}

/** What the dashboard shows of a text classifier in place of the rating figures. */
export interface ClassificationSnapshot {
  classes: string[];
  history: ClassificationEpochEvent[];
  result?: ClassificationJobResult['result'];
}

/** A sentence scored by a finished text classifier, or why it could not be. */
export type TextScore = { ok: true; prediction: TextPrediction; classes: string[] } | { ok: false; message: string };

export type RunStatus = 'starting' | 'training' | 'finished' | 'cancelled' | 'failed';

/** Everything the dashboard shows of one run; the host keeps one per live run and sends it whole when a view (re)opens. */
export interface RunSnapshot {
  runId: string;
  specName: string;
  dataName: string;
  status: RunStatus;
  backend?: string;
  engine?: string;
  params?: number;
  epochs?: number;
  trainRows?: number;
  /** Loss of every batch so far, across epochs. */
  losses: number[];
  batchesPerEpoch?: number;
  history: EpochEvent[];
  baselines?: Baselines;
  result?: TrainResult;
  /** Present for a ranking run (its history, baselines and result are kept here, not above). */
  ranking?: RankingSnapshot;
  /** Present for a text classifier (its history and result are kept here, not above). */
  classification?: ClassificationSnapshot;
  error?: string;
  runDir?: string;
}

/** The key settings of a saved run's architecture and training, for the history's columns and comparisons. */
export interface RunSettings {
  params?: number;
  /** The distinct embedding sizes, smallest first. */
  dims: number[];
  /** The distinct L2 weights λ of the embeddings. */
  l2: number[];
  optimizer?: string;
  learningRate?: number;
  batchSize?: number;
  split?: string;
}

/** One row of the history table: what a saved run folder says about itself. */
export interface RunSummary {
  id: string;
  specName: string;
  dataName: string;
  /** ISO date the run was written. */
  date: string;
  test?: Metrics;
  val?: Metrics | null;
  /** A ranking run's test HR@K and NDCG@K (sampled protocol), in place of `test`. */
  ranking?: { k: number; hr: number; ndcg: number };
  /** A text classifier's test accuracy and AUC (over folds: their means), in place of `test`. */
  classification?: { accuracy: number; auc: number; classes: number };
  epochs?: number;
  backend?: string;
  cancelled?: boolean;
  settings: RunSettings;
}

/** A run as the history compares it: its curves beside what it is and how it scored. */
export interface RunCurves {
  id: string;
  label: string;
  specName: string;
  dataName: string;
  test?: Metrics;
  bestEpoch?: number;
  settings: RunSettings;
  history: EpochEvent[];
}

/** How many runs one comparison draws (each keeps a colour of its own). */
export const MAX_COMPARED_RUNS = 6;

export type HostToDashboard =
  | { type: 'snapshot'; run: RunSnapshot }
  | {
      type: 'started';
      runId: string;
      backend: string;
      engine: string;
      params: number;
      epochs: number;
      trainRows: number;
      dataName: string;
      baselines?: Baselines;
      ranking?: { k: number; baselines: RankingBaselines };
      classification?: { classes: string[] };
    }
  | { type: 'batches'; runId: string; epoch: number; firstBatch: number; batches: number; losses: number[] }
  | { type: 'epoch'; runId: string; epoch: EpochEvent }
  | { type: 'result'; runId: string; result: TrainResult; runDir: string }
  | { type: 'rankingEpoch'; runId: string; epoch: RankingEpochEvent }
  | { type: 'rankingResult'; runId: string; result: RankingResult; runDir: string }
  | { type: 'classificationEpoch'; runId: string; epoch: ClassificationEpochEvent }
  | { type: 'classificationResult'; runId: string; result: ClassificationJobResult['result']; runDir: string }
  /** The answer to a `scoreText` request. */
  | { type: 'textScore'; runId: string; text: string; score: TextScore }
  | { type: 'failed'; runId: string; message: string }
  | { type: 'history'; runs: RunSummary[]; folder: string; searches?: SearchSummary[] }
  | { type: 'compare'; runs: RunCurves[] };

const runId = z.string().min(1).max(200);

/** Every message a webview may send; anything else (unknown type, extra field, wrong type) is dropped. */
export const DashboardToHost = z.discriminatedUnion('type', [
  /** The webview (re)loaded; `runId` is the run it restored from its saved state, if any. */
  z.strictObject({ type: z.literal('ready'), view: z.enum(['dashboard', 'history']), runId: runId.optional() }),
  z.strictObject({ type: z.literal('stop'), runId }),
  z.strictObject({ type: z.literal('revealRun'), runId }),
  z.strictObject({ type: z.literal('refreshHistory') }),
  z.strictObject({ type: z.literal('compare'), runIds: z.array(runId).min(1).max(MAX_COMPARED_RUNS) }),
  /** Open "Recommend for a user" on a saved run. */
  z.strictObject({ type: z.literal('recommend'), runId }),
  /** Score a sentence with a finished text classifier. */
  z.strictObject({ type: z.literal('scoreText'), runId, text: z.string().min(1).max(5000) }),
]);
export type DashboardToHost = z.infer<typeof DashboardToHost>;

/** The message, or undefined when it is not one the host understands. */
export function parseDashboardMessage(raw: unknown): DashboardToHost | undefined {
  const parsed = DashboardToHost.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
