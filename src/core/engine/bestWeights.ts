/**
 * Early stopping's bookkeeping: the best validation score so far with a copy of its weights, the
 * epochs since it improved, and putting the best weights back at the end.
 */
import * as tf from '@tensorflow/tfjs';

export interface StoppingRule {
  patience: number;
  minDelta: number;
}

export class BestWeights {
  private best: { score: number; epoch: number; weights: tf.Tensor[] } | null = null;
  private sinceBest = 0;

  /** `lowerIsBetter`: a loss or an error (true), or a hit rate or accuracy (false). */
  constructor(
    private readonly model: tf.LayersModel,
    private readonly rule: StoppingRule | null,
    private readonly lowerIsBetter: boolean,
  ) {}

  /** Records an epoch's validation score; true when the rule says to stop. */
  observe(score: number, epoch: number): boolean {
    if (!this.rule) return false;
    const improved =
      !this.best ||
      (this.lowerIsBetter
        ? score < this.best.score - this.rule.minDelta
        : score > this.best.score + this.rule.minDelta);
    if (improved) {
      if (this.best) tf.dispose(this.best.weights);
      this.best = { score, epoch, weights: this.model.getWeights().map((w) => w.clone()) };
      this.sinceBest = 0;
      return false;
    }
    return ++this.sinceBest >= this.rule.patience;
  }

  /** The epoch whose weights are kept, when one was recorded. */
  get epoch(): number | undefined {
    return this.best?.epoch;
  }

  restore(): void {
    if (this.best) this.model.setWeights(this.best.weights);
  }

  dispose(): void {
    if (this.best) tf.dispose(this.best.weights);
    this.best = null;
  }
}
