/** Small display helpers shared by the canvas and the inspector. */
import type { JsonValue } from '../../src/core/graph';
export const formatCount = (n: number) => n.toLocaleString('en-US');

/** "1e-5" rather than "0.00001": how people write regularisation strengths. */
export function formatNumber(v: unknown): string {
  if (typeof v !== 'number') return v === undefined || v === null ? '' : String(v);
  return v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential() : String(v);
}

/** A field's text as typed, turned into the JSON value to write: empty clears it, numbers become numbers. */
export function parseFieldText(text: string, kind: 'int' | 'number' | 'intList' | 'string'): JsonValue {
  const t = text.trim();
  if (t === '') return null;
  if (kind === 'string') return text;
  if (kind === 'intList') {
    const parts = t.split(/[\s,]+/).filter(Boolean);
    return parts.map((p) => (Number.isFinite(Number(p)) ? Number(p) : p));
  }
  // An unparsable number is written as typed, so the spec check can say what is wrong with it.
  return Number.isFinite(Number(t)) ? Number(t) : t;
}
