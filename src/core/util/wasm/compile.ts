/** Compiling our WebAssembly modules. */
import { setFlagsFromString } from 'node:v8';

/**
 * Compiles a module with V8's optimising compiler, every function at once, as the module is made
 * (20–30 ms for the training kernels, once per process), instead of V8's default: each function
 * compiled by its baseline compiler on its first call and recompiled when hot, which made a run's
 * first training steps up to ten times slower than its later ones (the first epoch of mf-bias took
 * half as long again as the next). The flags are read when a module is compiled, and put back after
 * ours, so that other modules (TensorFlow.js's WebAssembly backend, for one) compile as they always do.
 */
export function compileAheadOfTime(bytes: BufferSource): WebAssembly.Module {
  setFlagsFromString('--no-liftoff');
  setFlagsFromString('--no-wasm-lazy-compilation');
  try {
    return new WebAssembly.Module(bytes);
  } finally {
    setFlagsFromString('--liftoff');
    setFlagsFromString('--wasm-lazy-compilation');
  }
}
