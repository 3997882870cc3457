// `npm run test:load -- [SUITE] [--times N] [mocha args…]`: runs one browser suite N times in a
// row (default: webview, 5 times) while a CPU-bound process spins on every core beside it, and
// stops at the first run that fails. It shows that the suite waits on events, not on timing.
// The burners are stopped by their pids when it ends, also on Ctrl+C. Build first (the npm script does).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const timesAt = args.indexOf('--times');
const times = timesAt >= 0 ? Number(args.splice(timesAt, 2)[1]) : 5;
const suite = args[0] && !args[0].startsWith('-') ? args.shift() : 'webview';
const config = join('test', suite, '.mocharc.json');
if (!Number.isInteger(times) || times < 1) fail('--times takes a whole number of runs, 1 or more');
if (!existsSync(join(root, config))) fail(`there is no suite ${suite} (no ${config})`);

function fail(message) {
  console.error(`test:load: ${message}`);
  process.exit(2);
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

// One busy loop per core: as much CPU as the suite itself could want, taken away from it.
const burners = Array.from({ length: availableParallelism() }, () =>
  spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' }),
);
const stopBurners = () => {
  for (const b of burners) if (b.exitCode === null && b.signalCode === null) process.kill(b.pid, 'SIGKILL');
};
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    stopBurners();
    process.exit(130);
  });

console.log(`test:load: ${burners.length} CPU burners (pids ${burners.map((b) => b.pid).join(', ')}) beside ${suite}`);
const mocha = join(root, 'node_modules', '.bin', 'mocha');
let passedRuns = 0;
for (let k = 1; k <= times; k++) {
  const started = performance.now();
  const code = await new Promise((resolve) =>
    spawn(mocha, ['--config', config, ...args], { cwd: root, stdio: 'inherit' }).on('close', (c) => resolve(c ?? 1)),
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    `test:load: run ${k}/${times} of ${suite} ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s (load average ${load()})`,
  );
  if (code !== 0) break;
  passedRuns++;
}
stopBurners();
console.log(`test:load: ${suite} passed ${passedRuns} of ${times} runs in a row under load`);
process.exit(passedRuns === times ? 0 : 1);
