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
