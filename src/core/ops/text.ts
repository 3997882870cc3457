/** Small wording helpers the ops' summaries and descriptions share. */
import { formatNumber } from '../codegen/expr';

/** A parameter as a person writes it ("1e-5" rather than "0.00001"); the value may be anything while it is edited. */
export function param(v: unknown): string {
  if (typeof v === 'number' && Number.isFinite(v)) return formatNumber(v);
  return v === undefined || v === null ? '' : String(v);
}

export const plural = (n: unknown, word: string) => `${param(n)} ${word}${n === 1 ? '' : 's'}`;

/** " · λ 1e-5" when the node has an L2 strength (canvas summaries). */
export const l2Summary = (params: Readonly<Record<string, unknown>>) => (params.l2 !== undefined ? ` · λ ${param(params.l2)}` : '');

/** ", L2 λ = 1e-5" when the node has an L2 strength (generated code's comments). */
export const l2Words = (l2: number | undefined) => (l2 ? `, L2 λ = ${formatNumber(l2)}` : '');

/** "a and b", "a, b and c". */
export const names = (ids: string[]) => (ids.length <= 2 ? ids.join(' and ') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`);

/** What a vocabulary's ids are, in words. */
export const idsWords = (vocab: string) => (vocab === 'user' || vocab === 'item' ? `${vocab} ids` : vocab === 'tokens' ? 'token ids' : `${vocab} categories`);

/** The summary of an op with no parameters: how many inputs it has so far. */
export const inputCount = (params: Readonly<Record<string, unknown>>) => {
  const n = Array.isArray(params.inputs) ? params.inputs.length : 0;
  return n ? plural(n, 'input') : 'no inputs yet';
};
