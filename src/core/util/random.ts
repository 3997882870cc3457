/** Seeded randomness, so that a run with one seed can be repeated exactly. */
import seedrandom from 'seedrandom';

export type Rng = () => number;

export const makeRng = (seed: number | string): Rng => seedrandom(String(seed));

/** Fisher–Yates, in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(array: T, rng: Rng): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
  return array;
}

/** A standard normal draw (Box–Muller). */
export function gaussian(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
