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

/** Three moods, each with its own words among shared filler. */
export function moodsTsv(rows: number): string {
  const rng = makeRng('moods');
  const words: Record<string, string[]> = {
    bad: ['awful', 'cold', 'rude', 'bland'],
    fine: ['okay', 'average', 'fine', 'decent'],
    good: ['great', 'lovely', 'tasty', 'amazing'],
  };
  const filler = ['the', 'food', 'was', 'service', 'and', 'place'];
  const pick = (w: string[]) => w[Math.floor(rng() * w.length)];
  const moods = Object.keys(words);
  const lines = ['Review\tMood'];
  for (let r = 0; r < rows; r++) {
    const mood = moods[r % 3];
    lines.push(`${pick(filler)} ${pick(words[mood])} ${pick(filler)} ${pick(words[mood])}\t${mood}`);
  }
  return lines.join('\n') + '\n';
}
