/**
 * What a user's TypeScript project needs to run the exported code: the install command and the
 * package.json lines for TensorFlow.js, and a loader for a run's trained weights.
 */

/** The TensorFlow.js release NCF Studio builds and tests with (a unit test keeps it equal to package.json's). */
export const TFJS_VERSION = '^4.22.0';

/** The format tag of the weights manifest, checked by the generated `loadTrainedModel()`. */
export const TFJS_WEIGHTS_FORMAT = 'ncf-studio-tfjs-weights/1';

/** The packages the exported module imports: TensorFlow.js, and for the training script its wasm backend and tsx to run it. */
export function tfjsPackages(trainingScript: boolean): { dependencies: string[]; dev: string[] } {
  return trainingScript
    ? { dependencies: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'], dev: ['tsx', '@types/node'] }
    : { dependencies: ['@tensorflow/tfjs'], dev: [] };
}

/** The first line(s) of the file: what to install so that its imports resolve. */
export function installLine(trainingScript: boolean): string {
  const { dependencies, dev } = tfjsPackages(trainingScript);
  const pinned = dependencies.map((d) => `${d}@${TFJS_VERSION}`).join(' ');
  // Two lines when there are dev tools too: each fits the 100 columns of the generated code.
  return `// Needs TensorFlow.js: npm install ${pinned}${dev.length ? `\n// To run it: npm install --save-dev ${dev.join(' ')}` : ''}`;
}

/** The "dependencies" lines of package.json, for the header. */
export function packageJsonSnippet(trainingScript: boolean): string[] {
  const { dependencies } = tfjsPackages(trainingScript);
  return [
    'package.json:',
    '  "dependencies": {',
    ...dependencies.map((d, i) => `    "${d}": "${TFJS_VERSION}"${i < dependencies.length - 1 ? ',' : ''}`),
    '  }',
  ];
}

export const LOADER_IMPORTS = ["import * as fs from 'node:fs';", "import * as path from 'node:path';"];

/** `loadTrainedModel()`: the model from `buildModel()` with a run's weights, and its id maps. */
export const LOADER_CODE = `/** What \`ncf export --lang ts --run DIR\` writes beside this file (FILE.weights.json, with FILE.weights.bin). */
export interface TrainedWeightsManifest {
  format: '${TFJS_WEIGHTS_FORMAT}';
  /** The binary weights, next to the manifest. */
  weightsFile: string;
  weightSpecs: tf.io.WeightsManifestEntry[];
  /** Raw user and item ids, in the order of the embedding rows. */
  users: string[];
  items: string[];
  /** The rating scale of the training data: predictions outside it may be clipped to it. */
  ratingRange: [number, number];
}

export interface TrainedModel {
  model: tf.LayersModel;
  /** Row of each raw id in the embedding tables: \`userIndex.get('196')\`. */
  userIndex: Map<string, number>;
  itemIndex: Map<string, number>;
  ratingRange: [number, number];
}

/**
 * The model with the trained weights of an NCF Studio run: \`manifestPath\` is the FILE.weights.json
 * written beside this file. Its layers are named as the run's, so every weight finds its layer.
 */
export function loadTrainedModel(manifestPath: string): TrainedModel {
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as TrainedWeightsManifest;
  if (manifest.format !== '${TFJS_WEIGHTS_FORMAT}')
    throw new Error(\`\${manifestPath}: not weights exported by NCF Studio for TensorFlow.js\`);
  const bytes = fs.readFileSync(path.join(path.dirname(manifestPath), manifest.weightsFile));
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const model = buildModel();
  model.loadWeights(tf.io.decodeWeights(data, manifest.weightSpecs));
  return {
    model,
    userIndex: new Map(manifest.users.map((id, i) => [id, i])),
    itemIndex: new Map(manifest.items.map((id, i) => [id, i])),
    ratingRange: manifest.ratingRange,
  };
}`;
