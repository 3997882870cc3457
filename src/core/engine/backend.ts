/**
 * Picks the fastest TensorFlow.js backend that works here: tfjs-node when it is installed
 * (it is optional: its install downloads a native library), else wasm, else cpu.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { registerSegmentSumKernels } from './kernels';
import { BackendChoice, BackendName } from './events';

export class BackendError extends Error {}

function loadTfjsNode(): boolean {
  try {
    // Marked external in the bundle: resolved at run time, only where it is installed.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would make it a hard dependency
    require('@tensorflow/tfjs-node');
    return tf.findBackend('tensorflow') !== null;
  } catch {
    return false;
  }
}

let wasmPathSet = false;
function pointWasmAtBundle(): void {
  // In a bundle the binaries are copied next to it; from source, the package finds its own.
  if (wasmPathSet) return;
  wasmPathSet = true;
  if (existsSync(join(__dirname, 'tfjs-backend-wasm.wasm'))) setWasmPaths(join(__dirname, '/'));
}

async function tryBackend(name: BackendName): Promise<boolean> {
  if (name === 'tensorflow') {
    if (!loadTfjsNode()) return false;
  } else if (name === 'wasm') {
    pointWasmAtBundle();
  }
  if (name !== 'tensorflow') registerSegmentSumKernels(name);
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/** Sets the backend and returns its name; `auto` tries tensorflow, then wasm, then cpu. */
export async function useBackend(choice: BackendChoice = 'auto'): Promise<BackendName> {
  // Production mode skips debug checks and the console banner that recommends tfjs-node.
  tf.enableProdMode();
  const order: BackendName[] = choice === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [choice];
  for (const name of order) {
    if (await tryBackend(name)) {
      await tf.ready();
      return name;
    }
  }
  throw new BackendError(
    choice === 'tensorflow'
      ? 'backend "tensorflow" is not available: install @tensorflow/tfjs-node (it needs network access to download libtensorflow), or use --backend auto'
      : `backend "${choice}" could not be initialised`,
  );
}
