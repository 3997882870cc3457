/**
 * The training half of a generated TypeScript file for a ranking spec: `ncf train --task ranking`'s
 * procedure (every rating an interaction, or those at or above the threshold; leave-one-out by time;
 * BCE on the spec's number of negatives per positive drawn afresh every epoch from the items the
 * user has not trained on; early stopping on the validation item's NDCG@K; HR@K and NDCG@K of the
 * test item against 99 sampled negatives, beside ItemPop) with the engine's seeded generator, so
 * that a seed draws the same negatives and batches as `ncf train --engine layers`.
 */
import { Training } from '../spec/schema';
import { Expr, call, formatNumber, object, raw, statement } from './expr';
import { ModelPlan } from './plan';
import { EVAL_NEGATIVES } from '../ranking/metrics';
import {
  READ_RATINGS,
  SCATTER_ADD_KERNEL,
  SEEDED_RANDOM_TS,
  SHUFFLE,
  inputsFor,
  tsStopOnHigherNdcg,
  tsTrainingScript,
} from './training-typescript';

function settings(training: Training): string {
  const stopping = training.earlyStopping
    ? `{ patience: ${training.earlyStopping.patience}, minDelta: ${formatNumber(training.earlyStopping.minDelta)} }`
    : 'null';
  return `/** The spec's training settings. */
const TRAINING: {
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Negatives drawn per positive, afresh every epoch. */
  negatives: number;
  /** The K of HR@K and NDCG@K. */
  topK: number;
  /** Negatives each held-out item is ranked against (the NCF paper's protocol). */
  evalNegatives: number;
  /** Ratings at or above it are interactions; null: every rating. */
  threshold: number | null;
  /** Stop when validation NDCG@K has not improved for \`patience\` epochs; null: never stop early. */
  earlyStopping: { patience: number; minDelta: number } | null;
  seed: number;
} = {
  learningRate: ${formatNumber(training.learningRate)},
  batchSize: ${training.batchSize},
  epochs: ${training.epochs},
  negatives: ${training.negatives},
  topK: ${training.topK},
  evalNegatives: ${EVAL_NEGATIVES},
  threshold: ${training.threshold === undefined ? 'null' : formatNumber(training.threshold)},
  earlyStopping: ${stopping},
  seed: ${training.seed},
};`;
}

const RANKING = `/** Each user's items among some rows, as sets. */
function itemsByUser(data: Ratings, rows: Int32Array): Set<number>[] {
  const sets = Array.from({ length: data.numUsers }, () => new Set<number>());
  for (const r of rows) sets[data.users[r]].add(data.items[r]);
  return sets;
}

/**
 * Leave-one-out by time: each user's latest interaction (ties broken by item id, as numbers when
 * every id is one; without times the file order is taken as time) is the test row, the one before
 * it the validation row, the rest training. Each part comes back sorted.
 */
function leaveOneOut(
  data: Ratings,
  rows: Int32Array,
): { train: Int32Array; val: Int32Array; test: Int32Array } {
  const byUser: number[][] = Array.from({ length: data.numUsers }, () => []);
  for (const r of rows) byUser[data.users[r]].push(r);
  const ids = data.itemIds;
  const numeric = ids.every((id) => id.trim() !== '' && Number.isFinite(Number(id)));
  const byId = (a: number, b: number) => {
    const [x, y] = [ids[data.items[a]], ids[data.items[b]]];
    return numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
  };
  const times = data.times;
  const train: number[] = [];
  const val: number[] = [];
  const test: number[] = [];
  for (const list of byUser) {
    if (times) list.sort((a, b) => times[a] - times[b] || byId(a, b));
    if (list.length >= 2) test.push(list.pop()!);
    if (list.length >= 2) val.push(list.pop()!);
    train.push(...list);
  }
  const sorted = (xs: number[]) => Int32Array.from(xs).sort();
  return { train: sorted(train), val: sorted(val), test: sorted(test) };
}

/** An item the user has not interacted with (in \`seen\`), drawn uniformly by rejection. */
function drawUnseen(seen: Set<number>, numItems: number, random: () => number): number {
  if (seen.size >= numItems) {
    throw new Error('a user has interacted with every item: no negative to draw');
  }
  for (;;) {
    const item = Math.floor(random() * numItems);
    if (!seen.has(item)) return item;
  }
}

/** A dataset of (user, item, label) rows, the shape inputsFor() reads. */
function pairs(data: Ratings, users: Int32Array, items: Int32Array, labels: Float32Array): Ratings {
  return { ...data, users, items, ratings: labels };
}
const everyRow = (n: number) => Int32Array.from({ length: n }, (_, k) => k);

/** One epoch's examples: each training interaction (label 1), then its fresh negatives (0). */
function epochExamples(
  data: Ratings,
  train: Int32Array,
  seen: Set<number>[],
  random: () => number,
): Ratings {
  const n = train.length * (TRAINING.negatives + 1);
  const users = new Int32Array(n);
  const items = new Int32Array(n);
  const labels = new Float32Array(n);
  let o = 0;
  for (const r of train) {
    const u = data.users[r];
    users[o] = u;
    items[o] = data.items[r];
    labels[o++] = 1;
    for (let k = 0; k < TRAINING.negatives; k++) {
      users[o] = u;
      items[o++] = drawUnseen(seen[u], data.numItems, random);
    }
  }
  return pairs(data, users, items, labels);
}

/** For each held-out row, \`evalNegatives\` distinct items its user never interacted with. */
function evaluationNegatives(
  data: Ratings,
  rows: Int32Array,
  everything: Set<number>[],
  seed: string,
): number[][] {
  const random = seededRandom(seed);
  return Array.from(rows, (r) => {
    const seen = everything[data.users[r]];
    const drawn = new Set<number>();
    while (drawn.size < TRAINING.evalNegatives) drawn.add(drawUnseen(seen, data.numItems, random));
    return [...drawn];
  });
}

interface TopK {
  hr: number;
  ndcg: number;
}

const formatTopK = (m: TopK) =>
  \`HR@\${TRAINING.topK} \${m.hr.toFixed(4)}  NDCG@\${TRAINING.topK} \${m.ndcg.toFixed(4)}\`;

/**
 * HR@K and NDCG@K of each held-out item against its negatives. Its rank counts the negatives that
 * score at least as high, so a tie counts against the model.
 */
function topK(
  score: (data: Ratings) => Float32Array,
  data: Ratings,
  rows: Int32Array,
  negatives: number[][],
): TopK {
  const width = TRAINING.evalNegatives + 1;
  const users = new Int32Array(rows.length * width);
  const items = new Int32Array(rows.length * width);
  rows.forEach((r, p) => {
    users.fill(data.users[r], p * width, (p + 1) * width);
    items[p * width] = data.items[r];
    items.set(negatives[p], p * width + 1);
  });
  const scores = score(pairs(data, users, items, new Float32Array(users.length)));
  let hits = 0;
  let gain = 0;
  for (let p = 0; p < rows.length; p++) {
    const target = scores[p * width];
    let rank = 0;
    for (let k = p * width + 1; k < (p + 1) * width; k++) if (!(scores[k] < target)) rank++;
    if (rank < TRAINING.topK) {
      hits++;
      gain += 1 / Math.log2(rank + 2);
    }
  }
  return { hr: hits / rows.length, ndcg: gain / rows.length };
}

/** The model's logits for every row of \`pairs\`. */
const modelScores = (model: tf.LayersModel) => (data: Ratings) =>
  tf.tidy(() => {
    const inputs = inputsFor(data, everyRow(data.users.length));
    const output = model.predict(inputs, { batchSize: 8192 }) as tf.Tensor;
    return output.dataSync() as Float32Array;
  });

/** ItemPop: an item's number of training interactions, the same for every user. */
function itemPopScores(data: Ratings, train: Int32Array): (pairs: Ratings) => Float32Array {
  const popularity = new Float32Array(data.numItems);
  for (const r of train) popularity[data.items[r]]++;
  return (p) => Float32Array.from(p.items, (i) => popularity[i]);
}`;

function main(plan: ModelPlan, usesSeed: boolean): string {
  const args: [string, Expr][] = [];
  for (const s of plan.sizes)
    if (s.vocab === 'user' || s.vocab === 'item')
      args.push([s.name.ts, raw(s.vocab === 'user' ? 'data.numUsers' : 'data.numItems')]);
  if (usesSeed) args.push(['seed', raw('TRAINING.seed')]);
  const model = statement('const model = ', call('buildModel', object(Object.fromEntries(args))), 'ts', '  ');
  return `async function main(file: string | undefined): Promise<void> {
  if (!file) throw new Error('usage: npx tsx <this file> interactions.csv');
  const backend = await useFastestBackend();
  const data = readRatings(file);
  const seed = TRAINING.seed;
  const threshold = TRAINING.threshold;
  const interactions = Int32Array.from(
    everyRow(data.ratings.length).filter((r) => threshold === null || data.ratings[r] >= threshold),
  );
  const { train, val, test } = leaveOneOut(data, interactions);
  const seen = itemsByUser(data, train);
  const everything = itemsByUser(data, interactions);
  const testNegatives = evaluationNegatives(data, test, everything, \`\${seed}:test-negatives\`);
  const valNegatives = evaluationNegatives(data, val, everything, \`\${seed}:validation-negatives\`);
  console.log(
    \`\${interactions.length} interactions, \${data.numUsers} users, \${data.numItems} items; \` +
      \`train \${train.length}, validation \${val.length}, test \${test.length}; \${backend} backend\`,
  );

${model}
  // The output is a logit: sigmoid cross-entropy against the 0/1 labels.
  const loss = (labels: tf.Tensor, logits: tf.Tensor) =>
    tf.losses.sigmoidCrossEntropy(labels, logits) as tf.Scalar;
  model.compile({ optimizer: tf.train.${plan.checked.spec.training.optimizer}(TRAINING.learningRate), loss });
  const score = modelScores(model);

  // Fresh negatives every epoch, in a seeded order, so that a run repeats exactly.
  const negativeRandom = seededRandom(\`\${seed}:negatives\`);
  const shuffleRandom = seededRandom(\`\${seed}:shuffle\`);
  let best: { ndcg: number; epoch: number; weights: tf.Tensor[] } | null = null;
  let sinceBest = 0;
  for (let epoch = 1; epoch <= TRAINING.epochs; epoch++) {
    const examples = epochExamples(data, train, seen, negativeRandom);
    const order = shuffle(everyRow(examples.users.length), shuffleRandom);
    const xs = inputsFor(examples, order);
    const ys = tf.tensor2d(Float32Array.from(order, (r) => examples.ratings[r]), [order.length, 1]);
    const batchSize = TRAINING.batchSize;
    const history = await model.fit(xs, ys, { batchSize, epochs: 1, shuffle: false, verbose: 0 });
    tf.dispose([...xs, ys]);
    const epochLoss = Number(history.history.loss[0]);
    if (!Number.isFinite(epochLoss)) {
      throw new Error(\`training diverged in epoch \${epoch}: try a lower learning rate\`);
    }
    const valMetrics = val.length ? topK(score, data, val, valNegatives) : null;
    const valText = valMetrics ? \`  val \${formatTopK(valMetrics)}\` : '';
    console.log(\`epoch \${epoch}/\${TRAINING.epochs}  loss \${epochLoss.toFixed(4)}\${valText}\`);
${tsStopOnHigherNdcg()}
  console.log(\`test \${formatTopK(topK(score, data, test, testNegatives))}\`);
  console.log(\`ItemPop \${formatTopK(topK(itemPopScores(data, train), data, test, testNegatives))}\`);
}`;
}

/** `usesSeed`: whether the generated buildModel() takes a seed. */
export function typescriptRankingTraining(plan: ModelPlan, usesSeed: boolean): { imports: string[]; code: string } {
  return tsTrainingScript(
    [
      '// Training: npx tsx <this file> interactions.csv',
      "// The procedure of NCF Studio's `ncf train --task ranking` with the spec's settings: leave-one-out",
      '// by time (file order without a timestamp column), negatives drawn afresh every epoch from the',
      '// items a user has not trained on, early stopping on the validation item’s NDCG@K with the best',
      '// weights kept, and HR@K and NDCG@K of each test item against sampled negatives, beside ItemPop.',
      ...(plan.checked.spec.training.loss === 'bpr'
        ? ["// The spec's loss is BPR, which only ncf train trains: this script trains BCE on sampled", '// negatives.']
        : []),
    ],
    [
      settings(plan.checked.spec.training),
      SCATTER_ADD_KERNEL,
      SEEDED_RANDOM_TS,
      READ_RATINGS,
      inputsFor(plan),
      SHUFFLE,
      RANKING,
      main(plan, usesSeed),
    ],
  );
}
