/** `ncf train --task ranking` (or a spec whose task is ranking): leave-one-out, sampled and full top-K evaluation. */
import { fastStepperWith } from '../../core/engine/fast';
import { saveRun } from '../../core/engine/save';
import { runDataFiles } from '../../core/predict/runFiles';
import { DestinationOptions } from '../../core/run/destination';
import { SpecOverrides, applyOverrides, readSpecFile } from '../../core/job/resolveSpec';
import { negativesFile, rankingPreset, runRankingJob } from '../../core/ranking/job';
import { LOSSES, Spec } from '../../core/spec/schema';
import { EpochProgress } from '../report';
import { rankingEpochLine, rankingTable } from '../ranking-report';
import { BackendChoice, EngineName } from '../../core/engine/events';

export interface RankingFlags {
  preset?: string;
  spec?: string;
  data: string;
  split?: string;
  k?: number;
  negatives?: number;
  loss?: (typeof LOSSES)[number];
  backend: BackendChoice;
  engine: EngineName;
  threads?: number;
  out?: string;
  json?: boolean;
  pretrain?: string;
}

/** The spec of a ranking run: a ranking preset (a rating preset's ranking sibling), or a spec file switched to ranking. */
export async function rankingSpec(
  flags: RankingFlags,
  overrides: SpecOverrides,
): Promise<{ spec: Spec; presetName?: string }> {
  const source = flags.spec ? { spec: await readSpecFile(flags.spec) } : rankingPreset(flags.preset ?? 'neumf');
  const base = applyOverrides(source.spec, overrides);
  const training = { ...base.training, task: 'ranking' as const };
  if (flags.k !== undefined) training.topK = flags.k;
  if (flags.negatives !== undefined) training.negatives = flags.negatives;
  if (flags.loss !== undefined) training.loss = flags.loss;
  return { spec: { ...base, training }, presetName: 'presetName' in source ? source.presetName : undefined };
}

/** `out`: a destination checkDestination accepted. */
export async function trainRankingCommand(
  flags: RankingFlags,
  overrides: SpecOverrides,
  signal: AbortSignal,
  out: string | undefined,
  destination: DestinationOptions,
): Promise<void> {
  const { spec, presetName } = await rankingSpec(flags, overrides);
  const progress = new EpochProgress(!flags.json && Boolean(process.stderr.isTTY));
  const fold = { index: 0, count: 1, name: 'loo' };
  const run = await runRankingJob({
    spec,
    presetName,
    data: flags.data,
    split: flags.split,
    backend: flags.backend,
    engine: flags.engine,
    signal,
    fastStepper: fastStepperWith('lazy', flags.threads),
    pretrain: flags.pretrain,
    onData: (d) =>
      !flags.json &&
      process.stderr.write(
        `data: ${d.name}, ${d.ratings.length} ratings, ${d.userIds.length} users, ${d.itemIds.length} items; leave-one-out\n`,
      ),
    onEvent: (e) => {
      if (e.event !== 'epoch') {
        if (!flags.json) progress.onEvent(e, fold);
      } else if (flags.json) console.log(JSON.stringify(e));
      else {
        progress.finishBar();
        process.stderr.write(rankingEpochLine(e, spec.training.topK) + '\n');
      }
    },
  });
  if (out !== undefined) {
    process.stderr.write(`saving to ${out}…\n`);
    await saveRun(
      out,
      {
        model: run.model,
        spec,
        dataset: run.dataset,
        result: run.result as unknown as Record<string, unknown>,
        files: { ...runDataFiles(flags.data, run.dataset, spec), 'negatives.json': negativesFile(run, run.dataset) },
      },
      destination,
    );
  }
  if (flags.json) {
    const { history: _history, ...rest } = run.result;
    console.log(JSON.stringify(rest));
  } else {
    console.log(rankingTable(run.result));
    if (out !== undefined) console.log(`saved to ${out}`);
  }
}
