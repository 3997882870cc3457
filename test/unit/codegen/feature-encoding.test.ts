/**
 * The exported TypeScript of a model with feature inputs carries the run's feature encoding: from
 * raw feature values (a number, a category, 'a|b' pooled) its `inputTensors()` feeds the trained
 * model what the engine feeds it, so it predicts what the run predicts; the PyTorch export's
 * `input_tensors()` likewise. The Keras export carries the same plain-Python encoding: Keras is not
 * installed here, so that encoding is run without it and compared with the engine's inputs.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runExport } from '../../../src/cli/commands/export';
import { generatePython, generateTypeScript } from '../../../src/core/codegen';
import { runFeatureEncodings } from '../../../src/core/codegen/tfjsWeights';
import { inputTensors as engineInputs } from '../../../src/core/engine/feed';
import { loadDataset } from '../../../src/core/data/load';
import { Spec } from '../../../src/core/spec/schema';
import { buildColumn, encodeRaw, FeatureEncoding } from '../../../src/core/data/featureColumns';
import { titleVocabulary } from '../../../src/core/data/features';
import { loadRun } from '../../../src/core/predict/loadRun';
import { Predictor } from '../../../src/core/predict/predictor';
import { makeRng } from '../../../src/core/util/random';
import { loadModule, REPO_ROOT, typeCheck } from './harness';
import { requireTorch, TORCH_PYTHON } from './torch';

interface RawRating {
  user?: number;
  item?: number;
  features?: Record<string, string>;
}
interface EncodingModule {
  encodeFeature(name: string, raw: string): number[];
  inputTensors(ratings: RawRating[]): tf.Tensor[];
  loadTrainedModel(manifest: string): {
    model: tf.LayersModel;
    userIndex: Map<string, number>;
    itemIndex: Map<string, number>;
  };
}

const CITIES = ['Oslo', 'Lima', 'Pune', 'Kyiv'];
const TAGS = ['a', 'b', 'c', 'd'];

/** Feature files of every kind (numeric, categorical, multi-valued) and ratings they partly explain. */
function writeData(dir: string): { users: Record<string, string>[]; items: Record<string, string>[] } {
  const rng = makeRng('feature-encoding-export');
  const users = Array.from({ length: 30 }, (_, u) => ({
    id: `u${u}`,
    city: CITIES[u % CITIES.length],
    height: String(150 + Math.round(rng() * 50)),
  }));
  const items = Array.from({ length: 25 }, (_, i) => ({
    item: `i${i}`,
    tags: TAGS.filter(() => rng() < 0.5).join('|') || 'a',
    weight: (rng() * 10).toFixed(2),
  }));
  const ratings = ['user,item,rating'];
  for (const u of users)
    for (const i of items)
      if (rng() < 0.6)
        ratings.push(
          `${u.id},${i.item},${Math.min(5, Math.max(1, Math.round(2 + (u.city === 'Oslo' ? 2 : 0) + rng())))}`,
        );
  const csv = (rows: Record<string, string>[]) =>
    [Object.keys(rows[0]).join(','), ...rows.map((r) => Object.values(r).join(','))].join('\n') + '\n';
  writeFileSync(path.join(dir, 'users.csv'), csv(users));
  writeFileSync(path.join(dir, 'items.csv'), csv(items));
  writeFileSync(path.join(dir, 'ratings.csv'), ratings.join('\n') + '\n');
  writeFileSync(
    path.join(dir, 'model.ncf.json'),
    JSON.stringify({
      version: 1,
      name: 'features and ids',
      nodes: [
        { id: 'user', op: 'input', field: 'user' },
        { id: 'item', op: 'input', field: 'item' },
        { id: 'p', op: 'embedding', dim: 4, inputs: ['user'] },
        { id: 'q', op: 'embedding', dim: 4, inputs: ['item'] },
        { id: 'pq', op: 'dot', inputs: ['p', 'q'] },
        { id: 'city', op: 'input', field: 'userFeature', feature: 'city', kind: 'categorical' },
        { id: 'height', op: 'input', field: 'userFeature', feature: 'height', kind: 'numeric' },
        {
          id: 'tags',
          op: 'input',
          field: 'itemFeature',
          feature: 'tags',
          kind: 'multiHot',
          width: 4,
          pooling: 'sqrtn',
        },
        { id: 'weight', op: 'input', field: 'itemFeature', feature: 'weight', kind: 'numeric' },
        { id: 'e_city', op: 'embedding', dim: 3, inputs: ['city'] },
        { id: 'e_tags', op: 'dense', units: 3, useBias: false, inputs: ['tags'] },
        { id: 'x', op: 'concat', inputs: ['e_city', 'height', 'e_tags', 'weight'] },
        { id: 'f', op: 'mlp', units: [8], activation: 'relu', inputs: ['x'] },
        { id: 'f_out', op: 'dense', units: 1, inputs: ['f'] },
        { id: 'sum', op: 'add', inputs: ['pq', 'f_out'] },
        { id: 'rating', op: 'output', globalMean: true, inputs: ['sum'] },
      ],
      training: { optimizer: 'adam', learningRate: 0.01, batchSize: 32, epochs: 3, validation: 0.1, seed: 3 },
    }),
  );
  return { users, items };
}

/** Runs the plain-Python encoding of a generated module (no framework imported) on raw values. */
/** The feature files of writeData's folder as `ncf train` flags. */
const featureFlags = (dir: string) => [
  '--user-features',
  path.join(dir, 'users.csv'),
  '--item-features',
  path.join(dir, 'items.csv'),
];

const ENCODING_RUNNER = path.join(__dirname, 'python_encoding.py');

function pythonEncoding(
  module: string,
  request: { encode?: [string, string][]; ratings?: RawRating[] },
): { encoded: (number[] | { error: string })[]; inputs: Record<string, number[][]> | null } {
  const file = `${module}.request.json`;
  writeFileSync(file, JSON.stringify(request));
  return JSON.parse(execFileSync(TORCH_PYTHON, [ENCODING_RUNNER, module, file], { encoding: 'utf8' })) as never;
}

describe('exported code: the feature encoding of a run', function () {
  this.timeout(600_000);
  let dir: string;
  let runDir: string;
  let users: Record<string, string>[];
  let items: Record<string, string>[];

  before(async () => {
    await tf.ready();
    // Inside the repository, so that the generated module's imports resolve to its node_modules.
    dir = mkdtempSync(path.join(REPO_ROOT, '.feature-export-'));
    ({ users, items } = writeData(dir));
    runDir = path.join(dir, 'run');
    execFileSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'dist/cli.js'),
        'train',
        '--spec',
        path.join(dir, 'model.ncf.json'),
        '--data',
        `csv:${path.join(dir, 'ratings.csv')}`,
        ...featureFlags(dir),
        '--out',
        runDir,
      ],
      { stdio: 'pipe' },
    );
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('predicts from raw feature values what the run predicts (within 1e-5), in TypeScript and PyTorch', async function () {
    const out = path.join(dir, 'model.ts');
    const { code } = await runExport({ lang: 'ts', run: runDir, out });
    assert.match(code, /export const FEATURE_ENCODINGS/);
    assert.match(code, /export function inputTensors\(ratings: RawRating\[\]\): tf\.Tensor\[\]/);
    assert.deepEqual(typeCheck({ 'model.ts': code }), [], 'the module compiles under --strict');

    const generated = loadModule<EncodingModule>(code);
    const trained = generated.loadTrainedModel(path.join(dir, 'model.weights.json'));
    const predictor = new Predictor(await loadRun(runDir));
    try {
      const pairs = users.flatMap((u, k) =>
        [items[k % items.length], items[(3 * k + 5) % items.length]].map((i) => [u, i] as const),
      );
      const ratings: RawRating[] = pairs.map(([u, i]) => ({
        user: trained.userIndex.get(u.id),
        item: trained.itemIndex.get(i.item),
        features: { city: u.city, height: u.height, tags: i.tags, weight: i.weight },
      }));
      assert.ok(
        ratings.every((r) => r.user !== undefined && r.item !== undefined),
        'every id is known to the run',
      );
      const inputs = generated.inputTensors(ratings);
      const mine = (trained.model.predict(inputs) as tf.Tensor).dataSync();
      const theirs = pairs.map(
        ([u, i]) => predictor.scores(predictor.user(u.id), Int32Array.of(predictor.item(i.item)))[0],
      );
      const [low, high] = predictor.run.ratingRange;
      const gaps = theirs.map((t, k) => Math.abs(t - Math.min(high, Math.max(low, mine[k]))));
      assert.ok(Math.max(...gaps) < 1e-5, `largest gap ${Math.max(...gaps)}`);
      // The features do reach the model: another city moves the prediction.
      const moved = generated.inputTensors([{ ...ratings[0], features: { ...ratings[0].features, city: 'Lima' } }]);
      const other = (trained.model.predict(moved) as tf.Tensor).dataSync()[0];
      assert.notEqual(other, mine[0], 'the city is an input');
      assert.throws(
        () => generated.inputTensors([{ user: 0, item: 0, features: { city: 'Oslo', height: '170', tags: 'a' } }]),
        /rating 0: no value for 'weight'/,
      );
      assert.throws(() => generated.encodeFeature('city', 'Rome'), /'Rome' is not one of its categories/);
      tf.dispose([...inputs, ...moved]);

      // PyTorch: the same raw ratings through its input_tensors(), clipped by predict().
      requireTorch();
      await runExport({ lang: 'pytorch', run: runDir, out: path.join(dir, 'model_torch.py') });
      writeFileSync(path.join(dir, 'ratings.json'), JSON.stringify(ratings));
      const script = [
        'import importlib.util, json, sys',
        "spec = importlib.util.spec_from_file_location('model_torch', sys.argv[1])",
        'module = importlib.util.module_from_spec(spec)',
        'spec.loader.exec_module(module)',
        'model = module.load_weights(sys.argv[2])',
        'model.eval()',
        'ratings = json.load(open(sys.argv[3]))',
        'print(json.dumps(model.predict(*module.input_tensors(ratings)).tolist()))',
      ].join('\n');
      const torchOut = execFileSync(
        TORCH_PYTHON,
        [
          '-c',
          script,
          path.join(dir, 'model_torch.py'),
          path.join(dir, 'model_torch.weights.json'),
          path.join(dir, 'ratings.json'),
        ],
        { encoding: 'utf8' },
      );
      const torchScores = JSON.parse(torchOut) as number[];
      const torchGap = Math.max(...theirs.map((t, k) => Math.abs(t - torchScores[k])));
      assert.ok(torchGap < 1e-5, `PyTorch: largest gap ${torchGap}`);
    } finally {
      predictor.dispose();
      trained.model.dispose();
    }
  });

  it("Keras: the export of a run carries the encoding, and from raw values it gives the engine's inputs", async function () {
    const out = path.join(dir, 'model_keras.py');
    const { code, summary } = await runExport({ lang: 'python', run: runDir, out });
    assert.match(summary, /feature encoding/);
    assert.match(code, /^FEATURE_ENCODINGS = json\.loads\(/m);
    assert.match(code, /^def encode_feature\(name, raw\):/m);
    assert.match(code, /^def input_tensors\(ratings\):/m);
    assert.match(code, /^import tensorflow as tf$/m);
    // The encoding is the run's: every feature the model reads, with the run's categories, means and sds.
    const runEncodings = (await runFeatureEncodings(runDir))!;
    // One string literal per line, within 100 columns, that Python joins.
    const literals = /^FEATURE_ENCODINGS = json\.loads\(\n([\s\S]*?)\n\)$/m.exec(code)![1].split('\n');
    assert.ok(literals.every((line) => line.length <= 100 && /^ {4}".*"$/.test(line)));
    const carried = JSON.parse(literals.map((line) => JSON.parse(line.trim()) as string).join('')) as Record<
      string,
      FeatureEncoding
    >;
    assert.deepEqual(Object.keys(carried).sort(), ['city', 'height', 'tags', 'weight']);
    for (const [name, e] of Object.entries(carried)) {
      const { missing: _m, fallback: _f, ...kept } = runEncodings[name];
      assert.deepEqual(e, kept, name);
    }

    // The engine's inputs for some rows of the data, beside the Python encoding of their raw values.
    const data = await loadDataset(`csv:${path.join(dir, 'ratings.csv')}`, {
      userFeatures: path.join(dir, 'users.csv'),
      itemFeatures: path.join(dir, 'items.csv'),
    });
    const rows = Int32Array.from({ length: 40 }, (_, k) => (k * 7) % data.ratings.length);
    const userOf = new Map(users.map((u) => [u.id, u]));
    const itemOf = new Map(items.map((i) => [i.item, i]));
    const ratings: RawRating[] = Array.from(rows, (r) => {
      const u = userOf.get(data.userIds[data.users[r]])!;
      const i = itemOf.get(data.itemIds[data.items[r]])!;
      return {
        user: data.users[r],
        item: data.items[r],
        features: { city: u.city, height: u.height, tags: i.tags, weight: i.weight },
      };
    });
    const python = pythonEncoding(out, {
      ratings,
      encode: [
        ['city', 'Rome'],
        ['height', 'tall'],
      ],
    });
    const spec = JSON.parse(readFileSync(path.join(runDir, 'spec.ncf.json'), 'utf8')) as Spec;
    const inputNodes = spec.nodes.filter((n) => n.op === 'input');
    assert.deepEqual(Object.keys(python.inputs!).sort(), inputNodes.map((n) => n.id).sort());
    for (const node of inputNodes) {
      const [tensor] = engineInputs([node], data, rows);
      const engine = tensor.arraySync() as number[][];
      tensor.dispose();
      const mine = python.inputs![node.id];
      assert.equal(mine.length, engine.length, node.id);
      engine.forEach((row, k) => {
        assert.equal(mine[k].length, row.length, `${node.id}, row ${k}: width`);
        row.forEach((v, c) => assert.ok(Math.abs(v - mine[k][c]) < 1e-6, `${node.id}, row ${k}: ${mine[k]} ≠ ${row}`));
      });
    }
    // Pooled multi-hot rows are scaled (not plain flags), so the pooling is compared too.
    assert.ok(
      python.inputs!.tags.some((row) => row.some((v) => v > 0 && v < 1)),
      'some tags are pooled',
    );
    assert.deepEqual(python.encoded, [
      { error: "feature 'city': 'Rome' is not one of its categories" },
      { error: "feature 'height': 'tall' is not a number" },
    ]);
  });
});

describe('exported code: derived MovieLens features', function () {
  it("encodes derived MovieLens features (age group, zip region, decade, title words) as the engine's encodeRaw", function () {
    const column = (name: string, raw: string[], kind: FeatureEncoding['kind'], extra: object = {}) =>
      buildColumn(name, raw, {
        side: ['decade', 'genres', 'titleWords'].includes(name) ? 'item' : 'user',
        kind,
        ...extra,
      }).encoding;
    const titles = ['Toy Story (1995)', 'Shawshank Redemption, The (1994)', 'Fawlty Towers (1975-1979)'];
    const encodings: Record<string, FeatureEncoding> = {
      age: column('age', ['23', '41', '', '67'], 'numeric'),
      ageGroup: column('ageGroup', ['23', '41', '67'], 'categorical', {
        source: 'age',
        transform: 'ageGroup',
        categories: ['under 18', '18-24', '25-34', '35-44', '45-49', '50-55', '56+'],
      }),
      zipRegion: column('zipRegion', ['10001', 'K1A', ''], 'categorical', {
        source: 'zip',
        transform: 'zipRegion',
        categories: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'other'],
      }),
      genres: column('genres', ['Comedy|Drama', 'Action'], 'multiHot'),
      decade: column('decade', ['1995', '1931'], 'categorical', {
        source: 'year',
        transform: 'decade',
        categories: ['before 1920', ...Array.from({ length: 11 }, (_, k) => `${1920 + 10 * k}s`), 'unknown'],
      }),
      titleWords: column('titleWords', titles, 'multiHot', {
        source: 'title',
        transform: 'titleWords',
        categories: titleVocabulary(titles),
      }),
    };
    const spec = {
      version: 1 as const,
      name: 'derived',
      nodes: [
        { id: 'age', op: 'input' as const, field: 'userFeature' as const, feature: 'age' },
        { id: 'ageGroup', op: 'input' as const, field: 'userFeature' as const, feature: 'ageGroup' },
        { id: 'zipRegion', op: 'input' as const, field: 'userFeature' as const, feature: 'zipRegion' },
        {
          id: 'genres',
          op: 'input' as const,
          field: 'itemFeature' as const,
          feature: 'genres',
          pooling: 'mean' as const,
        },
        { id: 'decade', op: 'input' as const, field: 'itemFeature' as const, feature: 'decade' },
        {
          id: 'titleWords',
          op: 'input' as const,
          field: 'itemFeature' as const,
          feature: 'titleWords',
          pooling: 'mean' as const,
        },
        { id: 'e_decade', op: 'embedding' as const, dim: 2, inputs: ['decade'] },
        { id: 'e_age', op: 'embedding' as const, dim: 2, inputs: ['ageGroup'] },
        { id: 'e_zip', op: 'embedding' as const, dim: 2, inputs: ['zipRegion'] },
        { id: 'x', op: 'concat' as const, inputs: ['age', 'e_age', 'e_zip', 'genres', 'e_decade', 'titleWords'] },
        { id: 'f', op: 'dense' as const, units: 1, inputs: ['x'] },
        { id: 'rating', op: 'output' as const, inputs: ['f'] },
      ],
      training: { seed: 1 },
    };
    const code = generateTypeScript(spec as never, { featureEncodings: encodings });
    assert.deepEqual(typeCheck({ 'derived.ts': code }), [], 'the module compiles under --strict');
    const generated = loadModule<EncodingModule>(code);
    const cases: [string, string[]][] = [
      ['age', ['23', ' 41 ', '0', '99.5']],
      ['ageGroup', ['17', '18', '24', '25', '49', '50', '56', '80']],
      ['zipRegion', ['10001', '98103', 'K1A 0B1', '', ' 3']],
      ['genres', ['Comedy|Drama', 'action', 'Drama| Comedy |Western', '']],
      ['decade', ['1995', '1919', '1920', '2031', 'n/a', '']],
      ['titleWords', [...titles, 'toy soldiers', 'The Story of a Toy (2001)', 'Héroes del 2001', '(1995)', '']],
    ];
    for (const [name, values] of cases)
      for (const raw of values)
        assert.deepEqual(generated.encodeFeature(name, raw), encodeRaw(name, encodings[name], raw), `${name} '${raw}'`);
    // Pooling scales the flags of the mean-pooled genres by 1/n, as the engine's feed does.
    const raw = { age: '30', zip: '1', genres: 'Comedy|Drama', year: '1977', title: 'Toy Story (1995)' };
    const [genres, , words] = generated.inputTensors([{ features: raw }]).slice(3);
    assert.deepEqual(Array.from(genres.dataSync()), [0, 0.5, 0.5]);
    const toyStory = encodings.titleWords.categories!.map((w) => (w === 'toy' || w === 'story' ? 0.5 : 0));
    assert.deepEqual(Array.from(words.dataSync()), toyStory, 'a title becomes its pooled words');

    // The Python the Keras and PyTorch exports share encodes the same raw values alike.
    const tmp = mkdtempSync(path.join(tmpdir(), 'ncf-derived-'));
    try {
      const module = path.join(tmp, 'derived.py');
      writeFileSync(module, generatePython(spec as never, { featureEncodings: encodings }));
      const calls = cases.flatMap(([name, values]) => values.map((raw) => [name, raw] as [string, string]));
      const python = pythonEncoding(module, {
        encode: calls,
        ratings: [{ features: raw }],
      });
      calls.forEach(([name, raw], k) => {
        const want = encodeRaw(name, encodings[name], raw);
        const got = python.encoded[k] as number[];
        assert.equal(got.length, want.length, `Python ${name} '${raw}'`);
        got.forEach((v, c) => assert.ok(Math.abs(v - want[c]) < 1e-6, `Python ${name} '${raw}': ${got} ≠ ${want}`));
      });
      assert.deepEqual(python.inputs!.genres, [[0, 0.5, 0.5]]);
      assert.deepEqual(python.inputs!.decade, [[encodeRaw('decade', encodings.decade, '1977')[0]]]);
      assert.deepEqual(python.inputs!.titleWords, [toyStory]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
