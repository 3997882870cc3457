/** The PyTorch peer of `npm run bench`: which BLAS it runs on, and whether a ratio against it is fair. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** What the PyTorch peer runs on (torch_peer.py --probe), and the threads the bench gives it. */
export interface Peer {
  torch: string;
  blas: string;
  library: string;
  threads: number;
}

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
