/** The PyTorch peer of `npm run bench`: which BLAS it runs on, and whether a ratio against it is fair. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Spec } from '../src/core/spec/schema';

/** What the PyTorch peer runs on (torch_peer.py --probe), and the threads the bench gives it. */
export interface Peer {
  torch: string;
  blas: string;
  library: string;
  threads: number;
}

/** The fast engine trains on one thread: the peer the ratios are taken against gets as many. */
export const OUR_THREADS = 1;
export const PYTORCH = 'pytorch';
/** The PyTorch rows: how each trains. */
export const PEERS: Record<string, { optimizer: 'adam' | 'sparse-adam'; threads: number }> = {
  [PYTORCH]: { optimizer: 'adam', threads: OUR_THREADS },
  'pytorch-sparse': { optimizer: 'sparse-adam', threads: OUR_THREADS },
  'pytorch-2t': { optimizer: 'adam', threads: 2 },
};

/** BLAS names torch_peer.py reports that are not an optimised BLAS. */
const SLOW_BLAS = ['reference', 'unknown'];

/** Which torch the peer imports, and which BLAS its matrix products run on. */
export function probePeer(python: string, threads: number): Peer {
  const child = spawnSync(python, [path.join(__dirname, 'torch_peer.py'), '--probe'], { encoding: 'utf8' });
  const last = child.stdout?.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{'))
    throw new Error(`probing PyTorch failed: ${(child.stderr || 'no output').trim().split('\n').slice(-1)[0]}`);
  return { ...(JSON.parse(last) as Peer), threads };
}

/** Why no ratio is reported against this peer (and how to fix it), or null when it is a fair one. */
export function peerProblem(python: string | null, peer: Peer | null): string | null {
  if (!python || !peer)
    return 'PyTorch not found (no python3 here imports torch; on Debian: apt-get install python3-torch)';
  if (SLOW_BLAS.includes(peer.blas))
    return (
      `PyTorch runs on the ${peer.blas} BLAS (${peer.library}), several times slower than the MKL or OpenBLAS ` +
      'of a pip or conda PyTorch: a ratio against it would flatter us. Fix: apt-get install libopenblas0-serial ' +
      '(it takes over the libblas.so.3 alternative; see update-alternatives --display libblas.so.3-x86_64-linux-gnu)'
    );
  return null;
}

/** What a benchmark child reports on its last line: its speed and its own peak RSS. */
export interface Measurement {
  examplesPerSec: number;
  peakRssMB: number;
}

/** Every python3 along PATH, not just the first: a version manager's may come first without torch, Debian's with it. */
function pythonsOnPath(): string[] {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return [...new Set(dirs.map((dir) => path.join(dir, 'python3')).filter((file) => existsSync(file)))];
}

/** $NCF_BENCH_PYTHON, else the first python3 along PATH that imports torch. */
export function findTorchPython(): string | null {
  const candidates = [process.env.NCF_BENCH_PYTHON, ...pythonsOnPath()].filter((c): c is string => Boolean(c));
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return null;
}

/**
 * Runs a child that prints one JSON line last; a failing child fails the benchmark with its message.
 * `progress` passes the child's stderr through as it comes (its error message then shows there).
 */
export function runChild<T = Measurement>(command: string, args: string[], what: string, progress = false): T {
  const child = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', progress ? 'inherit' : 'pipe'],
  });
  const last = child.stdout?.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{'))
    throw new Error(
      `${what} failed: ${(child.stderr || child.error?.message || 'no output').trim().split('\n').slice(-3).join(' | ')}`,
    );
  return JSON.parse(last) as T;
}

/** The model part of torch_peer.py's config, read off our preset's spec so that both train the same network. */
export function torchModelConfig(spec: Spec, model: string) {
  const dim = (spec.nodes.find((n) => n.id === 'p') as { dim: number }).dim;
  const mlp = spec.nodes.find((n) => n.op === 'mlp') as { units: number[] } | undefined;
  const l2 = Object.fromEntries(
    spec.nodes
      .filter((n) => n.op === 'embedding' || n.op === 'bias')
      .map((n) => [n.id, (n as { l2?: number }).l2 ?? 0]),
  );
  return {
    model,
    dim,
    units: mlp?.units ?? [],
    l2,
    learningRate: spec.training.learningRate,
    batchSize: spec.training.batchSize,
    epochs: spec.training.epochs,
  };
}
