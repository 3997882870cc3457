/**
 * The training half of a generated TypeScript file: it runs NCF Studio's procedure (`ncf train`
 * with the default `random:0.2` split) on a ratings CSV, with nothing but TensorFlow.js, so that
 * a seed gives the same split, the same batches and the same test RMSE as `ncf train`.
 */
import { SpecNode, Training } from '../spec/schema';
import { Expr, call, formatNumber, object, raw, statement, stringLiteral } from './expr';
import { ModelPlan } from './plan';
import { GLOBAL_MEAN_NAME } from './names';

/** `ncf train`'s default split holds out this share of the ratings for the test. */
export const TEST_FRACTION = 0.2;

/**
 * seedrandom's default generator (RC4 keyed by the seed string, 256 bytes dropped, 52-bit
 * doubles), which NCF Studio's engine uses for splits and shuffles. Exported for its test.
 */
export const SEEDED_RANDOM_TS = `/**
 * A seeded generator of doubles in [0, 1): the algorithm of the seedrandom package (RC4 keyed by
 * the seed string), which NCF Studio uses, so that a seed picks the same split and batches.
 */
function seededRandom(seed: string): () => number {
  const key: number[] = [];
  let smear = 0;
  for (let k = 0; k < seed.length; k++) {
    smear ^= (key[k & 255] ?? 0) * 19;
    key[k & 255] = (smear + seed.charCodeAt(k)) & 255;
  }
  if (key.length === 0) key.push(0);
  const s = Array.from({ length: 256 }, (_, k) => k);
  let i = 0;
  let j = 0;
  for (let k = 0; k < 256; k++) {
    const t = s[k];
    j = (j + key[k % key.length] + t) & 255;
    s[k] = s[j];
    s[j] = t;
  }
  j = 0;
  const bytes = (count: number): number => {
    let r = 0;
    for (let n = 0; n < count; n++) {
      i = (i + 1) & 255;
      const t = s[i];
      j = (j + t) & 255;
      s[i] = s[j];
      s[j] = t;
      r = r * 256 + s[(s[i] + t) & 255];
    }
    return r;
  };
  bytes(256);
  return () => {
    let n = bytes(6);
    let d = 2 ** 48;
    let x = 0;
    while (n < 2 ** 52) {
      n = (n + x) * 256;
      d *= 256;
      x = bytes(1);
    }
    while (n >= 2 ** 53) {
      n /= 2;
      d /= 2;
      x >>>= 1;
    }
    return (n + x) / d;
  };
}`;

export const SCATTER_ADD_KERNEL = `/** The parts of the cpu and wasm backends the kernel below uses (not in tfjs's public types). */
interface KernelBackend {
  readSync(dataId: object): TypedArray;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: TypedArray): tf.TensorInfo;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): TypedArray;
}
type TypedArray = Float32Array | Int32Array;

/**
 * Embedding gradients need the UnsortedSegmentSum kernel: the wasm backend has none and the cpu
 * one is very slow (a loop of whole-tensor ops per segment), so both get this plain scatter-add.
 */
function registerScatterAdd(backendName: 'wasm' | 'cpu'): void {
  const kernelFunc: tf.KernelFunc = ({ inputs, attrs, backend }) => {
    const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
    const numSegments = (attrs as { numSegments: number }).numSegments;
    const b = backend as unknown as KernelBackend;
    const inner = x.shape.slice(segmentIds.shape.length);
    const rowSize = inner.reduce((a, n) => a * n, 1);
    const values = b.readSync(x.dataId);
    const ids = b.readSync(segmentIds.dataId);
    const size = numSegments * rowSize;
    const sum = x.dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
    for (let r = 0; r < ids.length; r++) {
      const s = ids[r];
      if (s < 0 || s >= numSegments) continue; // TensorFlow drops out-of-range segments
      for (let c = 0; c < rowSize; c++) sum[s * rowSize + c] += values[r * rowSize + c];
    }
    const shape = [numSegments, ...inner];
    if (backendName === 'cpu') return b.makeTensorInfo(shape, x.dtype, sum);
    const out = b.makeOutput(shape, x.dtype);
    b.typedArrayFromHeap(out).set(sum);
    return out;
  };
  const kernelName = 'UnsortedSegmentSum';
  if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ kernelName, backendName, kernelFunc });
}

/** wasm when it starts (several times faster), else the pure-JavaScript cpu backend. */
async function useFastestBackend(): Promise<string> {
  tf.enableProdMode(); // skips per-op debug checks
  for (const name of ['wasm', 'cpu'] as const) {
    registerScatterAdd(name);
    try {
      if (await tf.setBackend(name)) return name;
    } catch {
      // this backend cannot start here: try the next
    }
  }
  throw new Error('no TensorFlow.js backend could start');
}`;

export const READ_RATINGS = `interface Ratings {
  /** Encoded user and item of each rating (0…n-1, in order of first appearance in the file). */
  users: Int32Array;
  items: Int32Array;
  ratings: Float32Array;
  numUsers: number;
  numItems: number;
  /** The raw item id of each item index. */
  itemIds: string[];
  /** Each rating's time, from a timestamp (or time) column; null without one. */
  times: Float64Array | null;
  /** The smallest and largest rating seen: predictions are clipped to it. */
  range: [number, number];
}

/** Reads a ratings CSV: a header naming the columns (any order), then one rating a line. */
function readRatings(file: string): Ratings {
  const lines = fs.readFileSync(file, 'utf8').split(/\\r?\\n/);
  // The separator that occurs most often in the header: comma, tab, semicolon or bar.
  const count = (d: string) => lines[0].split(d).length;
  const delimiter = [',', '\\t', ';', '|'].reduce((best, d) => (count(d) > count(best) ? d : best));
  const header = lines[0].split(delimiter).map((h) => h.trim().toLowerCase());
  const column = (role: string, names: string[]) => {
    const k = names.map((n) => header.indexOf(n)).find((index) => index !== -1);
    if (k === undefined) {
      throw new Error(\`\${file}:1: no \${role} column (tried \${names}); the header: \${header}\`);
    }
    return k;
  };
  const u = column('user', ['user', 'userid', 'user_id']);
  const i = column('item', ['item', 'itemid', 'movieid', 'item_id']);
  const r = column('rating', ['rating']);
  const t = ['timestamp', 'time'].map((n) => header.indexOf(n)).find((index) => index !== -1);
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const encode = (index: Map<string, number>, id: string) => {
    if (!index.has(id)) index.set(id, index.size);
    return index.get(id)!;
  };
  const users: number[] = [];
  const items: number[] = [];
  const ratings: number[] = [];
  const times: number[] = [];
  for (let line = 1; line < lines.length; line++) {
    if (lines[line].trim() === '') continue;
    const fields = lines[line].split(delimiter);
    const rating = Number(fields[r]);
    const where = \`\${file}:\${line + 1}\`;
    if (fields.length !== header.length) {
      throw new Error(\`\${where}: \${fields.length} fields where the header has \${header.length}\`);
    }
    if (fields[r].trim() === '' || !Number.isFinite(rating)) {
      throw new Error(\`\${where}: rating '\${fields[r]}' is not a number\`);
    }
    if (t !== undefined) {
      const time = Number(fields[t]);
      if (fields[t].trim() === '' || !Number.isFinite(time)) {
        throw new Error(\`\${where}: timestamp '\${fields[t]}' is not a number\`);
      }
      times.push(time);
    }
    users.push(encode(userIndex, fields[u].trim()));
    items.push(encode(itemIndex, fields[i].trim()));
    ratings.push(rating);
  }
  if (ratings.length === 0) throw new Error(\`\${file}: no rating rows found\`);
  const values = Float32Array.from(ratings);
  return {
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    ratings: values,
    numUsers: userIndex.size,
    numItems: itemIndex.size,
    itemIds: [...itemIndex.keys()],
    times: t === undefined ? null : Float64Array.from(times),
    range: [values.reduce((a, b) => Math.min(a, b)), values.reduce((a, b) => Math.max(a, b))],
  };
}`;

export const SHUFFLE = `/** Fisher–Yates shuffle, in place. */
function shuffle(array: Int32Array, random: () => number): Int32Array {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
  return array;
}`;

const SPLITS = `interface Parts {
  kept: Int32Array;
  held: Int32Array;
}

/** Holds out a seeded share of the rows: the first of a shuffle. Both parts come back sorted. */
function holdOut(rows: Int32Array, fraction: number, seed: string): Parts {
  const shuffled = shuffle(Int32Array.from(rows), seededRandom(seed));
  const size = Math.round(fraction * shuffled.length);
  return { held: shuffled.slice(0, size).sort(), kept: shuffled.slice(size).sort() };
}

const targetsFor = (data: Ratings, rows: Int32Array) =>
  tf.tensor2d(Float32Array.from(rows, (r) => data.ratings[r]), [rows.length, 1]);

interface Metrics {
  rmse: number;
  mae: number;
}

const format = (m: Metrics) => \`RMSE \${m.rmse.toFixed(4)}  MAE \${m.mae.toFixed(4)}\`;

/** RMSE and MAE of the model's predictions clipped to the rating scale: what a user would see. */
function evaluate(model: tf.LayersModel, data: Ratings, rows: Int32Array): Metrics {
  const predicted = tf.tidy(() => {
    const output = model.predict(inputsFor(data, rows), { batchSize: 8192 }) as tf.Tensor;
    return output.dataSync();
  });
  const [low, high] = data.range;
  let squared = 0;
  let absolute = 0;
  rows.forEach((row, k) => {
    const error = Math.min(high, Math.max(low, predicted[k])) - data.ratings[row];
    squared += error * error;
    absolute += Math.abs(error);
  });
  return { rmse: Math.sqrt(squared / rows.length), mae: absolute / rows.length };
}`;

export function inputsFor(plan: ModelPlan): string {
  const entry = (node: Extract<SpecNode, { op: 'input' }>) => {
    if (node.field === 'user') return '    ids(data.users),';
    if (node.field === 'item') return '    ids(data.items),';
    const what =
      node.field === 'tokens'
        ? 'token sequences'
        : `the ${node.field === 'userFeature' ? 'user' : 'item'} feature '${node.feature}'`;
    return `    missingInput(${stringLiteral(node.id, 'ts')}, ${stringLiteral(what, 'ts')}),`;
  };
  const needsMissing = plan.inputs.some((n) => n.field !== 'user' && n.field !== 'item');
  return [
    ...(needsMissing
      ? [
          '/** A ratings CSV has users, items and ratings only: load side inputs here, a row per rating. */',
          'function missingInput(input: string, what: string): never {',
          "  throw new Error(`input '${input}' needs ${what}, which a ratings CSV lacks: see inputsFor()`);",
          '}',
          '',
        ]
      : []),
    "/** The model's inputs for some rating rows, in the order of model.inputs. */",
    'function inputsFor(data: Ratings, rows: Int32Array): tf.Tensor[] {',
    '  const ids = (values: Int32Array) =>',
    "    tf.tensor2d(Int32Array.from(rows, (r) => values[r]), [rows.length, 1], 'int32');",
    '  return [',
    ...plan.inputs.map(entry),
    '  ];',
    '}',
  ].join('\n');
}

function settings(training: Training): string {
  const stopping = training.earlyStopping
    ? `{ patience: ${training.earlyStopping.patience}, minDelta: ${formatNumber(training.earlyStopping.minDelta)} }`
    : 'null';
  return `/** The spec's training settings, and the share of ratings held out for the test. */
const TRAINING: {
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Share of the training rows held out for validation and early stopping. */
  validation: number;
  /** Stop when validation RMSE has not improved for \`patience\` epochs; null: never stop early. */
  earlyStopping: { patience: number; minDelta: number } | null;
  seed: number;
  testFraction: number;
} = {
  learningRate: ${formatNumber(training.learningRate)},
  batchSize: ${training.batchSize},
  epochs: ${training.epochs},
  validation: ${formatNumber(training.validation)},
  earlyStopping: ${stopping},
  seed: ${training.seed},
  testFraction: ${formatNumber(TEST_FRACTION)},
};`;
}

function main(plan: ModelPlan, usesSeed: boolean): string {
  const training = plan.checked.spec.training;
  const args: [string, Expr][] = [];
  for (const s of plan.sizes)
    if (s.vocab === 'user' || s.vocab === 'item')
      args.push([s.name.ts, raw(s.vocab === 'user' ? 'data.numUsers' : 'data.numItems')]);
  if (plan.globalMean !== null) args.push([GLOBAL_MEAN_NAME.ts, raw('mean')]);
  if (usesSeed) args.push(['seed', raw('TRAINING.seed')]);
  // Tables sized by something else than users and items (a feature, tokens) keep their defaults.
  const model = statement('const model = ', call('buildModel', object(Object.fromEntries(args))), 'ts', '  ');
  return `async function main(file: string | undefined): Promise<void> {
  if (!file) throw new Error('usage: npx tsx <this file> ratings.csv');
  const backend = await useFastestBackend();
  const data = readRatings(file);
  const all = Int32Array.from(data.ratings, (_, k) => k);
  const seed = TRAINING.seed;
  const { kept: rest, held: test } = holdOut(all, TRAINING.testFraction, \`\${seed}:random-split\`);
  const { kept: train, held: val } = holdOut(rest, TRAINING.validation, \`\${seed}:validation\`);
  console.log(
    \`\${data.ratings.length} ratings, \${data.numUsers} users, \${data.numItems} items; \` +
      \`train \${train.length}, validation \${val.length}, test \${test.length}; \${backend} backend\`,
  );
${plan.globalMean !== null ? '\n  // μ: the mean rating of the rows the model trains on.\n  const mean = train.reduce((sum, r) => sum + data.ratings[r], 0) / train.length;' : ''}
${model}
  model.compile({ optimizer: tf.train.${training.optimizer}(TRAINING.learningRate), loss: 'meanSquaredError' });

  // Each epoch visits the training rows in a fresh seeded order, so a run repeats exactly.
  const random = seededRandom(\`\${seed}:shuffle\`);
  const order = Int32Array.from(train);
  let best: { rmse: number; epoch: number; weights: tf.Tensor[] } | null = null;
  let sinceBest = 0;
  for (let epoch = 1; epoch <= TRAINING.epochs; epoch++) {
    shuffle(order, random);
    const xs = inputsFor(data, order);
    const ys = targetsFor(data, order);
    const batchSize = TRAINING.batchSize;
    const history = await model.fit(xs, ys, { batchSize, epochs: 1, shuffle: false, verbose: 0 });
    tf.dispose([...xs, ys]);
    const loss = Number(history.history.loss[0]);
    if (!Number.isFinite(loss)) {
      throw new Error(\`training diverged in epoch \${epoch}: try a lower learning rate\`);
    }
    const valMetrics = val.length ? evaluate(model, data, val) : null;
    const valText = valMetrics ? \`  val \${format(valMetrics)}\` : '';
    console.log(\`epoch \${epoch}/\${TRAINING.epochs}  loss \${loss.toFixed(4)}\${valText}\`);
${tsStopOnLowerRmse()}
  const result = evaluate(model, data, test);
  console.log(\`test \${format(result)}\`);
}`;
}

/** The end of a generated epoch loop: early stopping on a validation figure (`better` compares it with the best so far), then the best epoch's weights restored. */
function tsEarlyStopping(metric: string, label: string, better: string): string {
  return `    // Early stopping on validation ${label}; the best epoch's weights are kept.
    if (valMetrics && TRAINING.earlyStopping) {
      if (!best || ${better}) {
        if (best) tf.dispose(best.weights);
        best = { ${metric}: valMetrics.${metric}, epoch, weights: model.getWeights().map((w) => w.clone()) };
        sinceBest = 0;
      } else if (++sinceBest >= TRAINING.earlyStopping.patience) {
        console.log(\`no improvement for \${sinceBest} epochs: stopping\`);
        break;
      }
    }
  }
  if (best) {
    model.setWeights(best.weights);
    tf.dispose(best.weights);
    console.log(\`kept the weights of epoch \${best.epoch}\`);
  }`;
}

export const tsStopOnLowerRmse = () =>
  tsEarlyStopping('rmse', 'RMSE', 'valMetrics.rmse < best.rmse - TRAINING.earlyStopping.minDelta');
export const tsStopOnHigherNdcg = () =>
  tsEarlyStopping('ndcg', 'NDCG@K', 'valMetrics.ndcg > best.ndcg + TRAINING.earlyStopping.minDelta');

/** A generated training script: its intro comment between rules, then its parts, then the call of main(). */
export function tsTrainingScript(intro: string[], parts: string[]): { imports: string[]; code: string } {
  const rule = '// ' + '─'.repeat(95);
  const runMain = `main(process.argv[2]).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});`;
  return {
    imports: ["import '@tensorflow/tfjs-backend-wasm';", "import * as fs from 'node:fs';"],
    code: [[rule, ...intro, rule].join('\n'), ...parts, runMain].join('\n\n'),
  };
}

/** `usesSeed`: whether the generated buildModel() takes a seed. */
export function typescriptTraining(plan: ModelPlan, usesSeed: boolean): { imports: string[]; code: string } {
  return tsTrainingScript(
    [
      '// Training: npx tsx <this file> ratings.csv',
      "// The procedure of NCF Studio's `ncf train` (default split random:0.2) with the spec's settings:",
      '// a seeded test split, a validation part carved from the training rows, seeded batches, early',
      '// stopping on validation RMSE with the best weights kept, and RMSE and MAE of predictions clipped',
      '// to the rating scale.',
    ],
    [
      settings(plan.checked.spec.training),
      SCATTER_ADD_KERNEL,
      SEEDED_RANDOM_TS,
      READ_RATINGS,
      inputsFor(plan),
      SHUFFLE,
      SPLITS,
      main(plan, usesSeed),
    ],
  );
}
