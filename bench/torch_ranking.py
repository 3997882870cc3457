"""The PyTorch peer of `npm run eval:ranking-peer`: the NCF paper's NeuMF written as a PyTorch user
writes it, trained and evaluated on the protocol NCF Studio drew (the same training interactions,
validation and test items and sampled negatives), so that the figures differ by the training alone.

Usage: python3 torch_ranking.py PROTOCOL.json
PROTOCOL (written by bench/ranking-peer.ts) holds numUsers, numItems, the model's sizes (gmf: the
GMF factors; embedding: the MLP tower's embedding size; units: its layers), the training settings
(epochs, patience, learningRate, batchSize, negatives, topK, seed), the training pairs and, for
"val" and "test", each user's held-out item and its negatives (EVAL_NEGATIVES per user, flat).
Prints a line per epoch on stderr, then one JSON line: {"hr", "ndcg", "bestEpoch", "epochs", "seconds"}.

As in the paper and its PyTorch ports, not as NCF Studio: embeddings start N(0, 0.01), linear
layers as PyTorch starts them, Adam over whole tables with PyTorch's defaults. As in NCF Studio:
fresh negatives every epoch (never a training item of the user), early stopping on the validation
NDCG@K with the best epoch's weights kept, and a tie with a negative counts against the model.
"""
import json
import math
import sys
import time

import numpy
import torch
from torch import nn

from torch_peer import relu_tower


class NeuMF(nn.Module):
    def __init__(self, users, items, gmf, embedding, units):
        super().__init__()
        self.p, self.q = nn.Embedding(users, gmf), nn.Embedding(items, gmf)
        self.s, self.t = nn.Embedding(users, embedding), nn.Embedding(items, embedding)
        for table in (self.p, self.q, self.s, self.t):
            nn.init.normal_(table.weight, std=0.01)
        self.tower, width = relu_tower(2 * embedding, units)
        self.h = nn.Linear(gmf + width, 1)

    def forward(self, user, item):
        gmf = self.p(user) * self.q(item)
        mlp = self.tower(torch.cat([self.s(user), self.t(item)], 1))
        return self.h(torch.cat([gmf, mlp], 1)).squeeze(1)


def top_k(model, held_out, k):
    """HR@K and NDCG@K of each user's held-out item against its negatives."""
    users = numpy.asarray(held_out['users'], dtype=numpy.int64)
    negatives = numpy.asarray(held_out['negatives'], dtype=numpy.int64).reshape(len(users), -1)
    candidates = numpy.concatenate([numpy.asarray(held_out['items'], dtype=numpy.int64)[:, None], negatives], 1)
    model.eval()
    with torch.no_grad():
        scores = model(
            torch.from_numpy(numpy.repeat(users, candidates.shape[1])), torch.from_numpy(candidates.reshape(-1))
        ).numpy().reshape(candidates.shape)
    model.train()
    rank = (scores[:, 1:] >= scores[:, :1]).sum(1)
    hit = rank < k
    return float(hit.mean()), float(numpy.where(hit, 1 / numpy.log2(rank + 2), 0).mean())


def main(path):
    with open(path, encoding='utf-8') as f:
        protocol = json.load(f)
    training = protocol['training']
    torch.manual_seed(training['seed'])
    rng = numpy.random.default_rng(training['seed'])
    num_items = protocol['numItems']
    users = numpy.asarray(protocol['train']['users'], dtype=numpy.int64)
    items = numpy.asarray(protocol['train']['items'], dtype=numpy.int64)
    seen = set(zip(users.tolist(), items.tolist()))
    model = NeuMF(protocol['numUsers'], num_items, protocol['gmf'], protocol['embedding'], protocol['units'])
    optimizer = torch.optim.Adam(model.parameters(), lr=training['learningRate'])
    k, batch, per = training['topK'], training['batchSize'], training['negatives']
    best, since_best, started = None, 0, time.time()
    for epoch in range(1, training['epochs'] + 1):
        negative_users = numpy.repeat(users, per)
        negatives = rng.integers(num_items, size=len(negative_users))
        for n in range(len(negatives)):
            while (negative_users[n], negatives[n]) in seen:
                negatives[n] = rng.integers(num_items)
        order = rng.permutation(len(users) + len(negatives))
        epoch_users = torch.from_numpy(numpy.concatenate([users, negative_users])[order])
        epoch_items = torch.from_numpy(numpy.concatenate([items, negatives])[order])
        labels = torch.from_numpy(numpy.concatenate([numpy.ones(len(users)), numpy.zeros(len(negatives))])[order]).float()
        total = 0.0
        for start in range(0, len(labels), batch):
            end = start + batch
            loss = nn.functional.binary_cross_entropy_with_logits(
                model(epoch_users[start:end], epoch_items[start:end]), labels[start:end]
            )
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * (min(end, len(labels)) - start)
        hr, ndcg = top_k(model, protocol['val'], k)
        print(f'epoch {epoch}: loss {total / len(labels):.4f}, validation HR@{k} {hr:.4f} NDCG@{k} {ndcg:.4f}',
              file=sys.stderr, flush=True)
        if best is None or ndcg > best['ndcg']:
            best = {'ndcg': ndcg, 'epoch': epoch, 'weights': {n: w.clone() for n, w in model.state_dict().items()}}
            since_best = 0
        else:
            since_best += 1
            if training['patience'] is not None and since_best >= training['patience']:
                break
    model.load_state_dict(best['weights'])
    hr, ndcg = top_k(model, protocol['test'], k)
    print(json.dumps({'hr': hr, 'ndcg': ndcg, 'bestEpoch': best['epoch'], 'epochs': epoch,
                      'seconds': time.time() - started}))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: python3 torch_ranking.py PROTOCOL.json')
    main(sys.argv[1])
