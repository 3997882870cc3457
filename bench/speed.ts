/**
 * `npm run bench`: training speed of our engines against PyTorch on the same models and data,
 * measured in one invocation so that the ratio is taken on one machine at one time.
 *
 * Rows: neumf and mf-bias, batch 256 and 1024, 3 epochs each, on ML-100K u1.base (or the synthetic
 * set of its shape); our default engine (`fast`, lazy Adam on tables) on one thread on each
 * TensorFlow.js backend available and `fast-2t` on two threads (with two cores; each large product
 * split by rows, the default) and `fast-2t-data` (two threads, each batch split: dataParallel.ts), `fast-dense` (ours with Adam over whole tables, PyTorch's default), plain
 * LayersModel.fit (`layers`) on wasm for reference, and PyTorch through bench/torch_peer.py:
 * `pytorch` (dense Adam, as many threads as we use: one), `pytorch-sparse` (sparse embeddings and
 * SparseAdam: lazy, as ours) and `pytorch-2t` (dense Adam on two threads, as a user with two cores
 * could run it). Every row runs in a child process of its own, so its peak RSS is its own.
 * Prints a table, then one JSON line: {"event":"bench","peer":{torch,blas,library,threads},"rows":[…],
 * "ratio":{…},"ratio2t":{…},"matched":{…}}: `ratio` is our default engine's examples/s on one thread
 * over `pytorch`'s on the same model and batch, `ratio2t` fast-2t's over pytorch-2t's, `dataOverProducts`
 * fast-2t-data's over fast-2t's; `matched` pairs the same algorithms (fast ÷ pytorch-sparse, fast-dense ÷ pytorch).
 * No ratio is reported when PyTorch is missing or runs on the reference BLAS (`ratioWithheld` says
 * why): Debian's python3-torch multiplies through whatever libblas.so.3 the system points at, and
 * the reference one is several times slower than the MKL or OpenBLAS of a pip or conda PyTorch.
 *
 * Flags: --repeat N (run every row N times; the table shows the median and the range, the JSON the
 * median), --epochs N, --batches 256,1024, --models neumf,mf-bias, --layers-all (the layers engine
 * on every backend, slow on cpu), --memory (the ML-1M-shaped memory check instead: bench/memory.ts),
 * --ranking (one epoch of NeuMF ranking on the ML-1M-shaped set instead: bench/ranking-speed.ts),
 * --large (one epoch of NeuMF on the ML-20M-shaped set beside PyTorch, and our peak RSS: bench/large.ts),
 * --engines pytorch,fast,... (only these rows; a name without ":backend" takes every backend).
 * PyTorch: $NCF_BENCH_PYTHON, else the first python3 along PATH that imports torch (Debian: python3-torch).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import Table from 'cli-table3';
import { useBackend } from '../src/core/engine/backend';
import { BackendName } from '../src/core/engine/events';
import { BENCH_MODELS, BenchData, BenchModel, benchData, benchSpec } from './bench-data';
import {
  Measurement,
  OUR_THREADS,
  PEERS,
  PYTORCH,
  findTorchPython,
  peerProblem,
  probePeer,
  runChild,
  torchModelConfig,
} from './peer';

interface Options {
  repeat: number;
  epochs: number;
  batches: number[];
  models: BenchModel[];
  layersAll: boolean;
  engines: string[] | null;
}

interface Row {
  model: BenchModel;
  batch: number;
  engine: string;
  runs: Measurement[];
}

/** The flags that run another benchmark instead, each in its own process. */
const OTHER_BENCHES: Record<string, { script: string; node?: string[] }> = {
  '--memory': { script: 'memory.ts', node: ['--expose-gc'] },
  '--large': { script: 'large.ts' },
  '--ranking': { script: 'ranking-speed.ts' },
};
/** Algorithm-matched pairs: our row, the PyTorch row that trains the same way. */
const MATCHED: [string, string, string][] = [
  ['lazy', 'fast', 'pytorch-sparse'],
  ['dense', 'fast-dense', PYTORCH],
];
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
    engines: list('--engines') ?? null,
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
  peer: string,
  model: BenchModel,
  batch: number,
  epochs: number,
  data: BenchData,
  ratings: string,
  dir: string,
): Measurement {
  const config = {
    ...torchModelConfig(benchSpec(model, batch, epochs), model),
    ...PEERS[peer],
    users: data.dataset.vocabulary.user,
    items: data.dataset.vocabulary.item,
    ratings,
  };
  const file = path.join(dir, `${model}-${batch}-${peer}.json`);
  writeFileSync(file, JSON.stringify(config));
  return runChild(python, [path.join(__dirname, 'torch_peer.py'), file], `${model} b${batch} ${peer}`);
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
  const mode = Object.keys(OTHER_BENCHES).find((flag) => argv.includes(flag));
  if (mode) {
    const { script, node = [] } = OTHER_BENCHES[mode];
    const other = spawnSync(
      process.execPath,
      [...node, '--import', 'tsx', path.join(__dirname, script), ...argv.filter((a) => a !== mode)],
      { stdio: 'inherit' },
    );
    process.exit(other.status ?? 1);
  }
  const options = parseOptions(argv);
  const data = await benchData();
  const backends = await availableBackends();
  const defaultBackend = backends[0];
  const python = findTorchPython();
  const peer = python ? probePeer(python, OUR_THREADS) : null;
  const problem = peerProblem(python, peer);
  const wanted = (engine: string) =>
    !options.engines || options.engines.some((e) => e === engine || e === engine.split(':')[0]);
  const peers = python ? Object.keys(PEERS).filter((p) => PEERS[p].threads <= availableParallelism()) : [];
  const engines = [
    ...peers,
    ...backends.map((b) => `fast:${b}`),
    ...(availableParallelism() >= 2 ? [`fast-2t:${defaultBackend}`, `fast-2t-data:${defaultBackend}`] : []),
    `fast-dense:${defaultBackend}`,
    ...(options.layersAll ? backends : backends.filter((b) => b !== 'cpu')).map((b) => `layers:${b}`),
  ].filter(wanted);
  console.log(
    `data: ${data.description}, ${data.split.train.length} training rows; ${options.epochs} epochs per row; backends: ${backends.join(', ')}`,
  );
  if (peer) console.log(`PyTorch ${peer.torch}: ${python}, BLAS: ${peer.blas} (${peer.library})`);
  if (problem) console.log(`no ratio will be reported: ${problem}`);

  const work = mkdtempSync(path.join(tmpdir(), 'ncf-bench-'));
  const rows: Row[] = [];
  try {
    const ratings = python ? writeTorchRatings(data, work) : '';
    for (const model of options.models) {
      for (const batch of options.batches) {
        const group: Row[] = engines.map((engine) => ({ model, batch, engine, runs: [] }));
        // Rounds of every engine back to back, so that a busy moment on the machine hits them alike.
        for (let round = 0; round < options.repeat; round++) {
          for (const row of group) {
            const [engine, backend] = row.engine.split(':') as [string, BackendName];
            row.runs.push(
              row.engine in PEERS
                ? torchRow(python!, row.engine, model, batch, options.epochs, data, ratings, work)
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

  const find = (model: BenchModel, batch: number, engine: string) =>
    rows.find(
      (r) =>
        r.model === model && r.batch === batch && (r.engine === engine || r.engine === `${engine}:${defaultBackend}`),
    );
  const ratioOf = (model: BenchModel, batch: number, ours: string, theirs: string) => {
    const a = find(model, batch, ours);
    const b = find(model, batch, theirs);
    return !problem && a && b ? Number((rate(a) / rate(b)).toFixed(3)) : null;
  };
  const table = new Table({
    style: { head: [], border: [] },
    head: [
      'model',
      'batch',
      'engine',
      options.repeat > 1 ? `examples/s (median of ${options.repeat}; range)` : 'examples/s',
      'peak RSS (MB)',
      `× ${PYTORCH}`,
    ],
  });
  for (const row of rows) {
    const runs = row.runs.map((r) => r.examplesPerSec);
    const speed =
      options.repeat > 1
        ? `${thousands(rate(row))} (${thousands(Math.min(...runs))}–${thousands(Math.max(...runs))})`
        : thousands(rate(row));
    const ratio = row.engine === PYTORCH ? null : ratioOf(row.model, row.batch, row.engine, PYTORCH);
    table.push([
      row.model,
      row.batch,
      row.engine,
      speed,
      Math.round(peak(row)),
      ratio === null ? '' : ratio.toFixed(2),
    ]);
  }
  console.log(table.toString());

  const defaultEngine = `fast:${defaultBackend}`;
  const ratio = problem
    ? null
    : Object.fromEntries(RATIOS.map(([model, batch, key]) => [key, ratioOf(model, batch, 'fast', PYTORCH)]));
  // Both sides on two threads: ours sharing each step, PyTorch's intra-op threads.
  const ratio2t = problem
    ? null
    : Object.fromEntries(RATIOS.map(([model, batch, key]) => [key, ratioOf(model, batch, 'fast-2t', 'pytorch-2t')]));
  // Our two ways of sharing a step between two threads, against each other (no peer needed).
  const dataOverProducts = Object.fromEntries(
    RATIOS.map(([model, batch, key]) => {
      const [data, products] = [find(model, batch, 'fast-2t-data'), find(model, batch, 'fast-2t')];
      return [key, data && products ? Number((rate(data) / rate(products)).toFixed(3)) : null];
    }),
  );
  const matched = problem
    ? null
    : Object.fromEntries(
        MATCHED.map(([name, ours, theirs]) => [
          name,
          Object.fromEntries(RATIOS.map(([model, batch, key]) => [key, ratioOf(model, batch, ours, theirs)])),
        ]),
      );
  console.log(
    `ratio = ${defaultEngine}'s examples/s ÷ ${PYTORCH}'s (dense Adam, ${OUR_THREADS} thread, as many as we use)` +
      (problem ? ': not reported' : ''),
  );
  if (ratio2t) console.log(`ratio2t = fast-2t ÷ pytorch-2t (two threads each): ${JSON.stringify(ratio2t)}`);
  if (Object.values(dataOverProducts).some((r) => r !== null))
    console.log(
      `dataOverProducts = fast-2t-data ÷ fast-2t (each batch split ÷ each product split): ${JSON.stringify(dataOverProducts)}`,
    );
  if (matched)
    console.log(
      `matched: ${MATCHED.map(([name, ours, theirs]) => `${name} ${ours} ÷ ${theirs} ${JSON.stringify(matched[name])}`).join('; ')}`,
    );
  console.log(
    JSON.stringify({
      event: 'bench',
      peer: peer && { torch: peer.torch, blas: peer.blas, library: peer.library, threads: peer.threads },
      rows: rows.map((r) => ({
        model: r.model,
        batch: r.batch,
        engine: r.engine,
        examplesPerSec: Math.round(rate(r)),
        peakRssMB: Math.round(peak(r)),
      })),
      ratio,
      ratio2t,
      dataOverProducts,
      matched,
      ...(problem ? { ratioWithheld: problem } : {}),
    }),
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
