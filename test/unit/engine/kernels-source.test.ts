/**
 * The committed WebAssembly kernels are compiled from the committed kernels.c: the module records the
 * sha256 of the source it was built from, and an edit to kernels.c without `npm run build:kernels`
 * fails here (no compiler needed).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KERNELS_SOURCE_SHA256, KERNELS_WASM_BASE64 } from '../../../src/core/engine/fast/wasm/kernels.wasm';

const WASM_DIR = join(__dirname, '../../../src/core/engine/fast/wasm');

describe('engine: the fast kernels binary', function () {
  it('was compiled from the kernels.c beside it', function () {
    const source = createHash('sha256')
      .update(readFileSync(join(WASM_DIR, 'kernels.c')))
      .digest('hex');
    assert.equal(
      KERNELS_SOURCE_SHA256,
      source,
      'kernels.c changed after kernels.wasm.ts was built from it: run npm run build:kernels',
    );
  });

  it('records a sha256 and holds a WebAssembly module', function () {
    assert.match(KERNELS_SOURCE_SHA256, /^[0-9a-f]{64}$/);
    assert.ok(
      WebAssembly.validate(Buffer.from(KERNELS_WASM_BASE64, 'base64')),
      'the base64 is a valid WebAssembly module',
    );
  });
});
