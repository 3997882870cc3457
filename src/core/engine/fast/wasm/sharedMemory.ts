/**
 * The kernels' binary with its memory import declared shared, so that worker threads can run the
 * same kernels over the same memory (a thread team, team.ts). The kernels themselves use no atomic
 * instruction (threads only ever write disjoint rows), so the module needs no other change; a
 * shared memory must declare its maximum, which is the whole 32-bit address space.
 */

const IMPORT_SECTION = 2;
const MEMORY_KIND = 2;
const SHARED_WITH_MAX = 0x03;
export const SHARED_MAX_PAGES = 65536;

function readLeb(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return { value, next: at };
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/** Skips a name (length-prefixed bytes). */
const skipName = (bytes: Uint8Array, at: number) => {
  const { value, next } = readLeb(bytes, at);
  return next + value;
};

/** Rewrites the one imported memory's limits to shared, with the maximum the engine may grow to. */
export function withSharedMemory(binary: Uint8Array): Uint8Array<ArrayBuffer> {
  let at = 8; // magic and version
  while (at < binary.length) {
    const id = binary[at];
    const size = readLeb(binary, at + 1);
    const start = size.next;
    const end = start + size.value;
    if (id === IMPORT_SECTION) {
      let p = skipName(binary, skipName(binary, readLeb(binary, start).next));
      if (binary[p++] !== MEMORY_KIND) throw new Error('kernels: the first import is not the memory');
      const flags = binary[p];
      const min = readLeb(binary, p + 1);
      const limitsEnd = flags & 1 ? readLeb(binary, min.next).next : min.next;
      const limits = [SHARED_WITH_MAX, ...leb(min.value), ...leb(SHARED_MAX_PAGES)];
      const body = [...binary.subarray(start, p), ...limits, ...binary.subarray(limitsEnd, end)];
      return Uint8Array.from([
        ...binary.subarray(0, at),
        IMPORT_SECTION,
        ...leb(body.length),
        ...body,
        ...binary.subarray(end),
      ]);
    }
    at = end;
  }
  throw new Error('kernels: no import section');
}
