/**
 * Reads the runs folder: one summary per run folder that has a metrics.json, newest first, and
 * the per-epoch curves of the runs to compare. Folders it cannot read are skipped, not fatal:
 * the folder is the user's, and a half-deleted run must not hide the others.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { EpochEvent } from '../../core/engine/events';
import type { TrainResult } from '../../core/engine/events';
import type { RankingBaselines, RankingEpochEvent, RankingResult } from '../../core/ranking/events';
import type { ClassificationEpochEvent } from '../../core/classification/events';
import type { ClassificationJobResult } from '../../core/classification/job';
import type {
  ClassificationSnapshot,
  RankingSnapshot,
  RunCurves,
  RunSnapshot,
  RunSummary,
} from '../../protocol/dashboard';
import { readRunSettings } from './runSettings';

const MetricsShape = z.object({ rmse: z.number(), mae: z.number() });
const EpochShape = z.looseObject({
  epoch: z.number(),
  loss: z.number(),
  train: MetricsShape,
  val: MetricsShape.nullable(),
  seconds: z.number(),
  examplesPerSec: z.number(),
});
/** Only what the history shows; anything else in metrics.json is ignored. */
const SavedRun = z.looseObject({
  spec: z.string().optional(),
  data: z.string().optional(),
  dataSource: z.string().optional(),
  date: z.string().optional(),
  backend: z.string().optional(),
  epochs: z.number().optional(),
  cancelled: z.boolean().optional(),
  /** 'training' until the run is saved: a run still going, or one whose worker died. */
  status: z.string().optional(),
  test: MetricsShape.optional(),
  val: MetricsShape.nullable().optional(),
  history: z.array(EpochShape).optional(),
  // What the dashboard shows of a finished run, besides the above.
  engine: z.string().optional(),
  fallbackReason: z.string().optional(),
  params: z.number().optional(),
  split: z.string().optional(),
  train: MetricsShape.optional(),
  baselines: z.looseObject({ globalMean: MetricsShape, userItemBias: MetricsShape }).optional(),
  bestEpoch: z.number().optional(),
  stoppedEarly: z.boolean().optional(),
  seconds: z.number().optional(),
  examplesPerSec: z.number().optional(),
});
type SavedRun = z.infer<typeof SavedRun>;

/** A ranking run's metrics.json: its test figures are HR@K and NDCG@K, its epochs carry no training metrics. */
const TopKShape = z.looseObject({ k: z.number(), hr: z.number(), ndcg: z.number() });
const SavedRankingRun = SavedRun.extend({
  task: z.literal('ranking'),
  test: TopKShape.optional(),
  val: TopKShape.nullable().optional(),
  history: z.array(z.looseObject({ epoch: z.number(), val: TopKShape.nullable() })).optional(),
  baselines: z.looseObject({ itemPop: TopKShape, random: TopKShape }).optional(),
});
type SavedRankingRun = z.infer<typeof SavedRankingRun>;

/** A text classifier's metrics.json: accuracy, AUC… in place of RMSE and MAE. */
const ClassShape = z.looseObject({ accuracy: z.number(), auc: z.number(), loss: z.number() });
const SavedClassificationRun = SavedRun.extend({
  task: z.literal('classification'),
  classes: z.array(z.string()),
  test: ClassShape.optional(),
  val: ClassShape.nullable().optional(),
  train: ClassShape.optional(),
  history: z.array(z.looseObject({ epoch: z.number(), train: ClassShape, val: ClassShape.nullable() })).optional(),
  baselines: z.looseObject({ majority: ClassShape }).optional(),
});
type SavedClassificationRun = z.infer<typeof SavedClassificationRun>;
type AnySavedRun = SavedRun | SavedRankingRun | SavedClassificationRun;

const SCHEMA_OF_TASK = { ranking: SavedRankingRun, classification: SavedClassificationRun } as const;

async function readSaved(dir: string): Promise<AnySavedRun | undefined> {
  try {
    const raw: unknown = JSON.parse(await readFile(join(dir, 'metrics.json'), 'utf8'));
    const task = (raw as { task?: unknown } | null)?.task;
    const schema = task === 'ranking' || task === 'classification' ? SCHEMA_OF_TASK[task] : SavedRun;
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const isRankingRun = (saved: AnySavedRun): saved is SavedRankingRun => (saved as { task?: unknown }).task === 'ranking';
const isClassificationRun = (saved: AnySavedRun): saved is SavedClassificationRun =>
  (saved as { task?: unknown }).task === 'classification';

/** The figures of a run's row in the history, in its task's terms. */
function summaryFigures(saved: AnySavedRun): Pick<RunSummary, 'test' | 'val' | 'ranking' | 'classification'> {
  if (isRankingRun(saved))
    return { ranking: saved.test && { k: saved.test.k, hr: saved.test.hr, ndcg: saved.test.ndcg } };
  if (isClassificationRun(saved))
    return {
      classification: saved.test && {
        accuracy: saved.test.accuracy,
        auc: saved.test.auc,
        classes: saved.classes.length,
      },
    };
  return { test: saved.test, val: saved.val };
}

export async function listRuns(runsFolder: string): Promise<RunSummary[]> {
  let names: string[];
  try {
    names = (await readdir(runsFolder, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name);
  } catch {
    return [];
  }
  const runs = await Promise.all(
    names.map(async (id): Promise<RunSummary | undefined> => {
      const dir = join(runsFolder, id);
      const saved = await readSaved(dir);
      if (!saved || saved.status === 'training') return undefined;
      const date = saved.date ?? (await stat(join(dir, 'metrics.json'))).mtime.toISOString();
      return {
        id,
        specName: saved.spec ?? id,
        dataName: await dataNameOf(dir, saved),
        date,
        ...summaryFigures(saved),
        epochs: saved.epochs,
        backend: saved.backend,
        cancelled: saved.cancelled,
        settings: await readRunSettings(dir, saved),
      };
    }),
  );
  return runs.filter((r): r is RunSummary => r !== undefined).sort((a, b) => b.date.localeCompare(a.date));
}

const DataFile = z.looseObject({ name: z.string() });

/** The data's name: the run's metrics say it when the extension trained it; `ncf train` writes it to data.json. */
async function dataNameOf(dir: string, saved: AnySavedRun): Promise<string> {
  if (saved.data) return saved.data;
  const file = await readFile(join(dir, 'data.json'), 'utf8')
    .then((text) => DataFile.safeParse(JSON.parse(text)).data)
    .catch(() => undefined);
  return file?.name ?? saved.dataSource ?? '?';
}

/** A run id is a folder name inside the runs folder, never a path: the ids come from a webview. */
export function isRunId(id: string): boolean {
  return /^[^/\\]+$/.test(id) && id !== '.' && id !== '..';
}

export async function readRunCurves(runsFolder: string, id: string): Promise<RunCurves | undefined> {
  if (!isRunId(id)) return undefined;
  const dir = join(runsFolder, id);
  const saved = await readSaved(dir);
  if (!saved?.history || isRankingRun(saved) || isClassificationRun(saved)) return undefined;
  const specName = saved.spec ?? id;
  return {
    id,
    label: `${specName} (${id})`,
    specName,
    dataName: await dataNameOf(dir, saved),
    test: saved.test,
    bestEpoch: saved.bestEpoch,
    settings: await readRunSettings(dir, saved),
    history: saved.history as unknown as EpochEvent[],
  };
}

/** What the dashboard shows of a saved run, rebuilt from its folder (no per-batch losses: those are not saved). */
export async function readRunSnapshot(runsFolder: string, id: string): Promise<RunSnapshot | undefined> {
  if (!isRunId(id)) return undefined;
  const runDir = join(runsFolder, id);
  const saved = await readSaved(runDir);
  if (!saved) return undefined;
  const common = {
    runId: id,
    specName: saved.spec ?? id,
    dataName: await dataNameOf(runDir, saved),
    status: saved.cancelled ? ('cancelled' as const) : ('finished' as const),
    backend: saved.backend,
    // As a live run's dashboard says it: the engine, and why it fell back when it did.
    engine: saved.engine && (saved.fallbackReason ? `${saved.engine} (${saved.fallbackReason})` : saved.engine),
    params: saved.params,
    epochs: saved.epochs,
    losses: [],
    runDir,
  };
  if (isRankingRun(saved)) {
    const complete = saved.test && saved.baselines && saved.epochs !== undefined;
    const result = complete
      ? ({ ...saved, event: 'result', spec: saved.spec ?? id } as unknown as RankingResult)
      : undefined;
    const ranking: RankingSnapshot = {
      k: saved.test?.k ?? 10,
      history: (saved.history ?? []) as unknown as RankingEpochEvent[],
      baselines: saved.baselines as RankingBaselines | undefined,
      result,
    };
    return { ...common, history: [], ranking };
  }
  if (isClassificationRun(saved)) {
    const complete = saved.test && saved.train && saved.baselines && saved.epochs !== undefined;
    const history = (saved.history ?? []) as unknown as ClassificationEpochEvent[];
    const classification: ClassificationSnapshot = {
      classes: saved.classes,
      history,
      result: complete
        ? ({
            ...saved,
            event: 'result',
            spec: saved.spec ?? id,
            history,
          } as unknown as ClassificationJobResult['result'])
        : undefined,
    };
    return { ...common, history: [], classification };
  }
  const history = (saved.history ?? []) as unknown as EpochEvent[];
  const complete = saved.test && saved.train && saved.baselines && saved.epochs !== undefined;
  const result = complete
    ? ({ ...saved, event: 'result', spec: saved.spec ?? id, history } as unknown as TrainResult)
    : undefined;
  return { ...common, history, baselines: saved.baselines, result };
}
