/**
 * Top-K metrics from the rank of each user's held-out item. The rank counts the candidates that
 * score at least as high as the held-out item, so a tie counts against the model: a model that
 * scores everything alike ranks its item last, not first.
 */

/** Negatives per user in the sampled protocol, as in the NCF paper. */
export const EVAL_NEGATIVES = 99;

export interface TopK {
  k: number;
  /** Hit ratio: the share of users whose held-out item is in the top K. */
  hr: number;
  /** Normalised discounted cumulative gain: 1 / log₂(rank + 2) when in the top K, else 0. */
  ndcg: number;
}

export interface FullRanking {
  hr: number;
  ndcg: number;
  /** Mean reciprocal rank over all candidates. */
  mrr: number;
  /** Recall@K: with one held-out item per user it equals HR@K. */
  recall: number;
}

/** How many of the other candidates score at least as high as the held-out one (0 = ranked first). */
export function rankAgainst(target: number, others: ArrayLike<number>, from = 0, to = others.length): number {
  let rank = 0;
  if (Number.isNaN(target)) return to - from;
  for (let i = from; i < to; i++) if (!(others[i] < target)) rank++;
  return rank;
}

export class RankStats {
  private users = 0;
  private hits = 0;
  private gain = 0;
  private reciprocal = 0;

  constructor(readonly k: number) {}

  add(rank: number): void {
    this.users++;
    this.reciprocal += 1 / (rank + 1);
    if (rank < this.k) {
      this.hits++;
      this.gain += 1 / Math.log2(rank + 2);
    }
  }

  topK(): TopK {
    return { k: this.k, hr: this.hits / this.users, ndcg: this.gain / this.users };
  }

  full(): FullRanking {
    const { hr, ndcg } = this.topK();
    return { hr, ndcg, mrr: this.reciprocal / this.users, recall: hr };
  }
}
