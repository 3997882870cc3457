/**
 * The one way the editor writes a spec: two-space JSON with one node and one layout entry per
 * line, like the presets. Each line stands for one thing, so a change to one node is a one-line
 * diff in git, and formatting a formatted file changes nothing.
 */
import { isObject, JsonObject } from './document';

/** JSON on one line, with a space after each colon and comma; small numbers as people write them (1e-5). */
export function compactJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compactJson).join(', ')}]`;
  if (isObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${compactJson(v)}`).join(', ')}}`;
  }
  if (typeof value === 'number' && value !== 0 && Math.abs(value) < 1e-3 && Number.isFinite(value))
    return value.toExponential();
  return JSON.stringify(value) ?? 'null';
}

/** Keys whose entries each get a line of their own. */
const ONE_LINE_PER_ENTRY = new Set(['nodes', 'layout']);

function formatTopValue(key: string, value: unknown): string {
  if (ONE_LINE_PER_ENTRY.has(key)) {
    if (Array.isArray(value) && value.length) return `[\n${value.map((v) => `    ${compactJson(v)}`).join(',\n')}\n  ]`;
    if (isObject(value) && Object.keys(value).length) {
      return `{\n${Object.entries(value)
        .map(([k, v]) => `    ${JSON.stringify(k)}: ${compactJson(v)}`)
        .join(',\n')}\n  }`;
    }
  }
  return compactJson(value);
}

export function formatSpecDocument(doc: JsonObject): string {
  const entries = Object.entries(doc).filter(([, v]) => v !== undefined);
  if (!entries.length) return '{}\n';
  return `{\n${entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${formatTopValue(k, v)}`).join(',\n')}\n}\n`;
}

/** The smallest single replacement turning `before` into `after` (offsets into `before`), or null when equal. */
export function minimalReplacement(before: string, after: string): { start: number; end: number; text: string } | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (
    tail < max - start &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  )
    tail++;
  // Never split a surrogate pair: an editor could not place a cursor between its halves.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (tail > 0 && isLowSurrogate(before.charCodeAt(before.length - tail))) tail--;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
