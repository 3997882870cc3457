/**
 * Scores (user, item) pairs with a saved run's model, as the engine does: the same input feed, and
 * for a rating model the prediction clipped to the rating scale. A ranking model's score is kept
 * as the model gives it (higher is better).
 */
import { Dataset } from '../data/types';
import { clip } from '../engine/metrics';
import { modelInputNodes } from '../engine/model';
import { predictRows } from '../engine/train';
import { SpecNode } from '../spec/schema';
import { RunError } from './errors';
import { SavedRun } from './loadRun';

/** Lists a few known ids, so an error about an unknown one shows what ids look like. */
const examples = (ids: string[]) => ids.slice(0, 3).join(', ') + (ids.length > 3 ? ', …' : '');

export class Predictor {
  private readonly userIndex: Map<string, number>;
  private readonly itemIndex: Map<string, number>;
  private readonly inputs: SpecNode[];
  /** The run's side features as the feed reads them from a dataset. */
  private readonly sideFeatures: Pick<Dataset, 'userFeatures' | 'itemFeatures'>;

  constructor(readonly run: SavedRun) {
    this.userIndex = new Map(run.userIds.map((id, k) => [id, k]));
    this.itemIndex = new Map(run.itemIds.map((id, k) => [id, k]));
    this.inputs = modelInputNodes(run.checked);
    const table = (t?: Record<string, number[]>) =>
      t &&
      Object.fromEntries(
        Object.entries(t).map(([k, v]) => [
          k,
          k === 'gender' || k === 'occupation' ? Int32Array.from(v) : Float32Array.from(v),
        ]),
      );
    this.sideFeatures = {
      userFeatures: table(run.features?.user) as Dataset['userFeatures'],
      itemFeatures: table(run.features?.item) as Dataset['itemFeatures'],
    };
    for (const node of this.inputs) {
      if (node.op !== 'input' || (node.field !== 'userFeature' && node.field !== 'itemFeature')) continue;
      const side = node.field === 'userFeature' ? this.sideFeatures.userFeatures : this.sideFeatures.itemFeatures;
      if (!side?.[node.feature as keyof typeof side])
        throw new RunError(
          `${run.dir}: input '${node.id}' needs the feature '${node.feature}', which the run folder does not hold (features.json)`,
        );
    }
  }

  get users(): readonly string[] {
    return this.run.userIds;
  }

  get items(): readonly string[] {
    return this.run.itemIds;
  }

  /** The encoded index of a raw user id; an id the model never saw is an error that names it. */
  user(id: string): number {
    const k = this.userIndex.get(id.trim());
    if (k === undefined)
      throw new RunError(
        `unknown user '${id}': the run knows ${this.run.userIds.length} users (ids such as ${examples(this.run.userIds)})`,
      );
    return k;
  }

  item(id: string): number {
    const k = this.itemIndex.get(id.trim());
    if (k === undefined)
      throw new RunError(
        `unknown item '${id}': the run knows ${this.run.itemIds.length} items (ids such as ${examples(this.run.itemIds)})`,
      );
    return k;
  }

  /** Scores of one user for the given encoded items, in their order. */
  scores(user: number, items: Int32Array): Float32Array {
    const n = items.length;
    if (n === 0) return new Float32Array(0);
    const rows: Dataset = {
      name: this.run.data?.name ?? this.run.dir,
      users: new Int32Array(n).fill(user),
      items,
      ratings: new Float32Array(n),
      userIds: this.run.userIds,
      itemIds: this.run.itemIds,
      ratingRange: this.run.ratingRange,
      vocabulary: { user: this.run.userIds.length, item: this.run.itemIds.length },
      ...this.sideFeatures,
    };
    // A copy: a backend may hand out its own buffer, and clipping writes to it.
    const predicted = Float32Array.from(
      predictRows(
        this.run.model,
        this.inputs,
        rows,
        Int32Array.from({ length: n }, (_, k) => k),
      ),
    );
    if (this.run.task === 'rating') for (let k = 0; k < n; k++) predicted[k] = clip(predicted[k], this.run.ratingRange);
    return predicted;
  }

  /** Every item's score for one user, indexed by encoded item. */
  allScores(user: number): Float32Array {
    return this.scores(
      user,
      Int32Array.from({ length: this.run.itemIds.length }, (_, k) => k),
    );
  }

  dispose(): void {
    this.run.model.dispose();
  }
}
