// Compiles kernels.c to WebAssembly (SIMD) and writes kernels.wasm.ts, the module as base64 with the
// sha256 of the source it was built from, so that neither the tests nor the bundles need a C
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

function compile(work) {
  const object = join(work, 'kernels.o');
  const out = join(work, 'kernels.wasm');
  execFileSync(
    clang.command,
    [
      '--target=wasm32',
      '-O3',
      '-msimd128',
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
  return readFileSync(out);
}

function moduleText(wasm) {
  const sha256 = createHash('sha256').update(readFileSync(source)).digest('hex');
  const lines = wasm.toString('base64').match(/.{1,100}/g) ?? [];
  return [
    '// Generated from kernels.c by build.mjs (`npm run build:kernels`): do not edit by hand.',
    `// Compiled by ${clang.version} and ${ld.version}.`,
    '',
    '/** sha256 of the kernels.c this module was compiled from (a unit test compares it with the file). */',
    `export const KERNELS_SOURCE_SHA256 = '${sha256}';`,
    '',
    'export const KERNELS_WASM_BASE64 =',
    `${lines.map((l) => `  '${l}'`).join(' +\n')};`,
    '',
  ].join('\n');
}

const work = mkdtempSync(join(tmpdir(), 'ncf-kernels-'));
try {
  const wasm = compile(work);
  const text = moduleText(wasm);
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text)
      fail('kernels.wasm.ts is not what kernels.c compiles to: run npm run build:kernels');
    console.log(`kernels.wasm.ts matches kernels.c (${wasm.length} bytes of WebAssembly)`);
  } else {
    writeFileSync(target, text);
    console.log(`kernels.wasm.ts: ${wasm.length} bytes of WebAssembly from ${clang.version}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
