/**
 * A user's own side features: a CSV with a header and an id column matching the ratings' raw ids. Each
 * other column is a feature named by its header; its kind is inferred (numeric, categorical, or
 * multi-valued 'a|b|c') unless declared.
 */
import { guessDelimiter } from './csv';
import { forEachRecord } from './delimited';
import { buildColumn, FeatureColumns, FeatureKind, FeatureSide, splitValues } from './featureColumns';
import { readText } from './text';
import { DataError } from './types';

export const FEATURE_ID_COLUMNS = {
  user: ['id', 'user', 'userId', 'user_id'],
  item: ['id', 'item', 'itemId', 'item_id', 'movieId'],
};
/** The category an id missing from the file (or a blank cell) takes. */
export const MISSING_CATEGORY = 'unknown';
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Columns for the encoded ids `ids` (raw ids in index order). Rows for ids the ratings do not have are
 * skipped; ids the file lacks get the missing value (the mean, 'unknown', no values) and are counted.
 */
export async function loadFeatureFile(
  file: string,
  side: FeatureSide,
  ids: readonly string[],
  declared: Record<string, FeatureKind> = {},
): Promise<FeatureColumns> {
  const text = await readText(file, 'utf8');
  const index = new Map(ids.map((id, k) => [id, k]));
  let names: string[] | undefined;
  let idColumn = -1;
  let cells: (string | undefined)[][] = [];
  const seenAt = new Map<string, number>();
  const lineOf: number[][] = [];
  forEachRecord(text, file, guessDelimiter(text), (fields, lineNo) => {
    if (!names) {
      names = fields.map((f) => f.trim());
      idColumn = names.findIndex((n) => FEATURE_ID_COLUMNS[side].some((c) => c.toLowerCase() === n.toLowerCase()));
      if (idColumn === -1)
        throw new DataError(
          `no id column (looked for ${FEATURE_ID_COLUMNS[side].join(', ')}); the header has ${names.join(', ')}`,
          file,
          lineNo,
        );
      if (names.length < 2) throw new DataError('the header names no feature column besides the id', file, lineNo);
      names.forEach((n, c) => {
        if (c === idColumn) return;
        if (!NAME.test(n))
          throw new DataError(
            `column '${n}': a feature name holds letters, digits, _ . - and starts with a letter`,
            file,
            lineNo,
          );
        if (names!.indexOf(n) !== c) throw new DataError(`column '${n}' appears twice in the header`, file, lineNo);
      });
      cells = names.map(() => new Array<string | undefined>(ids.length));
      names.forEach(() => lineOf.push(new Array<number>(ids.length)));
      return;
    }
    if (fields.length !== names.length)
      throw new DataError(`expected ${names.length} columns as in the header, found ${fields.length}`, file, lineNo);
    const id = fields[idColumn].trim();
    if (id === '') throw new DataError(`the ${side} id is empty`, file, lineNo);
    const earlier = seenAt.get(id);
    if (earlier !== undefined)
      throw new DataError(`${side} '${id}' is listed twice (first on line ${earlier})`, file, lineNo);
    seenAt.set(id, lineNo);
    const k = index.get(id);
    if (k === undefined) return; // a user or item without ratings needs no features
    fields.forEach((value, c) => {
      const trimmed = value.trim();
      cells[c][k] = trimmed === '' ? undefined : trimmed;
      lineOf[c][k] = lineNo;
    });
  });
  if (!names) throw new DataError('the file is empty: it needs a header and one row per id', file);
  const columns: FeatureColumns = {};
  for (const [c, name] of names.entries()) {
    if (c === idColumn) continue;
    const kind = declared[name] ?? inferKind(cells[c]);
    if (kind === 'numeric') {
      const bad = cells[c].findIndex((v) => v !== undefined && !Number.isFinite(Number(v)));
      if (bad !== -1)
        throw new DataError(
          `column '${name}' is numeric, but '${cells[c][bad]}' is not a number`,
          file,
          lineOf[c][bad],
        );
    }
    columns[name] = buildColumn(name, cells[c], {
      side,
      kind,
      fallback: kind === 'categorical' ? MISSING_CATEGORY : undefined,
    });
  }
  return columns;
}

/** Multi-valued when some value lists several ('a|b'), numeric when every value is a number, else categorical. */
export function inferKind(values: (string | undefined)[]): FeatureKind {
  let numeric = true;
  for (const v of values) {
    if (v === undefined) continue;
    if (v.includes('|') && splitValues(v).length > 1) return 'multiHot';
    if (!Number.isFinite(Number(v))) numeric = false;
  }
  return numeric ? 'numeric' : 'categorical';
}

/** `name=kind` pairs (the CLI's --feature-kind) to a map; a bad pair is an error naming it. */
export function parseFeatureKinds(pairs: string[] = []): Record<string, FeatureKind> {
  const kinds: Record<string, FeatureKind> = {};
  for (const pair of pairs) {
    const m = /^([^=]+)=(numeric|categorical|multiHot)$/.exec(pair.trim());
    if (!m) throw new DataError(`--feature-kind '${pair}': use NAME=numeric, NAME=categorical or NAME=multiHot`);
    kinds[m[1].trim()] = m[2] as FeatureKind;
  }
  return kinds;
}
