/**
 * `npm run bench` names the BLAS its PyTorch peer multiplies on, and reports no ratio against the
 * reference BLAS (saying how to fix it).
 */
import { strict as assert } from 'node:assert';
import { Peer, peerProblem, probePeer } from '../../../bench/peer';
import { TORCH_PYTHON, requireTorch } from '../codegen/torch';

const peer = (blas: string, library: string): Peer => ({ torch: '1.13.0', blas, library, threads: 1 });

describe('bench: the PyTorch peer', function () {
  it('withholds the ratio against the reference BLAS, saying which library and how to fix it', () => {
    const problem = peerProblem('/usr/bin/python3', peer('reference', '/usr/lib/x86_64-linux-gnu/blas/libblas.so.3'));
    assert.match(problem ?? '', /reference BLAS \(\/usr\/lib\/x86_64-linux-gnu\/blas\/libblas\.so\.3\)/);
    assert.match(problem ?? '', /apt-get install libopenblas0-serial/);
    assert.match(peerProblem('/usr/bin/python3', peer('unknown', 'no BLAS library mapped')) ?? '', /unknown BLAS/);
    assert.match(peerProblem(null, null) ?? '', /PyTorch not found/);
  });

  it('takes a ratio against an optimised BLAS', () => {
    assert.equal(
      peerProblem('/usr/bin/python3', peer('OpenBLAS', '/usr/lib/x86_64-linux-gnu/openblas-serial/libblas.so.3')),
      null,
    );
    assert.equal(peerProblem('/usr/bin/python3', peer('MKL', 'linked into torch')), null);
  });

  it('probes the real peer: its torch version and the BLAS library it has mapped', function () {
    this.timeout(120_000);
    requireTorch();
    const found = probePeer(TORCH_PYTHON, 2);
    assert.match(found.torch, /^\d+\.\d+/);
    assert.ok(['OpenBLAS', 'MKL', 'BLIS', 'ATLAS', 'reference', 'unknown'].includes(found.blas), found.blas);
    assert.ok(found.library.length > 0);
    assert.equal(found.threads, 2);
  });
});
