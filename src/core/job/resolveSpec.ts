/** Finds the spec a job trains (a preset by name or a file) and applies command-line overrides to it. */
import { readFile } from 'node:fs/promises';
import { presetSpec, PRESET_NAMES } from '../presets';
import { OPTIMIZERS, Spec } from '../spec/schema';
import { checkSpecText, decodeSpecBytes, SpecFileError } from '../spec/parse';

export interface SpecOverrides {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** λ for every embedding and bias table. */
  l2?: number;
  optimizer?: (typeof OPTIMIZERS)[number];
  seed?: number;
}

export class UsageError extends Error {}

export async function readSpecFile(file: string): Promise<Spec> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new UsageError(
      `cannot read spec file ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  // The batch is checked against memory once the data's rows are known (training caps it to them).
  const result = checkSpecText(decodeSpecBytes(bytes, file), undefined, { rows: 1 });
  if (!result.ok) throw new SpecFileError(result.issues, file);
  return result.checked.spec;
}

export async function resolveSpec(source: {
  preset?: string;
  specFile?: string;
}): Promise<{ spec: Spec; presetName?: string }> {
  if (source.preset && source.specFile) throw new UsageError('give either --preset or --spec, not both');
  if (source.specFile) return { spec: await readSpecFile(source.specFile) };
  const name = source.preset ?? 'neumf';
  if (!PRESET_NAMES.includes(name))
    throw new UsageError(`unknown preset '${name}'; presets: ${PRESET_NAMES.join(', ')}`);
  return { spec: presetSpec(name), presetName: name };
}

export function applyOverrides(spec: Spec, o: SpecOverrides): Spec {
  const training = { ...spec.training };
  if (o.epochs !== undefined) training.epochs = o.epochs;
  if (o.batchSize !== undefined) training.batchSize = o.batchSize;
  if (o.learningRate !== undefined) training.learningRate = o.learningRate;
  if (o.optimizer !== undefined) training.optimizer = o.optimizer;
  if (o.seed !== undefined) training.seed = o.seed;
  const nodes = spec.nodes.map((n) =>
    o.l2 !== undefined && (n.op === 'embedding' || n.op === 'bias') ? { ...n, l2: o.l2 } : n,
  );
  return { ...spec, nodes, training };
}
