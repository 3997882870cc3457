/** Test helpers for the graph logic: a seeded random source and a growing-graph builder. */
import { applyEditToText, GraphEdit } from '../../../src/core/graph';

/** A small seeded generator, so a failing random case can be replayed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Applies edits one after another like the host does, keeping every text (the editor's undo stack). */
export function applyAll(text: string, edits: GraphEdit[]): { text: string; history: string[]; selected: string[][] } {
  const history = [text];
  const selected: string[][] = [];
  for (const edit of edits) {
    const r = applyEditToText(text, edit);
    if (!r.ok) throw new Error(`${edit.kind} failed: ${r.message}`);
    text = r.text;
    history.push(text);
    selected.push(r.select ?? []);
  }
  return { text, history, selected };
}
