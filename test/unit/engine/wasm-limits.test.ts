import { strict as assert } from 'node:assert';
import { Arena, checkFits, ModelTooLargeError, WASM_MAX_BYTES } from '../../../src/core/engine/fast/wasm/runtime';

describe('fast engine: the limits of WebAssembly memory', function () {
  it('refuses what cannot be addressed, with the sizes, before allocating', () => {
    assert.throws(
      () => checkFits(5.5e9, 'its tables'),
      (e: Error) =>
        e instanceof ModelTooLargeError &&
        /this model needs 5\.1 GB for its tables; the WebAssembly engine can address 4\.0 GB/.test(e.message),
    );
    checkFits(WASM_MAX_BYTES, 'its tables');
  });

  it('an allocation past 4 GB is refused by the arena, and the arena stays usable', () => {
    const arena = new Arena();
    assert.throws(() => arena.alloc(WASM_MAX_BYTES / 4 + 1), ModelTooLargeError);
    const ptr = arena.alloc(8);
    arena.f32(ptr, 8).fill(3);
    assert.deepEqual([...arena.f32(ptr, 8)], [3, 3, 3, 3, 3, 3, 3, 3]);
  });
});
