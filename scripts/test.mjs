// `npm test`: builds, type-checks, lints, checks the formatting, then runs every test suite the
// project has (unit, host, hostile input, webview,
// end-to-end) and ends with one line that counts them all:
// "N passed, N failed" (a step that fails counts as one failure).
// A suite that crashes before mocha's summary counts as a failure, so a run that ran nothing shows.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
const SUITES = ['test:unit', 'test:host', 'test:hostile', 'test:webview', 'test:e2e'];
const only = process.argv.slice(2);
const suites = SUITES.filter((s) => scripts[s] && (only.length === 0 || only.some((o) => s.endsWith(o))));

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const relay = (stream, sink) => stream.on('data', (chunk) => ((text += chunk), sink.write(chunk)));
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

const count = (text, word) =>
  [...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let passed = 0;
let failed = 0;
const lines = [];

for (const step of ['build', 'typecheck', 'lint', 'format:check']) {
  const { code } = await run(npm, ['run', step]);
  if (code !== 0) {
    failed += 1;
    lines.push(`${step}: failed`);
  }
}
for (const suite of suites) {
  const { code, text } = await run(npm, ['run', suite]);
  const p = count(text, 'passing');
  let f = count(text, 'failing');
  if (code !== 0 && f === 0) f = 1; // crashed, or failed outside a test
  passed += p;
  failed += f;
  lines.push(
    `${suite}: ${p} passed, ${f} failed${count(text, 'pending') ? `, ${count(text, 'pending')} skipped` : ''}`,
  );
}
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
