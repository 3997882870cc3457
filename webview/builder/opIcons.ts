/** A codicon for each op (and for each kind of input), as the op's definition says, so nodes and palette entries are told apart at a glance. */
import { OPS, isOpName } from '../../src/core/spec';

export function opIcon(op: string, params?: Record<string, unknown>): string {
  return isOpName(op) ? OPS[op].icon(params ?? {}) : 'question';
}
