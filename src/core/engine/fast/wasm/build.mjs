// Compiles kernels.c to WebAssembly twice, with 128-bit SIMD and with relaxed SIMD's fused
// multiply-add (runtime.ts picks the second where the runtime validates it), and writes
// kernels.wasm.ts, both modules as base64 with the sha256 of the source they were built from, so that neither the tests nor the bundles need a C
// toolchain while a unit test still catches a kernels.c edited without a rebuild.
//
//   npm run build:kernels              # rebuild kernels.wasm.ts
//   npm run build:kernels -- --check   # rebuild into a temporary folder; fail if it differs from kernels.wasm.ts
//
// One compiler version, so that the same source always gives the same bytes: Debian 12's clang-14
// and lld-14 (apt-get install clang-14 lld-14).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LLVM_VERSION = '14.0.6';
const LLVM_MAJOR = LLVM_VERSION.split('.')[0];
const INSTALL = `apt-get install clang-${LLVM_MAJOR} lld-${LLVM_MAJOR}`;

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, 'kernels.c');
const target = join(here, 'kernels.wasm.ts');

function fail(message) {
  console.error(`build:kernels: ${message}`);
  process.exit(1);
}

function versionOf(command) {
  try {
    return execFileSync(command, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')[0]
      .trim();
  } catch {
    return undefined;
  }
}

/** The first of `commands` that runs; it must report LLVM_VERSION. */
function tool(what, commands, versionPattern) {
  const found = commands.map((command) => ({ command, version: versionOf(command) })).filter((t) => t.version);
  if (found.length === 0) fail(`${what} not found (tried ${commands.join(', ')}): ${INSTALL}`);
  const right = found.find((t) => versionPattern.test(t.version));
  if (!right) fail(`${what} ${LLVM_VERSION} is needed, found "${found[0].version}" (${found[0].command}): ${INSTALL}`);
  return right;
}

const llvmBin = `/usr/lib/llvm-${LLVM_MAJOR}/bin`;
const version = LLVM_VERSION.replace(/\./g, '\\.');
const clang = tool(
  'clang',
  [`clang-${LLVM_MAJOR}`, 'clang', `${llvmBin}/clang`],
  new RegExp(`clang version ${version}\\b`),
);
// clang's wasm driver only finds a linker named exactly wasm-ld, so compile and link as two steps.
const ld = tool('wasm-ld', [`wasm-ld-${LLVM_MAJOR}`, 'wasm-ld', `${llvmBin}/wasm-ld`], new RegExp(`LLD ${version}\\b`));
const objdump = tool(
  'llvm-objdump',
  [`llvm-objdump-${LLVM_MAJOR}`, 'llvm-objdump', `${llvmBin}/llvm-objdump`],
  new RegExp(`LLVM version ${version}\\b`),
);

function compile(work, relaxed) {
  const name = relaxed ? 'kernels-relaxed' : 'kernels';
  const object = join(work, `${name}.o`);
  const out = join(work, `${name}.wasm`);
  execFileSync(
    clang.command,
    [
      '--target=wasm32',
      '-O3',
      '-msimd128',
      ...(relaxed ? ['-mrelaxed-simd', '-DKERNELS_RELAXED=1'] : []),
      '-ffreestanding',
      '-nostdlib',
      '-fno-builtin',
      '-Wall',
      '-Wextra',
      '-Werror',
      '-c',
      '-o',
      object,
      source,
    ],
    { stdio: 'inherit' },
  );
  execFileSync(
    ld.command,
    [
      '--no-entry',
      '--import-memory',
      '--export=__heap_base',
      '-z',
      'stack-size=65536',
      '--strip-all',
      '-o',
      out,
      object,
    ],
    { stdio: 'inherit' },
  );
  return relaxed ? finalRelaxedOpcodes(out) : readFileSync(out);
}

// clang 14 emits relaxed SIMD's fused multiply-add as the proposal's early f32x4.fma; the standard
// (and every runtime that ships relaxed SIMD) calls it f32x4.relaxed_madd, a·b + c on the same stack.
const EARLY_FMA = [0xfd, 0xaf, 0x01];
const RELAXED_MADD = [0xfd, 0x85, 0x02];

/** Byte offset in the file where the payload of the code section (id 10) starts. */
function codeSectionStart(wasm) {
  const leb = (at) => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = wasm[at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
      if (!(byte & 0x80)) return { value, at };
    }
  };
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const size = leb(at + 1);
    if (id === 10) return size.at;
    at = size.at + size.value;
  }
  fail('the compiled module has no code section');
}

/** Rewrites every f32x4.fma the disassembler finds (and only those) to f32x4.relaxed_madd. */
function finalRelaxedOpcodes(file) {
  const wasm = readFileSync(file);
  const listing = execFileSync(objdump.command, ['-d', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const base = codeSectionStart(wasm);
  const sites = [...listing.matchAll(/^\s*([0-9a-f]+): fd af 01\s+f32x4\.fma$/gm)].map(
    (m) => base + parseInt(m[1], 16),
  );
  if (sites.length === 0)
    fail('the relaxed build has no fused multiply-add: is KERNELS_RELAXED still used in kernels.c?');
  for (const at of sites) {
    if (!EARLY_FMA.every((b, i) => wasm[at + i] === b)) fail(`no f32x4.fma at byte ${at} of the relaxed build`);
    RELAXED_MADD.forEach((b, i) => (wasm[at + i] = b));
  }
  return wasm;
}

const base64Lines = (wasm) => (wasm.toString('base64').match(/.{1,100}/g) ?? []).map((l) => `  '${l}'`).join(' +\n');

function moduleText(wasm, relaxed) {
  const sha256 = createHash('sha256').update(readFileSync(source)).digest('hex');
  return [
    '// Generated from kernels.c by build.mjs (`npm run build:kernels`): do not edit by hand.',
    `// Compiled by ${clang.version} and ${ld.version}.`,
    '',
    '/** sha256 of the kernels.c this module was compiled from (a unit test compares it with the file). */',
    `export const KERNELS_SOURCE_SHA256 = '${sha256}';`,
    '',
    'export const KERNELS_WASM_BASE64 =',
    `${base64Lines(wasm)};`,
    '',
    "/** The same kernels with relaxed SIMD's fused multiply-add (f32x4.relaxed_madd). */",
    'export const KERNELS_RELAXED_WASM_BASE64 =',
    `${base64Lines(relaxed)};`,
    '',
  ].join('\n');
}

const work = mkdtempSync(join(tmpdir(), 'ncf-kernels-'));
try {
  const wasm = compile(work, false);
  const relaxed = compile(work, true);
  const text = moduleText(wasm, relaxed);
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text)
      fail('kernels.wasm.ts is not what kernels.c compiles to: run npm run build:kernels');
    console.log(`kernels.wasm.ts matches kernels.c (${wasm.length} + ${relaxed.length} bytes of WebAssembly)`);
  } else {
    writeFileSync(target, text);
    console.log(`kernels.wasm.ts: ${wasm.length} + ${relaxed.length} bytes of WebAssembly from ${clang.version}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
