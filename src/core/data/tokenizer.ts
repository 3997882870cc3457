/**
 * Sentences → fixed-length token ids, as Keras's `TextVectorization` does them: standardise (lower-case,
 * strip punctuation), split on whitespace, look words up in a vocabulary of the most frequent training
 * words (id 0 the padding, id 1 the out-of-vocabulary token), pad with 0 or cut at the end to length L.
 * The vocabulary is built from the training rows only, so a test sentence's words never leak into it.
 */

export interface TokenizerOptions {
  lowercase: boolean;
  stripPunctuation: boolean;
  /** The vocabulary's size, padding and OOV included (Keras's `max_tokens`). */
  maxTokens: number;
  /** Every sequence is padded or cut to this many ids (Keras's `output_sequence_length`). */
  length: number;
}

export const DEFAULT_TOKENIZER: Omit<TokenizerOptions, 'length'> = {
  lowercase: true,
  stripPunctuation: true,
  maxTokens: 10000,
};

export const PAD_TOKEN = '';
export const OOV_TOKEN = '[UNK]';
export const PAD_ID = 0;
export const OOV_ID = 1;

/** Keras's `string.punctuation` set, the characters `lower_and_strip_punctuation` removes. */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

export function standardize(text: string, options: Pick<TokenizerOptions, 'lowercase' | 'stripPunctuation'>): string {
  let out = options.lowercase ? text.toLowerCase() : text;
  if (options.stripPunctuation) out = out.replace(PUNCTUATION, '');
  return out;
}

export function words(text: string, options: Pick<TokenizerOptions, 'lowercase' | 'stripPunctuation'>): string[] {
  return standardize(text, options)
    .split(/\s+/)
    .filter((w) => w !== '');
}

/** What a run saves (`vocabulary.json`) and a prediction reads back: the options and the words by id. */
export interface SavedVocabulary {
  options: TokenizerOptions;
  /** tokens[id]: tokens[0] is the padding '', tokens[1] the OOV token. */
  tokens: string[];
}

export class Tokenizer {
  private readonly ids: Map<string, number>;

  constructor(
    readonly options: TokenizerOptions,
    readonly tokens: string[],
  ) {
    this.ids = new Map(tokens.map((t, id) => [t, id]));
  }

  /** The `maxTokens − 2` most frequent words of `texts`; ties go alphabetically, so the vocabulary does not depend on row order. */
  static fit(texts: Iterable<string>, options: TokenizerOptions): Tokenizer {
    const counts = new Map<string, number>();
    for (const text of texts) for (const w of words(text, options)) counts.set(w, (counts.get(w) ?? 0) + 1);
    counts.delete(OOV_TOKEN);
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const kept = ranked.slice(0, Math.max(0, options.maxTokens - 2)).map(([w]) => w);
    return new Tokenizer(options, [PAD_TOKEN, OOV_TOKEN, ...kept]);
  }

  static load(saved: SavedVocabulary): Tokenizer {
    return new Tokenizer(saved.options, saved.tokens);
  }

  get size(): number {
    return this.tokens.length;
  }

  /** One sentence's ids: OOV for unknown words, padded with 0 or cut to `length`. */
  encode(text: string): Int32Array {
    const out = new Int32Array(this.options.length);
    const ws = words(text, this.options);
    for (let k = 0; k < Math.min(ws.length, out.length); k++) out[k] = this.ids.get(ws[k]) ?? OOV_ID;
    return out;
  }

  /** Many sentences as one row-major [n, length] matrix. */
  encodeAll(texts: readonly string[]): Int32Array {
    const L = this.options.length;
    const out = new Int32Array(texts.length * L);
    texts.forEach((t, r) => out.set(this.encode(t), r * L));
    return out;
  }

  save(): SavedVocabulary {
    return { options: this.options, tokens: this.tokens };
  }
}
