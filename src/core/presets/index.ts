/** The lecture's models as ready-made specs, loadable by name. */
import { Spec, SpecInput, checkSpec } from '../spec';
import mf from './mf.ncf.json';
import mfBias from './mf-bias.ncf.json';
import gmf from './gmf.ncf.json';
import ncf from './ncf.ncf.json';
import ancf from './ancf.ncf.json';
import neumf from './neumf.ncf.json';
import gmfRanking from './gmf-ranking.ncf.json';
import mlpRanking from './mlp-ranking.ncf.json';
import neumfRanking from './neumf-ranking.ncf.json';
import textEmbedding from './text-embedding.ncf.json';
import textEmbeddingMax from './text-embedding-max.ncf.json';
import textFlatten from './text-flatten.ncf.json';
import feat from './feat.ncf.json';
import featMf from './feat-mf.ncf.json';
import featTower from './feat-tower.ncf.json';

const RAW: Record<string, SpecInput> = {
  mf,
  'mf-bias': mfBias,
  gmf,
  ncf,
  ancf,
  neumf,
  feat,
  'feat-mf': featMf,
  'feat-tower': featTower,
  'gmf-ranking': gmfRanking,
  'mlp-ranking': mlpRanking,
  'neumf-ranking': neumfRanking,
  'text-embedding': textEmbedding,
  'text-embedding-max': textEmbeddingMax,
  'text-flatten': textFlatten,
} as Record<string, SpecInput>;
export const PRESET_NAMES = Object.keys(RAW);
/** The presets of each task (the ranking ones are the NCF paper's implicit-feedback models). */
export const presetsOfTask = (task: 'rating' | 'ranking' | 'classification'): string[] =>
  PRESET_NAMES.filter((name) => (RAW[name].training?.task ?? 'rating') === task);

/** A fresh copy of the named preset, with defaults filled in. */
export function presetSpec(name: string): Spec {
  const raw = RAW[name];
  if (!raw) throw new Error(`unknown preset '${name}'; presets: ${PRESET_NAMES.join(', ')}`);
  const result = checkSpec(structuredClone(raw));
  if (!result.ok) throw new Error(`preset '${name}' is invalid: ${result.issues[0].message}`);
  return result.checked.spec;
}

/** The preset as it is written (no defaults filled in), for a new `*.ncf.json` file. */
export function presetDocument(name: string): SpecInput {
  const raw = RAW[name];
  if (!raw) throw new Error(`unknown preset '${name}'; presets: ${PRESET_NAMES.join(', ')}`);
  return structuredClone(raw);
}
