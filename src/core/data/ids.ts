/** Raw ids (strings as they appear in the file) to contiguous indices 0…n-1, in order of first appearance. */
export class IdEncoder {
  private readonly index = new Map<string, number>();
  /** Raw id of each index. */
  readonly ids: string[] = [];

  encode(raw: string): number {
    let k = this.index.get(raw);
    if (k === undefined) {
      k = this.ids.length;
      this.index.set(raw, k);
      this.ids.push(raw);
    }
    return k;
  }

  /** The index of an id already seen, without adding new ones (side files, fold files). */
  lookup(raw: string): number | undefined {
    return this.index.get(raw);
  }

  get size(): number {
    return this.ids.length;
  }
}
