/** The 19 MovieLens-100K genres, in the order of u.item's flags; 1M and ml-latest genre names map onto them. */
export const GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

export const GENRE_COUNT = GENRES.length;

const byName = new Map<string, number>(GENRES.map((name, index) => [name.toLowerCase(), index]));
// ml-latest spells two of them differently; its IMAX has no counterpart and is left out.
byName.set('children', GENRES.indexOf("Children's"));
byName.set('(no genres listed)', GENRES.indexOf('unknown'));

/** Index of a genre name in the 100K order, or undefined for a genre the 19 do not have. */
export function genreIndex(name: string): number | undefined {
  return byName.get(name.trim().toLowerCase());
}
