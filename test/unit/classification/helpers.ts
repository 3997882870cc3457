/** A small labelled text set the tests train on: liked sentences use kind words, the others unkind ones. */
import { makeRng } from '../../../src/core/util/random';

export function smallReviews(rows = 120, seed = 'reviews'): { texts: string[]; labels: number[] } {
  const rng = makeRng(seed);
  const kind = ['great', 'lovely', 'tasty', 'friendly', 'amazing'];
  const unkind = ['awful', 'cold', 'rude', 'bland', 'slow'];
  const filler = ['the', 'food', 'was', 'service', 'and', 'place', 'really'];
  const pick = (words: string[]) => words[Math.floor(rng() * words.length)];
  const texts: string[] = [];
  const labels: number[] = [];
  for (let r = 0; r < rows; r++) {
    const liked = r % 2;
    texts.push(
      [pick(filler), pick(filler), pick(liked ? kind : unkind), pick(filler), pick(liked ? kind : unkind)].join(' '),
    );
    labels.push(liked);
  }
  return { texts, labels };
}

export const tsv = (texts: string[], labels: number[]) =>
  ['Review\tLiked', ...texts.map((t, k) => `${t}\t${labels[k]}`)].join('\n') + '\n';
