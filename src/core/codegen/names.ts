/**
 * Variable names in generated code. A node id is a valid identifier by the schema, but it can
 * still be a keyword (`in`, `lambda`) or collide with a name the generated code uses itself
 * (`tf`, `layers`, `numUsers`), so such ids get a trailing underscore. Layer names never change.
 */
import { Lang } from './expr';

const TS_KEYWORDS = `break case catch class const continue debugger default delete do else enum export extends false
finally for function if import in instanceof new null return super switch this throw true try typeof var void while
with as implements interface let package private protected public static yield await async of type any unknown
never number string boolean symbol object bigint undefined NaN Infinity eval arguments require module exports
process console Math Number String Array Object Promise Error JSON Map Set`.split(/\s+/);

const PY_KEYWORDS = `False None True and as assert async await break class continue def del elif else except
finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case
print len range list dict tuple str int float bool type object id input open min max sum abs map zip iter next
super self`.split(/\s+/);

/** Names the generated module itself defines (both the model builder and the training script). */
const TS_OWN = `tf wasm fs buildModel ModelOptions options seed seedOf layerSeed main TRAINING`.split(/\s+/);
const PY_OWN = `tf keras layers regularizers np os sys build_model seed main TRAINING`.split(/\s+/);

export interface VocabularyName {
  ts: string;
  py: string;
  /** What the size counts, for comments and documentation. */
  what: string;
}

/** The generated code's parameter for each vocabulary (the size of an id space). */
export function vocabularyName(vocab: string): VocabularyName {
  const known: Record<string, VocabularyName> = {
    user: { ts: 'numUsers', py: 'num_users', what: 'distinct users' },
    item: { ts: 'numItems', py: 'num_items', what: 'distinct items' },
    gender: { ts: 'numGenders', py: 'num_genders', what: 'gender categories' },
    occupation: { ts: 'numOccupations', py: 'num_occupations', what: 'occupation categories' },
    tokens: { ts: 'numTokens', py: 'num_tokens', what: 'tokens in the text vocabulary' },
  };
  if (known[vocab]) return known[vocab];
  const words = vocab.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return { ts: `num${camel}`, py: `num_${words.join('_').toLowerCase()}`, what: `distinct values of ${vocab}` };
}

/** The class of a generated PyTorch module: the model's name when Python can take it as is, else `Model`. */
export function pythonClassName(modelName: string, reserved: string[]): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(modelName) && !PY_KEYWORDS.includes(modelName) && !reserved.includes(modelName)
    ? modelName
    : 'Model';
}

export const GLOBAL_MEAN_NAME: Record<Lang, string> = { ts: 'globalMean', py: 'global_mean' };

/** One variable per node id, unique and safe in the given language. */
export function variableNames(ids: string[], lang: Lang, extraReserved: string[] = []): Map<string, string> {
  const reserved = new Set([
    ...(lang === 'ts' ? [...TS_KEYWORDS, ...TS_OWN] : [...PY_KEYWORDS, ...PY_OWN]),
    ...extraReserved,
  ]);
  const taken = new Set(ids);
  const names = new Map<string, string>();
  for (const id of ids) {
    let name = id;
    while (reserved.has(name) || (name !== id && taken.has(name))) name = `${name}_`;
    taken.add(name);
    names.set(id, name);
  }
  return names;
}
