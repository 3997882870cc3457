"""The PyTorch peer of `npm run bench`: the same NeuMF and MF-bias models, trained on one thread.

Usage: python3 torch_peer.py CONFIG.json
CONFIG holds the model ("neumf" or "mf-bias"), its sizes and training settings (taken from our
preset by bench/speed.ts), and `ratings`: a file of "user item rating" lines with 0-based indices.
Prints one JSON line: {"examplesPerSec": ..., "peakRssMB": ..., "loss": ...}.

Written as one would for speed, to be a fair peer: pre-built tensors sliced per batch (no
DataLoader), a fresh permutation per epoch, dense embedding gradients, Adam. The embeddings' L2
penalty λ·Σw² enters as Adam weight decay 2λ: the same gradient without the extra loss ops.
"""
import json
import resource
import sys
import time

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(42)


def uniform_embedding(rows, dim):
    e = nn.Embedding(rows, dim)
    nn.init.uniform_(e.weight, -0.05, 0.05)
    return e


class NeuMF(nn.Module):
    """r̂ = ϕ([pᵤ ∘ qᵢ, ψ([sᵤ, tᵢ])]) + μ"""

    def __init__(self, users, items, dim, units, mean):
        super().__init__()
        self.p, self.q = uniform_embedding(users, dim), uniform_embedding(items, dim)
        self.s, self.t = uniform_embedding(users, dim), uniform_embedding(items, dim)
        layers, width = [], 2 * dim
        for u in units:
            layers += [nn.Linear(width, u), nn.ReLU()]
            width = u
        self.psi = nn.Sequential(*layers)
        self.phi = nn.Linear(dim + width, 1)
        self.mean = mean
        self.tables = {'p': self.p, 'q': self.q, 's': self.s, 't': self.t}

    def forward(self, u, i):
        gmf = self.p(u) * self.q(i)
        mlp = self.psi(torch.cat([self.s(u), self.t(i)], dim=1))
        return self.phi(torch.cat([gmf, mlp], dim=1)).squeeze(1) + self.mean


class MFBias(nn.Module):
    """r̂ = pᵤᵀqᵢ + aᵤ + bᵢ + μ"""

    def __init__(self, users, items, dim, mean):
        super().__init__()
        self.p, self.q = uniform_embedding(users, dim), uniform_embedding(items, dim)
        self.a, self.b = nn.Embedding(users, 1), nn.Embedding(items, 1)
        nn.init.zeros_(self.a.weight)
        nn.init.zeros_(self.b.weight)
        self.mean = mean
        self.tables = {'p': self.p, 'q': self.q, 'a': self.a, 'b': self.b}

    def forward(self, u, i):
        return (self.p(u) * self.q(i)).sum(1) + self.a(u).squeeze(1) + self.b(i).squeeze(1) + self.mean


def main():
    config = json.load(open(sys.argv[1]))
    rows = torch.tensor([[float(x) for x in line.split()] for line in open(config['ratings']) if line.strip()])
    users, items, ratings = rows[:, 0].long(), rows[:, 1].long(), rows[:, 2].float()
    mean = float(ratings.mean())
    if config['model'] == 'neumf':
        model = NeuMF(config['users'], config['items'], config['dim'], config['units'], mean)
    elif config['model'] == 'mf-bias':
        model = MFBias(config['users'], config['items'], config['dim'], mean)
    else:
        raise SystemExit(f"unknown model {config['model']}")
    groups, in_tables = [], set()
    for name, table in model.tables.items():
        groups.append({'params': [table.weight], 'weight_decay': 2 * config['l2'].get(name, 0.0)})
        in_tables.add(id(table.weight))
    groups.append({'params': [p for p in model.parameters() if id(p) not in in_tables]})
    opt = torch.optim.Adam(groups, lr=config['learningRate'])
    loss_fn = nn.MSELoss()
    batch, n = config['batchSize'], len(ratings)
    loss_sum, steps = 0.0, 0
    start = time.perf_counter()
    for _ in range(config['epochs']):
        order = torch.randperm(n)
        u_all, i_all, y_all = users[order], items[order], ratings[order]
        for lo in range(0, n, batch):
            u, i, y = u_all[lo:lo + batch], i_all[lo:lo + batch], y_all[lo:lo + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(u, i), y)
            loss.backward()
            opt.step()
            loss_sum += loss.item()
            steps += 1
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({'examplesPerSec': config['epochs'] * n / seconds, 'peakRssMB': peak_mb, 'loss': loss_sum / steps}))


if __name__ == '__main__':
    main()
