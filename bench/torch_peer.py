"""The PyTorch peer of `npm run bench`: the same NeuMF and MF-bias models.

Usage: python3 torch_peer.py CONFIG.json
       python3 torch_peer.py --probe
CONFIG holds the model ("neumf" or "mf-bias"), its sizes and training settings (taken from our
preset by bench/speed.ts), `threads`, `optimizer` ("adam": dense gradients and Adam over whole
tables, PyTorch's default; "sparse-adam": sparse embedding gradients and SparseAdam on the tables,
lazy as our fast engine's Adam) and `ratings`: a file of "user item rating" lines, 0-based indices,
or `columns`: {"users": FILE, "items": FILE, "ratings": FILE} of raw little-endian int32, int32 and
float32 (the 20-million-row benchmark: text would take minutes to parse and gigabytes to hold).
Prints one JSON line: {"examplesPerSec": ..., "peakRssMB": ..., "loss": ..., "epochSeconds": [...]}.
--probe prints what the peer runs on: {"torch": version, "blas": name, "library": path, "threads": n}.

Written as one would for speed, to be a fair peer: pre-built tensors sliced per batch (no
DataLoader), a fresh permutation per epoch. Under Adam the embeddings' L2 penalty λ·Σw² enters as
weight decay 2λ: the same gradient without the extra loss ops. SparseAdam has no weight decay: the
penalty is λ·Σw² over the rows the batch touched, which is what our lazy Adam adds.
"""
import json
import os
import re
import resource
import sys
import time

import numpy
import torch
from torch import nn

torch.manual_seed(42)


USER_TABLES = {'p', 's', 'a'}


def blas_in_use():
    """The BLAS torch's matrix products run on: named by its build, else by the libblas mapped into this process."""
    info = re.search(r'BLAS_INFO=(\w+)', torch.__config__.show())
    built = info.group(1) if info else 'unknown'
    if built == 'mkl':
        return 'MKL', 'linked into torch'
    if built == 'open':
        return 'OpenBLAS', 'linked into torch'
    # BLAS_INFO=generic (Debian's build): whatever libblas.so.3 the system alternative points at.
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))
    libraries = set()
    with open('/proc/self/maps') as maps:
        for line in maps:
            path = line.split()[-1]
            if re.search(r'lib(open)?blas|mkl|blis|atlas', os.path.basename(path)):
                libraries.add(path)
    for path in sorted(libraries):
        lower = path.lower()
        for needle, name in (('openblas', 'OpenBLAS'), ('mkl', 'MKL'), ('blis', 'BLIS'), ('atlas', 'ATLAS')):
            if needle in lower:
                return name, path
    for path in sorted(libraries):
        if 'libblas.so' in path:
            return 'reference', path
    return 'unknown', ', '.join(sorted(libraries)) or 'no BLAS library mapped'


def uniform_embedding(rows, dim, sparse):
    e = nn.Embedding(rows, dim, sparse=sparse)
    nn.init.uniform_(e.weight, -0.05, 0.05)
    return e


def relu_tower(width, units):
    """ψ: linear layers of the given sizes, each followed by ReLU, and the width it ends with."""
    layers = []
    for size in units:
        layers += [nn.Linear(width, size), nn.ReLU()]
        width = size
    return nn.Sequential(*layers), width


class NeuMF(nn.Module):
    """r̂ = ϕ([pᵤ ∘ qᵢ, ψ([sᵤ, tᵢ])]) + μ"""

    def __init__(self, users, items, dim, units, mean, sparse):
        super().__init__()
        self.p, self.q = uniform_embedding(users, dim, sparse), uniform_embedding(items, dim, sparse)
        self.s, self.t = uniform_embedding(users, dim, sparse), uniform_embedding(items, dim, sparse)
        self.psi, width = relu_tower(2 * dim, units)
        self.phi = nn.Linear(dim + width, 1)
        self.mean = mean
        self.tables = {'p': self.p, 'q': self.q, 's': self.s, 't': self.t}

    def forward(self, u, i):
        gmf = self.p(u) * self.q(i)
        mlp = self.psi(torch.cat([self.s(u), self.t(i)], dim=1))
        return self.phi(torch.cat([gmf, mlp], dim=1)).squeeze(1) + self.mean


class MFBias(nn.Module):
    """r̂ = pᵤᵀqᵢ + aᵤ + bᵢ + μ"""

    def __init__(self, users, items, dim, mean, sparse):
        super().__init__()
        self.p, self.q = uniform_embedding(users, dim, sparse), uniform_embedding(items, dim, sparse)
        self.a, self.b = nn.Embedding(users, 1, sparse=sparse), nn.Embedding(items, 1, sparse=sparse)
        nn.init.zeros_(self.a.weight)
        nn.init.zeros_(self.b.weight)
        self.mean = mean
        self.tables = {'p': self.p, 'q': self.q, 'a': self.a, 'b': self.b}

    def forward(self, u, i):
        return (self.p(u) * self.q(i)).sum(1) + self.a(u).squeeze(1) + self.b(i).squeeze(1) + self.mean


def read_ratings(config):
    """(users, items, ratings) tensors: int64 indices and float32 ratings."""
    if 'columns' in config:
        column = lambda key, dtype: torch.from_numpy(numpy.fromfile(config['columns'][key], dtype=dtype))
        return column('users', '<i4').long(), column('items', '<i4').long(), column('ratings', '<f4')
    rows = torch.tensor([[float(x) for x in line.split()] for line in open(config['ratings']) if line.strip()])
    return rows[:, 0].long(), rows[:, 1].long(), rows[:, 2].float()


def probe():
    blas, library = blas_in_use()
    print(json.dumps({'torch': torch.__version__, 'blas': blas, 'library': library, 'threads': torch.get_num_threads()}))


def main():
    if sys.argv[1] == '--probe':
        return probe()
    config = json.load(open(sys.argv[1]))
    torch.set_num_threads(config.get('threads', 1))
    sparse = config.get('optimizer', 'adam') == 'sparse-adam'
    users, items, ratings = read_ratings(config)
    mean = float(ratings.mean())
    if config['model'] == 'neumf':
        model = NeuMF(config['users'], config['items'], config['dim'], config['units'], mean, sparse)
    elif config['model'] == 'mf-bias':
        model = MFBias(config['users'], config['items'], config['dim'], mean, sparse)
    else:
        raise SystemExit(f"unknown model {config['model']}")
    tables = {id(t.weight) for t in model.tables.values()}
    dense_params = [p for p in model.parameters() if id(p) not in tables]
    if sparse:
        optimizers = [torch.optim.SparseAdam([t.weight for t in model.tables.values()], lr=config['learningRate'])]
        if dense_params:
            optimizers.append(torch.optim.Adam(dense_params, lr=config['learningRate']))
        penalised = [(t, config['l2'].get(name, 0.0), name in USER_TABLES) for name, t in model.tables.items()]
        penalised = [p for p in penalised if p[1]]
    else:
        groups = [{'params': [t.weight], 'weight_decay': 2 * config['l2'].get(name, 0.0)} for name, t in model.tables.items()]
        optimizers = [torch.optim.Adam(groups + [{'params': dense_params}], lr=config['learningRate'])]
        penalised = []
    loss_fn = nn.MSELoss()
    batch, n = config['batchSize'], len(ratings)
    loss_sum, steps = 0.0, 0
    epoch_seconds = []
    start = time.perf_counter()
    for _ in range(config['epochs']):
        epoch_start = time.perf_counter()
        order = torch.randperm(n)
        u_all, i_all, y_all = users[order], items[order], ratings[order]
        for lo in range(0, n, batch):
            u, i, y = u_all[lo:lo + batch], i_all[lo:lo + batch], y_all[lo:lo + batch]
            for opt in optimizers:
                opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(u, i), y)
            if penalised:
                touched_users, touched_items = u.unique(), i.unique()
                for table, l2, of_users in penalised:
                    loss = loss + l2 * table(touched_users if of_users else touched_items).pow(2).sum()
            loss.backward()
            for opt in optimizers:
                opt.step()
            loss_sum += loss.item()
            steps += 1
        epoch_seconds.append(time.perf_counter() - epoch_start)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({'examplesPerSec': config['epochs'] * n / seconds, 'peakRssMB': peak_mb, 'loss': loss_sum / steps,
                      'epochSeconds': epoch_seconds}))


if __name__ == '__main__':
    main()
