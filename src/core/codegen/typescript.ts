/** A TypeScript (TensorFlow.js) module that builds the spec's model, and on request trains it. */
import { Spec } from '../spec/schema';
import { INDENT, call, formatNumber, lit, object, raw, statement } from './expr';
import { builderBody, headerLines, modelInputs } from './module';
import { CodegenOptions, ModelPlan, planModel } from './plan';
import { typescriptTraining } from './training-typescript';
import { featureEncodingTs } from './featureEncoding';
import { typescriptRankingTraining } from './training-ranking-typescript';
import { GLOBAL_MEAN_NAME } from './names';
import { installLine, LOADER_CODE, LOADER_IMPORTS, packageJsonSnippet } from './tfjsLoader';

/** Text inside a block comment: `*\/` would end it early. */
const commentSafe = (text: string) => text.replace(/\*\//g, '*\\/');

function header(plan: ModelPlan, trainingScript: boolean, weightsLoader: boolean, encodes: boolean): string {
  const lines = headerLines(plan, {
    formulaIndent: '  ',
    builds:
      "buildModel() returns the untrained tf.LayersModel. Its layers are named after the spec's node ids, as in NCF Studio, so weights move between the two;",
    train: trainingScript
      ? {
          command: `npx tsx <this file> ${plan.checked.spec.training.task === 'ranking' ? 'interactions' : 'ratings'}.csv`,
          note: '(a CSV whose header names the user, item and rating columns; needs @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm)',
        }
      : undefined,
  });
  if (weightsLoader)
    lines.push(
      '',
      'loadTrainedModel(FILE.weights.json) returns the model with the trained weights of the run it was exported from.',
    );
  if (encodes)
    lines.push(
      '',
      'inputTensors(ratings) encodes raw feature values as the run did (FEATURE_ENCODINGS: its categories, means and standard deviations).',
    );
  lines.push('', ...packageJsonSnippet(trainingScript));
  return [installLine(trainingScript), '/**', ...lines.map((l) => commentSafe(l ? ` * ${l}` : ' *')), ' */'].join('\n');
}

/** FNV-1a of the layer name, mixed with the seed: the engine's `layerSeed`, kept identical. */
const LAYER_SEED = `/**
 * The seed of one layer's initialiser, derived from the model's seed and the layer's name exactly
 * as NCF Studio derives it, so that one seed gives the same initial weights in both.
 */
export function layerSeed(seed: number, layerName: string): number {
  let h = (seed | 0) ^ 0x811c9dc5;
  for (let i = 0; i < layerName.length; i++) h = Math.imul(h ^ layerName.charCodeAt(i), 0x01000193);
  return (h >>> 1) % 2147483647;
}`;

function optionsInterface(plan: ModelPlan, usesSeed: boolean): string {
  const fields: string[] = [];
  for (const s of plan.sizes)
    fields.push(
      `  /** Number of ${s.name.what} (rows of their embedding tables). Default ${s.defaultSize}. */`,
      `  ${s.name.ts}?: number;`,
    );
  if (plan.globalMean !== null)
    fields.push(
      `  /** Mean training rating μ, added to every prediction. Default ${formatNumber(plan.globalMean)}. */`,
      `  ${GLOBAL_MEAN_NAME.ts}?: number;`,
    );
  if (usesSeed)
    fields.push(
      `  /** Seed of the initialisers and dropout masks. Default ${plan.checked.spec.training.seed}, the spec's. */`,
      '  seed?: number;',
    );
  return [
    "/** What the model depends on beyond its architecture; the defaults are MovieLens-100K's. */",
    'export interface ModelOptions {',
    ...fields,
    '}',
  ].join('\n');
}

function builder(plan: ModelPlan): { code: string; usesSeed: boolean } {
  const indent = INDENT.ts;
  const body = builderBody(plan);
  const defaults: [string, string][] = [
    ...plan.sizes.map((s): [string, string] => [s.name.ts, String(s.defaultSize)]),
    ...(plan.globalMean !== null ? [[GLOBAL_MEAN_NAME.ts, formatNumber(plan.globalMean)] as [string, string]] : []),
    ...(body.usesSeed ? [['seed', String(plan.checked.spec.training.seed)] as [string, string]] : []),
  ];
  const head: string[] = [];
  if (defaults.length) {
    const destructure = `${indent}const { ${defaults.map(([k, v]) => `${k} = ${v}`).join(', ')} } = options;`;
    head.push(
      destructure.length <= 100
        ? destructure
        : [
            `${indent}const {`,
            ...defaults.map(([k, v]) => `${indent}${indent}${k} = ${v},`),
            `${indent}} = options;`,
          ].join('\n'),
    );
  }
  if (body.usesSeed) head.push(`${indent}const seedOf = (layerName: string) => layerSeed(seed, layerName);`);
  const model = call(
    'tf.model',
    object({
      inputs: modelInputs(plan),
      outputs: raw(plan.variables.get(plan.checked.outputId)!),
      name: lit(plan.modelName, 'ts'),
    }),
  );
  const returned = statement('return ', model, 'ts', indent);
  const code = [
    '/** Builds the untrained model, layer by layer in dependency order. */',
    `export function buildModel(${defaults.length ? 'options: ModelOptions = {}' : ''}): tf.LayersModel {`,
    ...head,
    ...(head.length ? [''] : []),
    ...body.lines,
    '',
    returned,
    '}',
  ].join('\n');
  return { code, usesSeed: body.usesSeed };
}

export function generateTypeScript(spec: Spec, options: CodegenOptions = {}): string {
  const plan = planModel(spec, 'ts', options);
  const built = builder(plan);
  const hasOptions = plan.sizes.length > 0 || plan.globalMean !== null || built.usesSeed;
  const ranking = plan.checked.spec.training.task === 'ranking';
  const training = options.trainingScript
    ? (ranking ? typescriptRankingTraining : typescriptTraining)(plan, built.usesSeed)
    : null;
  const loader = Boolean(options.weightsLoader);
  const encoding = featureEncodingTs(plan, options.featureEncodings);
  const imports = [
    "import * as tf from '@tensorflow/tfjs';",
    ...(training?.imports ?? []),
    ...(loader ? LOADER_IMPORTS : []),
  ];
  const sections = [
    header(plan, Boolean(training), loader, Boolean(encoding)),
    [...new Set(imports)].join('\n'),
    ...(hasOptions ? [optionsInterface(plan, built.usesSeed)] : []),
    ...(built.usesSeed ? [LAYER_SEED] : []),
    built.code,
    ...(loader ? [LOADER_CODE] : []),
    ...(encoding ? [encoding] : []),
    ...(training ? [training.code] : []),
  ];
  return sections.join('\n\n') + '\n';
}
