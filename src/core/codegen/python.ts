/** A Python module (Keras, TensorFlow 2 functional API) that builds the spec's model, and on request trains it. */
import { Spec } from '../spec/schema';
import { INDENT, call, kw, lit, raw, statement } from './expr';
import { encodingModules, featureEncodingKeras } from './featureEncodingPython';
import { builderBody, headerLines, modelInputs } from './module';
import { CodegenOptions, ModelPlan, planModel } from './plan';
import { pySizeParameters } from './pythonParameters';
import { pythonTraining } from './training-python';
import { kerasRankingTraining } from './training-ranking-keras';

/** Text inside a triple-quoted docstring. */
const docstringSafe = (text: string) => text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');

function header(plan: ModelPlan, trainingScript: boolean): string {
  const lines = headerLines(plan, {
    formulaIndent: '    ',
    builds:
      "build_model() returns the untrained Keras model (TensorFlow 2, functional API). Its layers are named after the spec's node ids, as in NCF Studio;",
    train: !trainingScript
      ? undefined
      : plan.checked.spec.training.task === 'ranking'
        ? {
            command: 'python <this file> interactions.csv',
            note: "(a CSV whose header names the user, item and rating columns and a timestamp column, or is in time order): ncf train --task ranking's procedure.",
          }
        : {
            command: 'python <this file> ratings.csv',
            note: '(a CSV whose header names the user, item and rating columns). On one machine it uses the default strategy; run the same command on every worker of a cluster described by TF_CONFIG and it trains with MultiWorkerMirroredStrategy.',
          },
  });
  return ['"""' + docstringSafe(lines[0]), ...lines.slice(1).map(docstringSafe), '"""'].join('\n');
}

function builder(plan: ModelPlan): { code: string; usesL2: boolean } {
  const indent = INDENT.py;
  const body = builderBody(plan);
  const params = pySizeParameters(plan);
  const defaults = params.map((p) => `${p.name}=${p.value}`);
  const oneLine = `def build_model(${defaults.join(', ')}):`;
  // A model with many feature inputs has many sizes: one per line then, as Black lays them out.
  const signature =
    oneLine.length <= 100 ? oneLine : ['def build_model(', ...defaults.map((d) => `${indent}${d},`), '):'].join('\n');
  const docstring = [
    `${indent}"""Builds the untrained model, layer by layer in dependency order.`,
    ...(params.length
      ? [
          '',
          `${indent}Args (the defaults are MovieLens-100K's):`,
          ...params.map((p) => `${indent}${indent}${p.name}: ${p.doc}`),
        ]
      : []),
    `${indent}"""`,
  ];
  const model = call(
    'keras.Model',
    kw('inputs', modelInputs(plan)),
    kw('outputs', raw(plan.variables.get(plan.checked.outputId)!)),
    kw('name', lit(plan.modelName, 'py')),
  );
  const code = [signature, ...docstring, ...body.lines, '', statement('return ', model, 'py', indent)].join('\n');
  return { code, usesL2: body.usesL2 };
}

export function generatePython(spec: Spec, options: CodegenOptions = {}): string {
  const plan = planModel(spec, 'py', options);
  const built = builder(plan);
  const ranking = plan.checked.spec.training.task === 'ranking';
  const training = options.trainingScript ? (ranking ? kerasRankingTraining : pythonTraining)(plan) : null;
  const encoding = featureEncodingKeras(plan, options.featureEncodings);
  const stdlib = [
    ...(training?.stdlibImports ?? []),
    ...(encoding ? ['import json', 'import math'] : []),
    ...encodingModules(plan, options.featureEncodings).map((m) => `import ${m}`),
  ];
  const imports = [
    ...[...new Set(stdlib)].sort(),
    ...(stdlib.length ? [''] : []),
    ...(training?.thirdPartyImports ?? []),
    ...(training || encoding ? ['import tensorflow as tf'] : []),
    'from tensorflow import keras',
    `from tensorflow.keras import ${built.usesL2 ? 'layers, regularizers' : 'layers'}`,
  ];
  const definitions = [
    ...(training ? [training.settings] : []),
    built.code,
    ...(encoding ? [encoding] : []),
    ...(training ? [training.code] : []),
  ];
  // PEP 8: two blank lines around top-level definitions.
  return [`${header(plan, Boolean(training))}\n\n${imports.join('\n')}`, ...definitions].join('\n\n\n') + '\n';
}
