/**
 * Scores (user, item) pairs with a saved run's model, as the engine does: the same input feed, and
 * for a rating model the prediction clipped to the rating scale. A ranking model's score is kept
 * as the model gives it (higher is better).
 */
import { encodeRaw, FeatureColumn, FeatureColumns, FeatureSide, FeatureValueError } from '../data/featureColumns';
import { Dataset } from '../data/types';
import { idTables, zeroRows } from '../engine/unseenIds';
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

  constructor(readonly run: SavedRun) {
    this.userIndex = new Map(run.userIds.map((id, k) => [id, k]));
    this.itemIndex = new Map(run.itemIds.map((id, k) => [id, k]));
    this.inputs = modelInputNodes(run.checked);
    for (const node of this.inputs) {
      if (node.op !== 'input' || (node.field !== 'userFeature' && node.field !== 'itemFeature')) continue;
      if (!run.columns[node.feature ?? ''])
        throw new RunError(
          `${run.dir}: input '${node.id}' needs the feature '${node.feature}', which the run folder does not hold (features.json)`,
        );
    }
  }

  /** The raw values a new user (item) is described by: what the model's feature inputs are computed from. */
  featureSources(side: FeatureSide): string[] {
    return [...new Set(this.inputColumns(side).map(([, c]) => c.encoding.source))];
  }

  private inputColumns(side: FeatureSide): [string, FeatureColumn][] {
    return Object.entries(this.run.columns).filter(([, c]) => c.encoding.side === side);
  }

  /**
   * Scores of a new user (raw features) or a known one (its encoded index, when `newcomers.user` is
   * absent) for the given encoded items, or for one new item described by `newcomers.item`. A newcomer
   * takes row 0: its features replace row 0's, its id-table rows are zero while it is scored.
   */
  newcomerScores(
    newcomers: Partial<Record<FeatureSide, Record<string, string>>>,
    user: number,
    items: Int32Array,
  ): Float32Array {
    let features = this.run.columns;
    const zeroed: [FeatureSide, string[]][] = [];
    for (const side of ['user', 'item'] as const) {
      const raw = newcomers[side];
      if (!raw) continue;
      features = this.withNewcomer(features, side, raw);
      zeroed.push([side, idTables(this.run.checked, side)]);
    }
    const saved = zeroed.map(([, tables]) =>
      tables.map((name) =>
        this.run.model
          .getLayer(name)
          .getWeights()
          .map((w) => w.clone()),
      ),
    );
    try {
      for (const [, tables] of zeroed) zeroRows(this.run.model, tables, [0]);
      return this.scoresWith(newcomers.user ? 0 : user, newcomers.item ? new Int32Array(1) : items, features);
    } finally {
      zeroed.forEach(([, tables], s) =>
        tables.forEach((name, k) => this.run.model.getLayer(name).setWeights(saved[s][k])),
      );
      saved.flat(2).forEach((t) => t.dispose());
    }
  }

  /** The feature columns with one side's columns replaced by a newcomer's encoded raw values. */
  private withNewcomer(base: FeatureColumns, side: FeatureSide, raw: Record<string, string>): FeatureColumns {
    const columns = this.inputColumns(side);
    if (!columns.length)
      throw new RunError(
        `${this.run.dir}: the model has no ${side} feature inputs, so it cannot score a${side === 'item' ? 'n' : ''} ${side} it never saw`,
      );
    const given = new Map(Object.entries(raw).map(([k, v]) => [k.trim().toLowerCase(), v]));
    const features = { ...base };
    for (const [name, column] of columns) {
      const value = given.get(column.encoding.source.toLowerCase());
      if (value === undefined)
        throw new RunError(
          `a new ${side} needs ${this.featureSources(side)
            .map((f) => `--${side}-feature ${f}=…`)
            .join(' ')} (missing: ${column.encoding.source})`,
        );
      let encoded: number[];
      try {
        encoded = encodeRaw(column.encoding.source, column.encoding, value);
      } catch (e) {
        if (e instanceof FeatureValueError) throw new RunError(e.message);
        throw e;
      }
      // Only row 0 is read while the newcomer is scored: the column is its one row.
      features[name] = {
        encoding: column.encoding,
        values: column.encoding.kind === 'categorical' ? Int32Array.from(encoded) : Float32Array.from(encoded),
      };
    }
    const unknown = [...given.keys()].filter((k) => !columns.some(([, c]) => c.encoding.source.toLowerCase() === k));
    if (unknown.length)
      throw new RunError(
        `the model has no ${side} feature '${unknown[0]}'; it reads ${this.featureSources(side).join(', ')}`,
      );
    return features;
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
    return this.scoresWith(user, items, this.run.columns);
  }

  private scoresWith(user: number, items: Int32Array, features: FeatureColumns): Float32Array {
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
      features,
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
