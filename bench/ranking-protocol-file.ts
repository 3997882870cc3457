/** What bench/torch_ranking.py is handed: a NeuMF-shaped spec's sizes and training, and the protocol NCF Studio drew. */
import { Dataset } from '../src/core/data/types';
import { gatherInt } from '../src/core/util/gather';
import { HeldOut } from '../src/core/ranking/evaluate';
import { RankingProtocol } from '../src/core/ranking/protocol';
import { Spec } from '../src/core/spec/schema';

function node<T>(spec: Spec, id: string, field: string): T {
  const found = spec.nodes.find((n) => n.id === id) as Record<string, unknown> | undefined;
  if (found?.[field] === undefined)
    throw new Error(`the PyTorch peer trains NeuMF: spec ${spec.name} has no node ${id} with a ${field}`);
  return found[field] as T;
}

const pairs = (held: HeldOut, negatives: Int32Array) => ({
  users: Array.from(held.users),
  items: Array.from(held.items),
  negatives: Array.from(negatives),
});

/** The NeuMF presets' nodes: p (GMF factors), s (the tower's embedding), psi (the tower's layers). */
export function peerProtocol(spec: Spec, dataset: Dataset, protocol: RankingProtocol): string {
  const t = spec.training;
  return JSON.stringify({
    numUsers: dataset.userIds.length,
    numItems: dataset.itemIds.length,
    gmf: node<number>(spec, 'p', 'dim'),
    embedding: node<number>(spec, 's', 'dim'),
    units: node<number[]>(spec, 'psi', 'units'),
    training: {
      epochs: t.epochs,
      patience: t.earlyStopping?.patience ?? null,
      learningRate: t.learningRate,
      batchSize: t.batchSize,
      negatives: t.negatives,
      topK: t.topK,
      seed: t.seed,
    },
    train: {
      users: Array.from(gatherInt(dataset.users, protocol.train)),
      items: Array.from(gatherInt(dataset.items, protocol.train)),
    },
    val: pairs(protocol.valPairs, protocol.valNegatives),
    test: pairs(protocol.testPairs, protocol.testNegatives),
  });
}
