/** Collects rating rows as they are parsed: encodes ids, checks each rating, and grows typed arrays. */
import { IdEncoder } from './ids';
import { quoted } from './text';
import { Dataset, DataError } from './types';

/** The encoded ratings part of a Dataset, before features and vocabulary are added. */
export type RatingRows = Pick<
  Dataset,
  'users' | 'items' | 'ratings' | 'userIds' | 'itemIds' | 'ratingRange' | 'ratingRangeObserved' | 'timestamps'
>;

export class RatingsBuilder {
  readonly users = new IdEncoder();
  readonly items = new IdEncoder();
  private userIndex = new Int32Array(1 << 16);
  private itemIndex = new Int32Array(1 << 16);
  private values = new Float32Array(1 << 16);
  /** Seconds since the epoch per row, when the source has them (ranking's leave-one-out split orders by time). */
  private times: Float64Array | null = null;
  private count = 0;
  private low = Infinity;
  private high = -Infinity;

  /** `range`: the scale the source declares; without one, the scale is taken from the ratings seen. */
  constructor(private readonly range?: [number, number]) {}

  get size(): number {
    return this.count;
  }

  add(user: string, item: string, rating: string, file: string, lineNo: number, timestamp?: string): void {
    const value = Number(rating);
    // Number('') and Number('  ') are 0, so blanks need their own test.
    if (!Number.isFinite(value) || (value === 0 && rating.trim() === '')) {
      throw new DataError(`rating ${quoted(rating)} is not a number`, file, lineNo);
    }
    if (this.range && (value < this.range[0] || value > this.range[1])) {
      throw new DataError(
        `rating ${rating.trim()} is outside the rating range ${this.range[0]} to ${this.range[1]}`,
        file,
        lineNo,
      );
    }
    // Without a declared scale, a negative rating is taken for a damaged row (a scale that has them can be declared).
    if (!this.range && value < 0) throw new DataError(`rating ${rating.trim()} is negative`, file, lineNo);
    const userId = user.trim();
    const itemId = item.trim();
    if (userId === '') throw new DataError('the user id is empty', file, lineNo);
    if (itemId === '') throw new DataError('the item id is empty', file, lineNo);
    if (this.count === this.values.length) this.grow();
    const row = this.count++;
    this.userIndex[row] = this.users.encode(userId);
    this.itemIndex[row] = this.items.encode(itemId);
    this.values[row] = value;
    if (timestamp !== undefined) {
      const time = Number(timestamp);
      if (!Number.isFinite(time) || timestamp.trim() === '')
        throw new DataError(`timestamp ${quoted(timestamp)} is not a number`, file, lineNo);
      this.times ??= new Float64Array(this.values.length);
      this.times[row] = time;
    }
    if (value < this.low) this.low = value;
    if (value > this.high) this.high = value;
  }

  /** The finished rows; `file` and `endLine` say where rows were expected if there were none. */
  finish(file: string, endLine: number): RatingRows {
    if (this.count === 0) throw new DataError('no rating rows found', file, endLine);
    return {
      users: this.userIndex.slice(0, this.count),
      items: this.itemIndex.slice(0, this.count),
      ratings: this.values.slice(0, this.count),
      userIds: this.users.ids,
      itemIds: this.items.ids,
      ratingRange: this.range ? [this.range[0], this.range[1]] : [this.low, this.high],
      ...(this.range ? {} : { ratingRangeObserved: true }),
      ...(this.times ? { timestamps: this.times.slice(0, this.count) } : {}),
    };
  }

  private grow(): void {
    const size = this.values.length * 2;
    const users = new Int32Array(size);
    users.set(this.userIndex);
    const items = new Int32Array(size);
    items.set(this.itemIndex);
    const values = new Float32Array(size);
    values.set(this.values);
    this.userIndex = users;
    this.itemIndex = items;
    this.values = values;
    if (this.times) {
      const times = new Float64Array(size);
      times.set(this.times);
      this.times = times;
    }
  }
}
