/** Saves a classification job's last model as a run folder, with its tokenizer (vocabulary.json) and data record. */
import { saveRun } from '../engine/save';
import { DestinationOptions } from '../run/destination';
import { Spec } from '../spec/schema';
import { ClassificationJobResult } from './job';
import { runTextFiles, textRunDataset } from './runFiles';

export function saveTextRun(
  out: string,
  source: string,
  spec: Spec,
  job: ClassificationJobResult,
  destination?: DestinationOptions,
): Promise<string> {
  return saveRun(
    out,
    {
      model: job.run.model,
      spec,
      dataset: textRunDataset(job.data, job.run.tokenizer),
      result: job.result as unknown as Record<string, unknown>,
      files: runTextFiles(source, job.data, job.run),
    },
    destination,
  );
}
