/**
 * `npm run bench -- --large`: the scale check. NeuMF (the preset's sizes, Adam) on the ML-20M-shaped
 * synthetic set (138,000 users, 27,000 items, 20,000,000 ratings; 90 % trains), one epoch by default,
 * our fast engine beside PyTorch on the same training rows. Each row runs in a child process of its
 * own: ours generates the set, trains and evaluates it as `ncf train` would, and must stay within
 * 4 GB of RSS; PyTorch reads the same training rows as raw columns (ours writes them first).
 * Prints a table, then one JSON line {"event":"bench-large","peer":…,"rows":[…],"ratio":…,"underLimit":…};
 * `ratio` is PyTorch's epoch time over ours (above 1: we are faster), withheld as in `npm run bench`
 * when the peer is missing or runs on the reference BLAS. Exits 1 when our peak RSS is over the limit.
 * Flags: --batch N (default 1024), --epochs N (default 1),
 * --engines fast,pytorch-sparse,pytorch (the default; also fast-2t: ours on two threads, fast-dense, pytorch-2t).
 * Expect minutes: generating the set takes about a minute, each epoch of each row one or more.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Table from 'cli-table3';
import { ML_20M_SHAPE } from '../src/core/data/synthetic';
import { benchSpec } from './bench-data';
import {
  Measurement,
  PEERS,
  PYTORCH,
  findTorchPython,
  peerProblem,
  probePeer,
  runChild,
  torchModelConfig,
} from './peer';

const RSS_LIMIT_MB = 4096;
const OURS = ['fast', 'fast-2t', 'fast-dense'];

interface LargeMeasurement extends Measurement {
  epochSeconds: number[];
  loadSeconds?: number;
  testRmse?: number;
}

function parseOptions(argv: string[]) {
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const positive = (flag: string, fallback: number) => {
    const n = Number(value(flag) ?? fallback);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} must be a positive whole number`);
    return n;
  };
  const engines = (value('--engines') ?? `fast,pytorch-sparse,${PYTORCH}`).split(',').map((e) => e.trim());
  for (const e of engines)
    if (!OURS.includes(e) && !(e in PEERS))
      throw new Error(`--engines: unknown engine '${e}' (known: ${[...OURS, ...Object.keys(PEERS)].join(', ')})`);
  return { batch: positive('--batch', 1024), epochs: positive('--epochs', 1), engines };
}

/** A row's figures as soon as it ends: the whole run takes long enough that one may stop it early. */
function report({ engine, run }: { engine: string; run: LargeMeasurement }): void {
  process.stderr.write(
    `  ${engine}: epoch ${seconds(run.epochSeconds)} s, ${Math.round(run.examplesPerSec).toLocaleString('en-US')} examples/s, peak RSS ${Math.round(run.peakRssMB)} MB\n`,
  );
}

const seconds = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const withPeer = options.engines.some((e) => e in PEERS);
  const python = withPeer ? findTorchPython() : null;
  const peer = python ? probePeer(python, 1) : null;
  const problem = withPeer ? peerProblem(python, peer) : 'no PyTorch row was asked for';
  const { users, items, ratings } = ML_20M_SHAPE;
  console.log(
    `NeuMF on the ML-20M-shaped synthetic set (${users.toLocaleString('en-US')} users, ${items.toLocaleString('en-US')} items, ${ratings.toLocaleString('en-US')} ratings; 90 % trains), batch ${options.batch}, ${options.epochs} epoch(s)`,
  );
  if (peer) console.log(`PyTorch ${peer.torch}: ${python}, BLAS: ${peer.blas} (${peer.library})`);
  if (withPeer && problem) console.log(`no ratio will be reported: ${problem}`);

  const work = mkdtempSync(path.join(tmpdir(), 'ncf-bench-large-'));
  const rows: { engine: string; run: LargeMeasurement }[] = [];
  try {
    // Ours first, without the peer's rows: it writes them for the peer.
    const ours = options.engines.filter((e) => OURS.includes(e));
    const theirs = python ? options.engines.filter((e) => e in PEERS) : [];
    let dumped = false;
    for (const engine of ours) {
      const dump: string[] = !dumped && theirs.length ? ['--dump', work] : [];
      const script = path.join(__dirname, 'large-row.ts');
      const args = ['--import', 'tsx', script, String(options.batch), String(options.epochs), engine, ...dump];
      process.stderr.write(`  ${engine}: generating the set and training…\n`);
      rows.push({ engine, run: runChild<LargeMeasurement>(process.execPath, args, `large ${engine}`, true) });
      report(rows[rows.length - 1]);
      dumped ||= dump.length > 0;
    }
    if (theirs.length && !dumped)
      throw new Error('the PyTorch rows read the training rows our row writes: add fast to --engines');
    for (const engine of theirs) {
      const config = {
        ...torchModelConfig(benchSpec('neumf', options.batch, options.epochs), 'neumf'),
        ...PEERS[engine],
        users,
        items,
        columns: {
          users: path.join(work, 'users.i32'),
          items: path.join(work, 'items.i32'),
          ratings: path.join(work, 'ratings.f32'),
        },
      };
      const file = path.join(work, `${engine}.json`);
      writeFileSync(file, JSON.stringify(config));
      process.stderr.write(`  ${engine}: training…\n`);
      const run = runChild<LargeMeasurement>(
        python!,
        [path.join(__dirname, 'torch_peer.py'), file],
        `large ${engine}`,
        true,
      );
      rows.push({ engine, run });
      report(rows[rows.length - 1]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const table = new Table({
    style: { head: [], border: [] },
    head: ['engine', 'epoch (s)', 'examples/s', 'peak RSS (MB)', 'load (s)', 'test RMSE'],
  });
  for (const { engine, run } of rows)
    table.push([
      engine,
      seconds(run.epochSeconds),
      Math.round(run.examplesPerSec).toLocaleString('en-US'),
      Math.round(run.peakRssMB),
      run.loadSeconds === undefined ? '' : run.loadSeconds.toFixed(1),
      run.testRmse === undefined ? '' : run.testRmse.toFixed(4),
    ]);
  console.log(table.toString());

  const epochOf = (engine: string) => rows.find((r) => r.engine === engine)?.run.epochSeconds;
  const ratioOf = (ours: string, against: string) => {
    const [a, b] = [epochOf(ours), epochOf(against)];
    return !problem && a && b ? Number((mean(b) / mean(a)).toFixed(3)) : null;
  };
  const ratio = problem
    ? null
    : { [PYTORCH]: ratioOf('fast', PYTORCH), 'pytorch-sparse': ratioOf('fast', 'pytorch-sparse') };
  const fast = rows.find((r) => r.engine === 'fast');
  const underLimit = fast ? fast.run.peakRssMB <= RSS_LIMIT_MB : null;
  if (fast)
    console.log(
      `our peak RSS ${Math.round(fast.run.peakRssMB)} MB (limit ${RSS_LIMIT_MB}, generating, training and evaluating): ${underLimit ? 'ok' : 'OVER'}`,
    );
  if (ratio) console.log(`ratio = PyTorch's epoch time ÷ ours: ${JSON.stringify(ratio)}`);
  console.log(
    JSON.stringify({
      event: 'bench-large',
      data: { ...ML_20M_SHAPE, trainRows: (fast?.run as { trainRows?: number } | undefined)?.trainRows },
      batch: options.batch,
      peer: peer && { torch: peer.torch, blas: peer.blas, library: peer.library, threads: peer.threads },
      rows: rows.map(({ engine, run }) => ({
        engine,
        epochSeconds: run.epochSeconds.map((s) => Number(s.toFixed(2))),
        examplesPerSec: Math.round(run.examplesPerSec),
        peakRssMB: Math.round(run.peakRssMB),
        ...(run.loadSeconds === undefined ? {} : { loadSeconds: Number(run.loadSeconds.toFixed(2)) }),
        ...(run.testRmse === undefined ? {} : { testRmse: Number(run.testRmse.toFixed(4)) }),
      })),
      ratio,
      underLimit,
      ...(problem ? { ratioWithheld: problem } : {}),
    }),
  );
  if (underLimit === false) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
