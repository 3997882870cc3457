/** Side features known by name, with their owner and kind. */
/**
 * The MovieLens side features the data layer provides (a feature file adds its own columns by name):
 * categorical ones are ids, numeric ones and multi-hot genres are vectors.
 */
export const FEATURES = {
  age: { side: 'user', kind: 'numeric', what: 'age, standardised' },
  ageGroup: { side: 'user', kind: 'categorical', what: 'age group (under 18, 18-24, …, 56+)' },
  gender: { side: 'user', kind: 'categorical', what: 'gender' },
  occupation: { side: 'user', kind: 'categorical', what: 'occupation' },
  zipRegion: { side: 'user', kind: 'categorical', what: "zip code's first digit" },
  genres: { side: 'item', kind: 'multiHot', what: 'genres, multi-hot' },
  year: { side: 'item', kind: 'numeric', what: 'release year, standardised' },
  decade: { side: 'item', kind: 'categorical', what: 'release decade' },
  titleWords: { side: 'item', kind: 'multiHot', what: "title's words, multi-hot" },
} as const;
export type FeatureName = keyof typeof FEATURES;
