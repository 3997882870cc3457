/**
 * A shuffle's draws from seedrandom's ARC4 generator, run by arc4.c's WebAssembly: the numbers
 * random.ts's JavaScript draws (a test compares), about 1.5 times as fast and at full speed from the
 * first call (an epoch's shuffle is the first thing it does).
 */
import { ARC4_WASM_BASE64 } from './arc4.wasm';
import { compileAheadOfTime } from './compile';

/** The generator's state: its 256-byte permutation and its two indices. */
export interface Arc4State {
  s: Uint8Array;
  i: number;
  j: number;
}

/** Draws per call: a long shuffle goes through a buffer of this many in stretches. */
const STRETCH = 65536;
/** Bytes of the state in the module's memory: S, then i and j (arc4.c's Arc4), rounded up. */
const STATE_BYTES = 272;

interface Arc4Module {
  memory: WebAssembly.Memory;
  draws: (state: number, out: number, lo: number, hi: number) => void;
  state: number;
  out: number;
}

let loaded: Arc4Module | undefined;

function arc4Module(): Arc4Module {
  if (!loaded) {
    const exports = new WebAssembly.Instance(compileAheadOfTime(Buffer.from(ARC4_WASM_BASE64, 'base64')), {})
      .exports as { memory: WebAssembly.Memory; shuffle_draws: Arc4Module['draws']; __heap_base: WebAssembly.Global };
    const state = Math.ceil(Number(exports.__heap_base.value) / 16) * 16;
    const out = state + STATE_BYTES;
    const { memory } = exports;
    const end = out + STRETCH * 4;
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
    loaded = { memory, draws: exports.shuffle_draws, state, out };
  }
  return loaded;
}

/** Fills `swaps[1…n−1]` as random.ts's shuffleDraws does, and moves the generator on past the draws. */
export function arc4ShuffleDraws(generator: Arc4State, swaps: Int32Array): void {
  const m = arc4Module();
  const bytes = new Uint8Array(m.memory.buffer);
  const indices = new Uint32Array(m.memory.buffer, m.state + 256, 2);
  bytes.set(generator.s, m.state);
  indices[0] = generator.i;
  indices[1] = generator.j;
  for (let hi = swaps.length - 1; hi >= 1;) {
    const lo = Math.max(1, hi - STRETCH + 1);
    m.draws(m.state, m.out, lo, hi);
    swaps.set(new Int32Array(m.memory.buffer, m.out, hi - lo + 1), lo);
    hi = lo - 1;
  }
  generator.s.set(bytes.subarray(m.state, m.state + 256));
  generator.i = indices[0];
  generator.j = indices[1];
}
