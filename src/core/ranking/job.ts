/** A ranking job as the CLI runs it: the data, the ranking presets' lookup, one leave-one-out run. */
import { loadDataset } from '../data/load';
import { Dataset } from '../data/types';
import { UsageError } from '../job/resolveSpec';
import { PRESET_NAMES, presetSpec } from '../presets';
import { Spec } from '../spec/schema';
import { loadPretrainRuns } from './pretrainRuns';
import { RankingOptions, RankingRun, trainRanking } from './train';

export interface RankingJobOptions extends Omit<RankingOptions, 'dataset'> {
  data: string;
  /** Only `loo` (leave-one-out by time) is a ranking split. */
  split?: string;
  onData?: (dataset: Dataset) => void;
  /** `GMF_RUN,MLP_RUN`: start NeuMF from these saved ranking runs (the paper's pre-training). */
  pretrain?: string;
}

/** `--task ranking` on a rating preset takes its ranking sibling (neumf → neumf-ranking) when there is one. */
export function rankingPreset(name: string): { spec: Spec; presetName: string } {
  const ranked = name.endsWith('-ranking') || !PRESET_NAMES.includes(`${name}-ranking`) ? name : `${name}-ranking`;
  const spec = presetSpec(ranked);
  return { spec: { ...spec, training: { ...spec.training, task: 'ranking' } }, presetName: ranked };
}

export async function runRankingJob(options: RankingJobOptions): Promise<RankingRun & { dataset: Dataset }> {
  if (options.split !== undefined && options.split !== 'loo')
    throw new UsageError(`the ranking task splits leave-one-out by time: use --split loo, not ${options.split}`);
  const pretrained = options.pretrain === undefined ? undefined : await loadPretrainRuns(options.pretrain);
  try {
    const dataset = await loadDataset(options.data);
    options.onData?.(dataset);
    const initialise = pretrained?.initialiseFor(dataset) ?? options.initialise;
    return { ...(await trainRanking({ ...options, dataset, initialise })), dataset };
  } finally {
    pretrained?.dispose();
  }
}

/** The sampled protocol's negatives in raw ids, saved with a run so its figures can be checked. */
export function negativesFile(run: RankingRun, dataset: Dataset): string {
  const { users, items, negatives } = run.testNegatives;
  const per = negatives.length / Math.max(1, users.length);
  return JSON.stringify({
    protocol: `each user's test item against ${per} sampled negatives`,
    users: Array.from(users, (u, k) => ({
      user: dataset.userIds[u],
      test: dataset.itemIds[items[k]],
      negatives: Array.from(negatives.subarray(k * per, (k + 1) * per), (i) => dataset.itemIds[i]),
    })),
  });
}
