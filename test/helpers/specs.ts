/** Small spec builders shared by the tests. */
import { SpecInput } from '../../src/core/spec/schema';

type RawNode = Record<string, unknown> & { id: string; op: string };

export function specWith(nodes: RawNode[], training: Record<string, unknown> = {}): SpecInput {
  return { version: 1, name: 'test', nodes, training } as unknown as SpecInput;
}

export const USER_ITEM: RawNode[] = [
  { id: 'user', op: 'input', field: 'user' },
  { id: 'item', op: 'input', field: 'item' },
];

/** Cosine matrix factorisation: a step the fast engine computes partly in JavaScript (the cosine op). */
export const cosineSpec = (extra: Partial<SpecInput['training']> = {}): SpecInput => ({
  version: 1,
  name: 'cosine MF',
  nodes: [
    { id: 'user', op: 'input', field: 'user' },
    { id: 'item', op: 'input', field: 'item' },
    { id: 'p', op: 'embedding', dim: 4, inputs: ['user'] },
    { id: 'q', op: 'embedding', dim: 4, inputs: ['item'] },
    { id: 'c', op: 'cosine', inputs: ['p', 'q'] },
    { id: 'h', op: 'dense', units: 1, inputs: ['c'] },
    { id: 'rating', op: 'output', globalMean: true, inputs: ['h'] },
  ],
  training: { optimizer: 'sgd', learningRate: 0.05, batchSize: 64, seed: 9, ...extra },
});
