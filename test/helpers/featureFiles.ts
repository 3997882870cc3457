/**
 * A small ratings CSV with a user feature file (city, categorical) and an item feature file (tags,
 * multi-valued), not MovieLens, and a spec that reads one feature of each side by its column name:
 * shared by the host and end-to-end tests of the Train flow's feature files.
 */
import type { SpecInput } from '../../src/core/spec';

export const CITIES = ['Oslo', 'Lima', 'Pune'];
const TAGS = ['a', 'b', 'c'];

const lines = (rows: string[]) => rows.join('\n') + '\n';

/** ratings.csv (20 users, 12 items), users.csv and items.csv, by file name. */
export function featureData(): Record<'ratings.csv' | 'users.csv' | 'items.csv', string> {
  const ratings = ['user,item,rating'];
  for (let u = 0; u < 20; u++)
    for (let i = 0; i < 12; i++) if ((u * 7 + i * 3) % 4 !== 0) ratings.push(`u${u},i${i},${1 + ((u + 2 * i) % 5)}`);
  return {
    'ratings.csv': lines(ratings),
    'users.csv': lines(['id,city', ...Array.from({ length: 20 }, (_, u) => `u${u},${CITIES[u % 3]}`)]),
    'items.csv': lines([
      'item,tags',
      ...Array.from({ length: 12 }, (_, i) => `i${i},${TAGS.slice(0, 1 + (i % 3)).join('|')}`),
    ]),
  };
}

/** f(city, tags) + pᵀq + μ. */
export function cityTagsSpec(name: string): SpecInput {
  return {
    version: 1,
    name,
    nodes: [
      { id: 'user', op: 'input', field: 'user' },
      { id: 'item', op: 'input', field: 'item' },
      { id: 'p', op: 'embedding', dim: 3, inputs: ['user'] },
      { id: 'q', op: 'embedding', dim: 3, inputs: ['item'] },
      { id: 'pq', op: 'dot', inputs: ['p', 'q'] },
      { id: 'city', op: 'input', field: 'userFeature', feature: 'city', kind: 'categorical' },
      { id: 'tags', op: 'input', field: 'itemFeature', feature: 'tags', kind: 'multiHot', width: 3, pooling: 'mean' },
      { id: 'e_city', op: 'embedding', dim: 2, inputs: ['city'] },
      { id: 'x', op: 'concat', inputs: ['e_city', 'tags'] },
      { id: 'f', op: 'dense', units: 1, inputs: ['x'] },
      { id: 'sum', op: 'add', inputs: ['pq', 'f'] },
      { id: 'rating', op: 'output', globalMean: true, inputs: ['sum'] },
    ],
    training: { optimizer: 'adam', learningRate: 0.01, batchSize: 32, epochs: 2, validation: 0.1, seed: 5 },
  };
}
