// Compiles kernels.c to WebAssembly twice, with 128-bit SIMD and with relaxed SIMD's fused
// multiply-add (runtime.ts picks the second where the runtime validates it), and writes
// kernels.wasm.ts, both modules as base64 with the sha256 of the source they were built from, so that neither the tests nor the bundles need a C
// toolchain while a unit test still catches a kernels.c edited without a rebuild. Builds the seeded
// shuffle's src/core/util/wasm/arc4.c into arc4.wasm.ts beside it the same way.
//
//   npm run build:kernels              # rebuild kernels.wasm.ts and arc4.wasm.ts
//   npm run build:kernels -- --check   # rebuild into a temporary folder; fail if either differs
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
const arc4Source = join(here, '..', '..', '..', 'util', 'wasm', 'arc4.c');
const arc4Target = join(here, '..', '..', '..', 'util', 'wasm', 'arc4.wasm.ts');

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

/** The shuffle's generator: no SIMD, and a memory of its own (it shares nothing with the kernels). */
function compileArc4(work) {
  const object = join(work, 'arc4.o');
  const out = join(work, 'arc4.wasm');
  execFileSync(
    clang.command,
    [
      '--target=wasm32',
      '-O3',
      '-ffreestanding',
      '-nostdlib',
      '-fno-builtin',
      '-Wall',
      '-Wextra',
      '-Werror',
      '-c',
      '-o',
      object,
      arc4Source,
    ],
    { stdio: 'inherit' },
  );
  execFileSync(
    ld.command,
    ['--no-entry', '--export=__heap_base', '-z', 'stack-size=4096', '--strip-all', '-o', out, object],
    {
      stdio: 'inherit',
    },
  );
  return readFileSync(out);
}

const base64Lines = (wasm) => (wasm.toString('base64').match(/.{1,100}/g) ?? []).map((l) => `  '${l}'`).join(' +\n');

/** A generated module: the sha256 of its C source, then each build of it as base64 under `PREFIX…_WASM_BASE64`. */
function moduleText(sourceFile, prefix, builds) {
  const name = sourceFile.split(/[\\/]/).pop();
  const sha256 = createHash('sha256').update(readFileSync(sourceFile)).digest('hex');
  return [
    `// Generated from ${name} by build.mjs (\`npm run build:kernels\`): do not edit by hand.`,
    `// Compiled by ${clang.version} and ${ld.version}.`,
    '',
    `/** sha256 of the ${name} this module was compiled from (a unit test compares it with the file). */`,
    `export const ${prefix}_SOURCE_SHA256 = '${sha256}';`,
    '',
    ...builds.flatMap(({ doc, variant = '', wasm }) => [
      ...(doc ? [`/** ${doc} */`] : []),
      `export const ${prefix}${variant}_WASM_BASE64 =`,
      `${base64Lines(wasm)};`,
      '',
    ]),
  ].join('\n');
}

/** Writes a generated module, or with --check fails when the committed one differs. */
function emit(file, text, what) {
  const name = file.split(/[\\/]/).pop();
  if (process.argv.includes('--check')) {
    if (readFileSync(file, 'utf8') !== text)
      fail(`${name} is not what its C source compiles to: run npm run build:kernels`);
    console.log(`${name} matches its C source (${what})`);
  } else {
    writeFileSync(file, text);
    console.log(`${name}: ${what} from ${clang.version}`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'ncf-kernels-'));
try {
  const wasm = compile(work, false);
  const relaxed = compile(work, true);
  const kernels = moduleText(source, 'KERNELS', [
    { wasm },
    {
      doc: "The same kernels with relaxed SIMD's fused multiply-add (f32x4.relaxed_madd).",
      variant: '_RELAXED',
      wasm: relaxed,
    },
  ]);
  emit(target, kernels, `${wasm.length} + ${relaxed.length} bytes of WebAssembly`);
  const arc4 = compileArc4(work);
  emit(arc4Target, moduleText(arc4Source, 'ARC4', [{ wasm: arc4 }]), `${arc4.length} bytes of WebAssembly`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
