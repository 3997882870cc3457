/** Shapes flowing along the wires of a spec graph (the batch dimension is left out). */
export type Shape =
  /** Integer indices into a vocabulary (user ids, item ids, a categorical feature, tokens). */
  | { kind: 'ids'; length: number; vocab: string }
  | { kind: 'vector'; width: number }
  | { kind: 'sequence'; length: number; width: number };

/** Vocabulary sizes the shapes depend on; the data layer supplies the real ones. */
export type Vocabulary = Record<string, number>;

/**
 * Side features ride in the vocabulary too: a categorical feature's category count under its name, a
 * vector feature's width under `featureWidthKey(name)`. A vocabulary built from data also carries
 * DATA_FEATURES, so a feature it does not list is one the data lacks.
 */
export const DATA_FEATURES = '#features';
/**
 * A classifier's class count rides in the vocabulary too: 2 wants one probability at the output, K > 2
 * wants K (a softmax); 0 (a classification spec checked without its data) accepts either.
 */
export const CLASS_COUNT = '#classes';
export const featureWidthKey = (name: string): string => `#width:${name}`;

/** MovieLens-100K's sizes: used to count parameters before any data is loaded. */
export const DEFAULT_VOCABULARY: Vocabulary = {
  user: 943,
  item: 1682,
  gender: 2,
  occupation: 21,
  ageGroup: 7,
  zipRegion: 11,
  decade: 13,
  [featureWidthKey('age')]: 1,
  [featureWidthKey('genres')]: 19,
  [featureWidthKey('year')]: 1,
  [featureWidthKey('titleWords')]: 2392,
  tokens: 10000,
};

export function formatShape(s: Shape): string {
  switch (s.kind) {
    case 'ids':
      return `ids[${s.length}] of ${s.vocab}`;
    case 'vector':
      return `[${s.width}]`;
    case 'sequence':
      return `[${s.length}, ${s.width}]`;
  }
}

/** A mistake in a node's wiring or parameters that shape inference found. */
export class ShapeError extends Error {
  constructor(
    message: string,
    readonly field: string = 'inputs',
  ) {
    super(message);
  }
}
