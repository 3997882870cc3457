/** What the parameter-free ops that join branches (concat, Hadamard, dot, cosine, add) have in common. */
import { inputCount } from './text';

export const MERGE_OP = { group: 'Merge', summary: inputCount, params: () => 0 } as const;
