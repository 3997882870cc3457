/** A codicon for each op (and for each kind of input), so nodes and palette entries are told apart at a glance. */
const BY_OP: Record<string, string> = {
  embedding: 'symbol-array',
  bias: 'symbol-constant',
  dense: 'layers',
  mlp: 'layers-active',
  dropout: 'circle-slash',
  concat: 'combine',
  hadamard: 'close',
  dot: 'circle-small-filled',
  add: 'add',
  pooling: 'fold',
  output: 'target',
};
const BY_INPUT: Record<string, string> = { user: 'account', item: 'package', userFeature: 'person', itemFeature: 'tag', tokens: 'symbol-text' };

export function opIcon(op: string, params?: Record<string, unknown>): string {
  if (op === 'input') return BY_INPUT[String(params?.field)] ?? 'symbol-variable';
  return BY_OP[op] ?? 'question';
}
