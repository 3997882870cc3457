/**
 * `out[i] = source[rows[i]]`: picks one column's values for a list of rows. A plain loop, because
 * `TypedArray.from(rows, map)` goes through the iterator protocol and is several times slower in V8,
 * which showed on every epoch's evaluation.
 */
export function gather<T extends Int32Array | Float32Array>(
  source: ArrayLike<number>,
  rows: ArrayLike<number>,
  out: T,
): T {
  for (let i = 0; i < rows.length; i++) out[i] = source[rows[i]];
  return out;
}

export const gatherInt = (source: ArrayLike<number>, rows: ArrayLike<number>): Int32Array =>
  gather(source, rows, new Int32Array(rows.length));

export const gatherFloat = (source: ArrayLike<number>, rows: ArrayLike<number>): Float32Array =>
  gather(source, rows, new Float32Array(rows.length));
