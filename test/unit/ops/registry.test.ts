/**
 * One module per op: every part of every op is there, the engine registry covers the op registry,
 * and leaving a part out of a definition is a type error (shown below with @ts-expect-error, which
 * `npm run typecheck` checks, and for every part at once through the TypeScript compiler).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { defineOp } from '../../../src/core/ops/definition';
import { OP_ENGINES, OpEngines } from '../../../src/core/ops/engines';
import { inputIds, nodeSchema } from '../../../src/core/ops/fields';
import { OPS, OP_LIST, OP_NAMES } from '../../../src/core/ops/registry';
import { PALETTE } from '../../../src/core/graph/palette';

const PARTS = ['title', 'description', 'group', 'icon', 'summary', 'palette', 'minInputs', 'maxInputs', 'infer', 'params', 'describe', 'ts', 'py'] as const;
const OPS_DIR = path.resolve(__dirname, '../../../src/core/ops');

// A definition missing its shape inference does not compile.
const { infer: _infer, ...withoutInfer } = OPS.dot;
// @ts-expect-error -- 'infer' is missing
defineOp(nodeSchema('dot', { inputs: inputIds() }), withoutInfer);

// An op registered without its engine part does not compile.
const { add: _add, ...withoutAdd } = OP_ENGINES;
// @ts-expect-error -- 'add' is missing
export const incomplete: OpEngines = withoutAdd;

// An engine part with neither a fast node nor the reason it falls back does not compile.
// @ts-expect-error -- 'fast' must have 'compile' or 'unsupported'
export const noFastStory: OpEngines['dot'] = { layer: OP_ENGINES.dot.layer, fast: {} };

describe('ops: one module per op', () => {
  it('every op has every part, and the engine registry has exactly the ops of the registry', () => {
    for (const def of OP_LIST) {
      for (const part of PARTS) assert.notEqual(def[part], undefined, `${def.name}.${part}`);
      assert.equal(def.schema.shape.op.value, def.name);
      const engine = OP_ENGINES[def.name];
      assert.equal(typeof engine.layer, 'function', `${def.name}: layer`);
      assert.ok(engine.fast.compile || engine.fast.unsupported, `${def.name}: a fast node or the reason it falls back`);
    }
    assert.deepEqual(Object.keys(OP_ENGINES).sort(), [...OP_NAMES].sort());
  });

  it('the palette offers every op', () => {
    for (const op of OP_NAMES) assert.ok(PALETTE.some((e) => e.op === op), op);
  });

  it('leaving out any one part of a definition is a type error (the TypeScript compiler says so)', function () {
    this.timeout(120_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'ncf-ops-parts-'));
    try {
      const file = path.join(dir, 'parts.ts');
      const lines = [
        `import { defineOp } from ${JSON.stringify(path.join(OPS_DIR, 'definition'))};`,
        `import { inputIds, nodeSchema } from ${JSON.stringify(path.join(OPS_DIR, 'fields'))};`,
        `import { OPS } from ${JSON.stringify(path.join(OPS_DIR, 'registry'))};`,
        `const { name: _n, schema: _s, ...complete } = OPS.add;`,
        `defineOp(nodeSchema('add', { inputs: inputIds() }), complete);`,
        ...PARTS.map((part) => `{ const { ${part}: _, ...rest } = complete; defineOp(nodeSchema('add', { inputs: inputIds() }), rest); }`),
      ];
      writeFileSync(file, lines.join('\n'));
      const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, esModuleInterop: true, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, moduleResolution: ts.ModuleResolutionKind.Node10, types: [] });
      const errorLines = new Set(
        ts.getPreEmitDiagnostics(program)
          .filter((d) => d.file?.fileName === file)
          .map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line),
      );
      assert.ok(!errorLines.has(4), 'the complete definition compiles');
      PARTS.forEach((part, k) => assert.ok(errorLines.has(5 + k), `a definition without '${part}' compiles`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
