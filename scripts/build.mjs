// Bundles every entry point that exists, copies the wasm binaries next to the bundles,
// and writes the JSON Schema of *.ncf.json that package.json contributes to VS Code.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const nodeEntries = [
  ['src/extension/extension.ts', 'extension'],
  ['src/worker/worker.ts', 'worker'],
  ['src/worker/tuneWorker.ts', 'tune-worker'],
  ['src/cli/main.ts', 'cli'],
].filter(([file]) => existsSync(join(root, file)));

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', absWorkingDir: root };

await build({
  ...common,
  entryPoints: Object.fromEntries(nodeEntries.map(([file, name]) => [name, file])),
  outdir: dist,
  platform: 'node',
  // jsonc-parser's UMD `main` requires its own files at run time, which a bundle cannot resolve; its ESM build bundles.
  mainFields: ['module', 'main'],
  target: 'node20',
  format: 'cjs',
  // tfjs-node is optional and native: resolved at run time only if installed.
  external: ['vscode', '@tensorflow/tfjs-node', 'tsx'],
  loader: { '.json': 'json' },
});

const webviewDir = join(root, 'webview');
// One browser bundle per folder of webview/ that has a main.ts(x).
const entryOf = (name) =>
  ['main.tsx', 'main.ts'].map((f) => join('webview', name, f)).find((f) => existsSync(join(root, f)));
const webviewEntries = existsSync(webviewDir)
  ? readdirSync(webviewDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && entryOf(d.name))
      .map((d) => [d.name, entryOf(d.name)])
  : [];
if (webviewEntries.length) {
  await build({
    ...common,
    entryPoints: Object.fromEntries(webviewEntries),
    outdir: join(dist, 'webview'),
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    jsx: 'automatic',
    loader: { '.json': 'json', '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  });
}

// The wasm backend looks for its binaries next to the bundle that loads it.
const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
for (const f of readdirSync(join(wasmDir, 'dist')).filter((f) => f.endsWith('.wasm')))
  copyFileSync(join(wasmDir, 'dist', f), join(dist, f));

const { specJsonSchema } = await import('tsx/esm/api').then(({ tsImport }) =>
  tsImport('../src/core/spec/schema.ts', import.meta.url),
);
mkdirSync(join(root, 'media'), { recursive: true });
writeFileSync(join(root, 'media', 'ncf.schema.json'), JSON.stringify(specJsonSchema(), null, 2) + '\n');

const { spaceJsonSchema } = await import('tsx/esm/api').then(({ tsImport }) =>
  tsImport('../src/core/tune/space.ts', import.meta.url),
);
writeFileSync(join(root, 'media', 'ncf-space.schema.json'), JSON.stringify(spaceJsonSchema(), null, 2) + '\n');
