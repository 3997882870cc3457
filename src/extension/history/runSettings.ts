/**
 * The key settings of a saved run, read from the spec it trained (`spec.ncf.json` in its folder):
 * what a person compares runs by — embedding sizes, λ, optimiser, learning rate, batch.
 * A missing or damaged spec gives empty settings, never an error: the run still lists.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { RunSettings } from '../../protocol/dashboard';

const SavedSpec = z.looseObject({
  nodes: z
    .array(z.looseObject({ op: z.unknown().optional(), dim: z.unknown().optional(), l2: z.unknown().optional() }))
    .optional(),
  training: z
    .looseObject({
      optimizer: z.string().optional().catch(undefined),
      learningRate: z.number().optional().catch(undefined),
      batchSize: z.number().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});

const distinct = (values: unknown[]) =>
  [...new Set(values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)))].sort((a, b) => a - b);

export async function readRunSettings(
  runDir: string,
  saved: { params?: number; split?: string },
): Promise<RunSettings> {
  const spec = await readFile(join(runDir, 'spec.ncf.json'), 'utf8')
    .then((text) => SavedSpec.safeParse(JSON.parse(text)).data)
    .catch(() => undefined);
  const embeddings = (spec?.nodes ?? []).filter((n) => n.op === 'embedding');
  return {
    params: saved.params,
    dims: distinct(embeddings.map((n) => n.dim)),
    l2: distinct(embeddings.map((n) => n.l2 ?? 0)),
    optimizer: spec?.training?.optimizer,
    learningRate: spec?.training?.learningRate,
    batchSize: spec?.training?.batchSize,
    split: saved.split,
  };
}
