/** The ops, as the spec checker sees them: each op's definition lives in src/core/ops/<op>/. */
export { OPS, OP_LIST, isOpName, opOf } from '../ops/registry';
export type { OpDefinition, OpParts, Named, RawParams, PaletteGroup } from '../ops/definition';
