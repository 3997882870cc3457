/**
 * `npm run bench`: training speed of our engines against PyTorch on the same models and data,
 * measured in one invocation so that the ratio is taken on one machine at one time.
 *
 * Rows: neumf and mf-bias, batch 256 and 1024, 3 epochs each, on ML-100K u1.base (or the synthetic
 * set of its shape); our default engine (`fast`) on each TensorFlow.js backend available, plain
 * LayersModel.fit (`layers`) on wasm for reference, and PyTorch (one thread) through
 * bench/torch_peer.py. Every row runs in a child process of its own, so its peak RSS is its own.
 * Prints a table, then one JSON line: {"event":"bench","rows":[…],"ratio":{…}}, a ratio being our
 * default engine's examples/s over PyTorch's on the same model and batch (null without PyTorch).
 *
 * Flags: --repeat N (run every row N times; the table shows the median and the range, the JSON the
 * median), --epochs N, --batches 256,1024, --models neumf,mf-bias, --layers-all (the layers engine
 * on every backend, slow on cpu), --memory (the ML-1M-shaped memory check instead: bench/memory.ts),
 * --ranking (one epoch of NeuMF ranking on the ML-1M-shaped set instead: bench/ranking-speed.ts).
 * PyTorch: $NCF_BENCH_PYTHON, else the first python3 along PATH that imports torch (Debian: python3-torch).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Table from 'cli-table3';
import { useBackend } from '../src/core/engine/backend';
import { BackendName } from '../src/core/engine/events';
import { BENCH_MODELS, BenchData, BenchModel, benchData, benchSpec } from './bench-data';

interface Options {
  repeat: number;
  epochs: number;
  batches: number[];
  models: BenchModel[];
  layersAll: boolean;
}

interface Measurement {
  examplesPerSec: number;
  peakRssMB: number;
}

interface Row {
  model: BenchModel;
  batch: number;
  engine: string;
  runs: Measurement[];
}

const PYTORCH = 'pytorch';
/** Ratios the issue asks for: model, batch, key. */
const RATIOS: [BenchModel, number, string][] = [
  ['neumf', 256, 'neumf_b256'],
  ['neumf', 1024, 'neumf_b1024'],
  ['mf-bias', 1024, 'mfbias_b1024'],
];

function parseOptions(argv: string[]): Options {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at === -1 ? undefined : argv[at + 1];
  };
  const list = (flag: string) =>
    value(flag)
      ?.split(',')
      .map((s) => s.trim());
  const models = (list('--models') ?? [...BENCH_MODELS]) as BenchModel[];
  for (const m of models)
    if (!BENCH_MODELS.includes(m))
      throw new Error(`--models: unknown model '${m}' (known: ${BENCH_MODELS.join(', ')})`);
  const positive = (flag: string, fallback: number) => {
    const n = Number(value(flag) ?? fallback);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} must be a positive whole number`);
    return n;
  };
  const batches = (list('--batches') ?? ['256', '1024']).map(Number);
  if (batches.some((b) => !Number.isInteger(b) || b <= 0))
    throw new Error('--batches must be positive whole numbers, e.g. 256,1024');
  return {
    repeat: positive('--repeat', 1),
    epochs: positive('--epochs', 3),
    batches,
    models,
    layersAll: argv.includes('--layers-all'),
  };
}

async function availableBackends(): Promise<BackendName[]> {
  const found: BackendName[] = [];
  for (const name of ['tensorflow', 'wasm', 'cpu'] as BackendName[]) {
    try {
      await useBackend(name);
      found.push(name);
    } catch {
      // not installed here (tfjs-node is optional)
    }
  }
  return found;
}

/** Every python3 along PATH, not just the first: a version manager's may come first without torch, Debian's with it. */
function pythonsOnPath(): string[] {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return [...new Set(dirs.map((dir) => path.join(dir, 'python3')).filter((file) => existsSync(file)))];
}

function findTorchPython(): string | null {
  const candidates = [process.env.NCF_BENCH_PYTHON, ...pythonsOnPath()].filter((c): c is string => Boolean(c));
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return null;
}

/** Runs a child that prints one JSON line last; a failing child fails the benchmark with its message. */
function runChild(command: string, args: string[], what: string): Measurement {
  const child = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const last = child.stdout?.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{'))
    throw new Error(
      `${what} failed: ${(child.stderr || child.error?.message || 'no output').trim().split('\n').slice(-3).join(' | ')}`,
    );
  const parsed = JSON.parse(last) as Measurement;
  return { examplesPerSec: parsed.examplesPerSec, peakRssMB: parsed.peakRssMB };
}

function ourRow(model: BenchModel, batch: number, epochs: number, engine: string, backend: BackendName): Measurement {
  const script = path.join(__dirname, 'speed-row.ts');
  return runChild(
    process.execPath,
    ['--import', 'tsx', script, model, String(batch), String(epochs), engine, backend],
    `${model} b${batch} ${engine}:${backend}`,
  );
}

/** Writes the training rows for the PyTorch peer: "user item rating", 0-based, in file order. */
function writeTorchRatings(data: BenchData, dir: string): string {
  const { dataset, split } = data;
  const lines = Array.from(split.train, (r) => `${dataset.users[r]} ${dataset.items[r]} ${dataset.ratings[r]}`);
  const file = path.join(dir, 'ratings.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function torchRow(
  python: string,
  model: BenchModel,
  batch: number,
  epochs: number,
  data: BenchData,
  ratings: string,
  dir: string,
): Measurement {
  const spec = benchSpec(model, batch, epochs);
  const table = (id: string) => spec.nodes.find((n) => n.id === id);
  const dim = (table('p') as { dim: number }).dim;
  const mlp = spec.nodes.find((n) => n.op === 'mlp') as { units: number[] } | undefined;
  const l2 = Object.fromEntries(
    spec.nodes
      .filter((n) => n.op === 'embedding' || n.op === 'bias')
      .map((n) => [n.id, (n as { l2?: number }).l2 ?? 0]),
  );
  const config = {
    model,
    dim,
    units: mlp?.units ?? [],
    l2,
    learningRate: spec.training.learningRate,
    batchSize: batch,
    epochs,
    users: data.dataset.vocabulary.user,
    items: data.dataset.vocabulary.item,
    ratings,
  };
  const file = path.join(dir, `${model}-${batch}.json`);
  writeFileSync(file, JSON.stringify(config));
  return runChild(python, [path.join(__dirname, 'torch_peer.py'), file], `${model} b${batch} pytorch`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rate = (row: Row) => median(row.runs.map((r) => r.examplesPerSec));
const peak = (row: Row) => Math.max(...row.runs.map((r) => r.peakRssMB));
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--memory')) {
    const memory = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'memory.ts'), ...argv.filter((a) => a !== '--memory')],
      { stdio: 'inherit' },
    );
    process.exit(memory.status ?? 1);
  }
  if (argv.includes('--ranking')) {
    const ranking = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'ranking-speed.ts'), ...argv.filter((a) => a !== '--ranking')],
      { stdio: 'inherit' },
    );
    process.exit(ranking.status ?? 1);
  }
  const options = parseOptions(argv);
  const data = await benchData();
  const backends = await availableBackends();
  const defaultBackend = backends[0];
  const python = findTorchPython();
  const engines: [string, BackendName][] = [
    ...backends.map((b): [string, BackendName] => ['fast', b]),
    ...(options.layersAll ? backends : backends.filter((b) => b !== 'cpu')).map((b): [string, BackendName] => [
      'layers',
      b,
    ]),
  ];
  console.log(
    `data: ${data.description}, ${data.split.train.length} training rows; ${options.epochs} epochs per row; backends: ${backends.join(', ')}`,
  );
  console.log(
    python
      ? `PyTorch: ${python} (one thread)`
      : 'PyTorch: not found (no python3 here imports torch; on Debian: apt-get install python3-torch) — no ratio will be reported',
  );

  const work = mkdtempSync(path.join(tmpdir(), 'ncf-bench-'));
  const rows: Row[] = [];
  try {
    const ratings = python ? writeTorchRatings(data, work) : '';
    for (const model of options.models) {
      for (const batch of options.batches) {
        const group: Row[] = [...(python ? [PYTORCH] : []), ...engines.map(([e, b]) => `${e}:${b}`)].map((engine) => ({
          model,
          batch,
          engine,
          runs: [],
        }));
        // Rounds of every engine back to back, so that a busy moment on the machine hits them alike.
        for (let round = 0; round < options.repeat; round++) {
          for (const row of group) {
            const [engine, backend] = row.engine.split(':') as [string, BackendName];
            row.runs.push(
              row.engine === PYTORCH
                ? torchRow(python!, model, batch, options.epochs, data, ratings, work)
                : ourRow(model, batch, options.epochs, engine, backend),
            );
            process.stderr.write(
              `  ${model} b${batch} ${row.engine}: ${thousands(row.runs[row.runs.length - 1].examplesPerSec)} examples/s\n`,
            );
          }
        }
        rows.push(...group);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const torchRate = (model: BenchModel, batch: number) =>
    rows.find((r) => r.model === model && r.batch === batch && r.engine === PYTORCH);
  const table = new Table({
    style: { head: [], border: [] },
    head: [
      'model',
      'batch',
      'engine',
      options.repeat > 1 ? `examples/s (median of ${options.repeat}; range)` : 'examples/s',
      'peak RSS (MB)',
      '× PyTorch',
    ],
  });
  for (const row of rows) {
    const torch = torchRate(row.model, row.batch);
    const runs = row.runs.map((r) => r.examplesPerSec);
    const speed =
      options.repeat > 1
        ? `${thousands(rate(row))} (${thousands(Math.min(...runs))}–${thousands(Math.max(...runs))})`
        : thousands(rate(row));
    table.push([
      row.model,
      row.batch,
      row.engine,
      speed,
      Math.round(peak(row)),
      torch && row.engine !== PYTORCH ? (rate(row) / rate(torch)).toFixed(2) : '',
    ]);
  }
  console.log(table.toString());

  const defaultEngine = `fast:${defaultBackend}`;
  const ratio = python
    ? Object.fromEntries(
        RATIOS.map(([model, batch, key]) => {
          const ours = rows.find((r) => r.model === model && r.batch === batch && r.engine === defaultEngine);
          const torch = torchRate(model, batch);
          return [key, ours && torch ? Number((rate(ours) / rate(torch)).toFixed(3)) : null];
        }),
      )
    : null;
  console.log(
    `default engine: ${defaultEngine}; ratio = its examples/s ÷ PyTorch's${python ? '' : ' (not reported: PyTorch missing)'}`,
  );
  console.log(
    JSON.stringify({
      event: 'bench',
      rows: rows.map((r) => ({
        model: r.model,
        batch: r.batch,
        engine: r.engine,
        examplesPerSec: Math.round(rate(r)),
        peakRssMB: Math.round(peak(r)),
      })),
      ratio,
    }),
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
