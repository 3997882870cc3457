/**
 * The committed WebAssembly kernels (and the shuffle's generator) are compiled from the committed C: each module records the
 * sha256 of the source it was built from, and an edit to kernels.c without `npm run build:kernels`
 * fails here (no compiler needed).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KERNELS_SOURCE_SHA256, KERNELS_WASM_BASE64 } from '../../../src/core/engine/fast/wasm/kernels.wasm';
import { ARC4_SOURCE_SHA256, ARC4_WASM_BASE64 } from '../../../src/core/util/wasm/arc4.wasm';

const WASM_DIR = join(__dirname, '../../../src/core/engine/fast/wasm');
const UTIL_WASM_DIR = join(__dirname, '../../../src/core/util/wasm');

describe('engine: the WebAssembly binaries', function () {
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

  it("the shuffle's generator was compiled from the arc4.c beside it", function () {
    const source = createHash('sha256')
      .update(readFileSync(join(UTIL_WASM_DIR, 'arc4.c')))
      .digest('hex');
    assert.equal(
      ARC4_SOURCE_SHA256,
      source,
      'arc4.c changed after arc4.wasm.ts was built from it: run npm run build:kernels',
    );
    assert.ok(
      WebAssembly.validate(Buffer.from(ARC4_WASM_BASE64, 'base64')),
      'the base64 is a valid WebAssembly module',
    );
  });
});
