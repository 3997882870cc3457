/**
 * The feature encoding of an exported model: the run's encodings of the features its inputs read
 * (categories, means and standard deviations), the transforms of derived features, and a function
 * that turns raw ratings (id rows and raw feature values) into the model's inputs, pooled as the
 * engine pools them (src/core/engine/feed.ts). Kept equal to `encodeRaw` (src/core/data/featureColumns.ts).
 * Here the parts both languages share and the TypeScript; the Python is ./featureEncodingPython.ts.
 */
import { AGE_GROUPS, DECADES, FeatureEncoding, TITLE_YEAR } from '../data/featureColumns';
import { SpecNode } from '../spec/schema';
import { ModelPlan } from './plan';

export type InputNode = Extract<SpecNode, { op: 'input' }>;
export type Encodings = Record<string, FeatureEncoding>;

export const isFeature = (n: InputNode) => n.field === 'userFeature' || n.field === 'itemFeature';

/** The model's inputs that read a side feature. */
export function featureInputsOf(plan: ModelPlan): InputNode[] {
  return plan.inputs.filter(isFeature);
}

/** The encodings the code carries: the features the model reads, without the run's value counts. */
export function usedEncodings(plan: ModelPlan, encodings: Encodings): Encodings {
  const used: Encodings = {};
  for (const node of featureInputsOf(plan)) {
    const e = encodings[node.feature!];
    if (!e) throw new Error(`the run has no encoding of feature '${node.feature}' (input '${node.id}')`);
    const { missing: _missing, fallback: _fallback, ...kept } = e;
    used[node.feature!] = kept;
  }
  return used;
}

export const usesTransforms = (encodings: Encodings) => Object.values(encodings).some((e) => e.transform);

/** The width of each input, and its pooling when a multi-valued feature is pooled. */
export function inputShape(plan: ModelPlan, node: InputNode): { width: number; pooling?: 'mean' | 'sqrtn' } {
  const shape = plan.checked.shapes[node.id];
  const width = shape.kind === 'vector' ? shape.width : 1;
  const pooling = node.pooling === 'mean' || node.pooling === 'sqrtn' ? node.pooling : undefined;
  return pooling ? { width, pooling } : { width };
}

const TS_TRANSFORMS = `const AGE_BOUNDS = [18, 25, 35, 45, 50, 56];
const AGE_GROUPS = ${JSON.stringify(AGE_GROUPS)};
const DECADES = ${JSON.stringify(DECADES)};
const TITLE_YEAR = ${TITLE_YEAR.toString()};

/**
 * The category a derived feature takes from its raw value: an age's group, a zip code's first digit,
 * a year's decade; or a title's distinct lower-case words without its year, as 'a|b'.
 */
function transformed(transform: string, raw: string): string | undefined {
  const text = raw.trim();
  if (text === '') return transform === 'zipRegion' ? 'other' : transform === 'decade' ? 'unknown' : undefined;
  if (transform === 'titleWords')
    return [...new Set(text.replace(TITLE_YEAR, '').toLowerCase().match(/[a-z0-9]+/g) ?? [])].join('|');
  if (transform === 'ageGroup') {
    const age = Number(text);
    return Number.isFinite(age) ? AGE_GROUPS[AGE_BOUNDS.filter((b) => age >= b).length] : undefined;
  }
  if (transform === 'zipRegion') return /^[0-9]/.test(text) ? text[0] : 'other';
  const year = Number(text);
  if (!Number.isFinite(year)) return 'unknown';
  if (year < 1920) return DECADES[0];
  return DECADES[Math.min(Math.floor((year - 1920) / 10) + 1, DECADES.length - 2)];
}`;

const TS_ENCODE = `/**
 * The numbers the model takes for one raw value of a feature, as NCF Studio encoded it in training:
 * a number standardised, a category its index, a multi-valued 'a|b' its flags.
 */
export function encodeFeature(name: string, raw: string): number[] {
  const e = FEATURE_ENCODINGS[name];
  if (!e) throw new Error(\`no feature '\${name}'\`);
  const value = e.transform ? transformed(e.transform, raw) : raw.trim();
  if (e.kind === 'numeric') {
    const x = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(x))
      throw new Error(\`feature '\${name}': '\${raw}' is not a number\`);
    return [(x - e.mean!) / e.sd!];
  }
  const categories = (e.categories ?? []).map((c) => c.toLowerCase());
  if (e.kind === 'categorical') {
    const k = categories.indexOf((value ?? '').toLowerCase());
    if (k === -1) throw new Error(\`feature '\${name}': '\${raw}' is not one of its categories\`);
    return [k];
  }
  const flags = new Array<number>(categories.length).fill(0);
  for (const v of (value ?? '').split('|')) {
    const k = categories.indexOf(v.trim().toLowerCase());
    if (k !== -1) flags[k] = 1;
  }
  return flags;
}

/** Flags scaled by 1/n (mean) or 1/√n (sqrtn): a dense layer over them pools the values' embeddings. */
function pooled(flags: number[], pooling: 'mean' | 'sqrtn'): number[] {
  const n = flags.reduce((a, b) => a + b, 0);
  if (n <= 0) return flags;
  const scale = pooling === 'mean' ? 1 / n : 1 / Math.sqrt(n);
  return flags.map((f) => f * scale);
}

/**
 * A rating to score: the rows of its user and item in the id tables (see loadTrainedModel's maps),
 * and its raw feature values by the name of the value they come from (e.g. 'age', 'zip', 'genres').
 */
export interface RawRating {
  user?: number;
  item?: number;
  features?: Record<string, string>;
}

function rawValue(rating: RawRating, k: number, name: string): string {
  const value = rating.features?.[FEATURE_ENCODINGS[name].source];
  if (value === undefined) throw new Error(\`rating \${k}: no value for '\${FEATURE_ENCODINGS[name].source}'\`);
  return value;
}`;

function tsInput(plan: ModelPlan, node: InputNode): string {
  const { width, pooling } = inputShape(plan, node);
  if (!isFeature(node))
    return `    tf.tensor2d(ratings.map((r) => [r.${node.field} ?? 0]), [ratings.length, 1], 'int32'),`;
  const name = JSON.stringify(node.feature);
  const encoded = `encodeFeature(${name}, rawValue(r, k, ${name}))`;
  const row = pooling ? `pooled(${encoded}, '${pooling}')` : encoded;
  const dtype = plan.checked.shapes[node.id].kind === 'ids' ? 'int32' : 'float32';
  return `    tf.tensor2d(ratings.map((r, k) => ${row}), [ratings.length, ${width}], '${dtype}'),`;
}

/** TypeScript: FEATURE_ENCODINGS, encodeFeature() and inputTensors(); empty for a model without feature inputs. */
export function featureEncodingTs(plan: ModelPlan, encodings: Encodings | undefined): string {
  if (!featureInputsOf(plan).length || !encodings) return '';
  const used = usedEncodings(plan, encodings);
  const sections = [
    `/** How the run encoded each feature the model reads: categories in index order, or a number's mean and standard deviation. */
interface FeatureEncoding {
  kind: 'numeric' | 'categorical' | 'multiHot';
  /** The raw value it is computed from ('age' for 'ageGroup', 'zip' for 'zipRegion'). */
  source: string;
  transform?: string;
  side: string;
  width: number;
  categories?: string[];
  mean?: number;
  sd?: number;
}

export const FEATURE_ENCODINGS: Record<string, FeatureEncoding> = ${JSON.stringify(used, null, 2)};`,
    usesTransforms(used)
      ? TS_TRANSFORMS
      : `function transformed(_transform: string, raw: string): string {\n  return raw;\n}`,
    TS_ENCODE,
    [
      "/** The model's input tensors for raw ratings, in its input order, encoded and pooled as NCF Studio feeds them. */",
      'export function inputTensors(ratings: RawRating[]): tf.Tensor[] {',
      '  return [',
      ...plan.inputs.map((n) => tsInput(plan, n)),
      '  ];',
      '}',
    ].join('\n'),
  ];
  return sections.join('\n\n');
}
