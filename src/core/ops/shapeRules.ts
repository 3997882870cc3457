/** Checks several ops make of their inputs, each failing with a message that names the input at fault. */
import { Shape, ShapeError, Vocabulary, formatShape } from '../spec/shapes';
import type { Named } from './definition';

export function vectorWidth(input: Named, op: string): number {
  if (input.shape.kind === 'vector') return input.shape.width;
  if (input.shape.kind === 'ids') throw new ShapeError(`${op} needs vectors: ${input.id} is ${formatShape(input.shape)} (embed it first)`);
  throw new ShapeError(`${op} needs vectors: ${input.id} is a sequence ${formatShape(input.shape)} (pool it first)`);
}

export const totalWidth = (inputs: Named[], op: string) => inputs.reduce((sum, i) => sum + vectorWidth(i, op), 0);

export function equalWidths(inputs: Named[], op: string): number {
  const widths = inputs.map((i) => vectorWidth(i, op));
  if (widths.some((w) => w !== widths[0])) {
    throw new ShapeError(`${op} needs equal widths: ${inputs.map((i, k) => `${i.id} is ${widths[k]}`).join(', ')}`);
  }
  return widths[0];
}

export function idsOf(input: Named, op: string): Extract<Shape, { kind: 'ids' }> {
  if (input.shape.kind !== 'ids') throw new ShapeError(`${op} needs ids (an id or categorical input): ${input.id} is ${formatShape(input.shape)}`);
  return input.shape;
}

export function vocabSize(vocab: Vocabulary, name: string): number {
  const size = vocab[name];
  if (!size) throw new ShapeError(`no vocabulary size known for '${name}'`);
  return size;
}

export const denseParams = (inWidth: number, units: number, useBias: boolean) => inWidth * units + (useBias ? units : 0);

/** The ids shape feeding a table op, from the checked shapes (the checker has already inferred it). */
export function idsShape(shapes: Record<string, Shape>, id: string): Extract<Shape, { kind: 'ids' }> {
  const shape = shapes[id];
  if (shape.kind !== 'ids') throw new Error(`${id} does not carry ids`);
  return shape;
}
