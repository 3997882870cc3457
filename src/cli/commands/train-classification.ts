/** `ncf train --data text:FILE` (or a spec whose task is classification): a text classifier beside the majority class. */
import { saveTextRun } from '../../core/classification/save';
import { runClassificationJob } from '../../core/classification/job';
import { fastStepperWith } from '../../core/engine/fast';
import { BackendChoice, EngineName } from '../../core/engine/events';
import { SpecOverrides, UsageError, applyOverrides, resolveSpec } from '../../core/job/resolveSpec';
import { DestinationOptions } from '../../core/run/destination';
import { classificationEpochLine, classificationTable } from '../classification-report';
import { EpochProgress } from '../report';
import { batchCapLine } from '../../core/engine/train';

export interface ClassificationFlags {
  preset?: string;
  spec?: string;
  data: string;
  split?: string;
  backend: BackendChoice;
  engine: EngineName;
  threads?: number;
  out?: string;
  json?: boolean;
}

export const DEFAULT_TEXT_PRESET = 'text-embedding';

export async function trainClassificationCommand(
  flags: ClassificationFlags,
  overrides: SpecOverrides,
  signal: AbortSignal,
  out: string | undefined,
  destination: DestinationOptions,
): Promise<void> {
  if (!/^\s*text\s*:/.test(flags.data))
    throw new UsageError(
      `the classification task trains on labelled text: use --data text:FILE (e.g. text:reviews.tsv#review=Review,label=Liked), not ${flags.data}`,
    );
  const resolved = await resolveSpec({
    preset: flags.spec ? undefined : (flags.preset ?? DEFAULT_TEXT_PRESET),
    specFile: flags.spec,
  });
  const base = applyOverrides(resolved.spec, overrides);
  const spec = { ...base, training: { ...base.training, task: 'classification' as const } };
  const progress = new EpochProgress(!flags.json && Boolean(process.stderr.isTTY), 'texts');
  const job = await runClassificationJob({
    spec,
    presetName: resolved.presetName,
    data: flags.data,
    split: flags.split ?? 'random:0.2',
    backend: flags.backend,
    engine: flags.engine,
    signal,
    fastStepper: fastStepperWith('lazy', flags.threads),
    onData: (d, splits) => {
      if (flags.json) return;
      const skipped = d.skipped.length
        ? `; ${d.skipped.length} rows without text left out (lines ${d.skipped.slice(0, 5).join(', ')}${d.skipped.length > 5 ? ', …' : ''})`
        : '';
      process.stderr.write(
        `data: ${d.name}, ${d.texts.length} texts, text column '${d.columns.text}', label column '${d.columns.label}' (${d.classes.join(', ')})${skipped}; ${splits.length} split(s)\n`,
      );
    },
    onEvent: (e, fold) => {
      if (flags.json) {
        if (e.event === 'epoch') console.log(JSON.stringify(fold.count > 1 ? { ...e, fold: fold.name } : e));
        else if (e.event === 'start' && e.batchCappedFrom !== undefined)
          process.stderr.write(batchCapLine(e.batchCappedFrom, e.batchSize) + '\n');
      } else if (e.event !== 'epoch') progress.onEvent(e, fold);
      else {
        progress.finishBar();
        const prefix = fold.count > 1 ? `[${fold.name} ${fold.index + 1}/${fold.count}] ` : '';
        process.stderr.write(prefix + classificationEpochLine(e) + '\n');
      }
    },
  });
  if (out !== undefined) {
    process.stderr.write(`saving to ${out}…\n`);
    await saveTextRun(out, flags.data, job.spec, job, destination);
  }
  if (flags.json) {
    const { history: _history, ...rest } = job.result;
    console.log(JSON.stringify(rest));
  } else {
    console.log(classificationTable(job));
    if (out !== undefined) console.log(`saved to ${out}`);
  }
}
