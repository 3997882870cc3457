/** Compiles generated TypeScript with the compiler API and runs it in this process. */
import * as path from 'node:path';
import ts from 'typescript';
import * as tf from '@tensorflow/tfjs';
import { gaussian, makeRng } from '../../../src/core/util/random';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** What a user's strict project would use; the files sit virtually inside the repo so its node_modules resolve. */
const STRICT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  skipLibCheck: true,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
};

/**
 * Type-checks generated files (name → source) in one Program, the way `tsc --strict` would, and
 * returns each diagnostic as `file:line: message`.
 */
export function typeCheck(files: Record<string, string>): string[] {
  const dir = path.join(REPO_ROOT, '.codegen-virtual');
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(dir, name), text]));
  const host = ts.createCompilerHost(STRICT_OPTIONS);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) =>
    virtual.has(fileName)
      ? ts.createSourceFile(fileName, virtual.get(fileName)!, languageVersion, true)
      : getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists.call(host, fileName);
  host.readFile = (fileName) => virtual.get(fileName) ?? readFile.call(host, fileName);
  const program = ts.createProgram([...virtual.keys()], STRICT_OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${path.relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** Transpiles a generated module to CommonJS and evaluates it with this process's modules (one tfjs instance). */
export function loadModule<T>(source: string): T {
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const module = { exports: {} as T };
  new Function('require', 'module', 'exports', js)(require, module, module.exports);
  return module.exports;
}

export interface GeneratedModelModule {
  buildModel(options?: Record<string, number>): tf.LayersModel;
}

/** Random inputs for a model: ids below each input's vocabulary size (by input name), normal numbers for numeric features. */
/**
 * A vector input wider than this is a multi-hot feature (a title's words): its rows get a few values
 * among zeros, as real ones do; thousands of Gaussians would measure float32 rounding, not the export.
 */
const WIDEST_DENSE_INPUT = 64;

function sparseRows(rows: number, width: number, rng: () => number): Float32Array {
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) for (let k = 0; k < 4; k++) out[r * width + Math.floor(rng() * width)] = gaussian(rng);
  return out;
}

export function randomBatch(
  model: tf.LayersModel,
  sizes: Record<string, number>,
  rows: number,
  seed: number,
): tf.Tensor[] {
  const rng = makeRng(`batch:${seed}`);
  return model.inputs.map((input) => {
    const shape = [rows, ...(input.shape.slice(1) as number[])];
    const count = shape.reduce((a, b) => a * b, 1);
    if (input.dtype === 'int32')
      return tf.tensor(
        Int32Array.from({ length: count }, () => Math.floor(rng() * sizes[input.name])),
        shape,
        'int32',
      );
    const width = shape[shape.length - 1];
    if (shape.length === 2 && width > WIDEST_DENSE_INPUT)
      return tf.tensor(sparseRows(rows, width, rng), shape, 'float32');
    return tf.tensor(
      Float32Array.from({ length: count }, () => gaussian(rng)),
      shape,
      'float32',
    );
  });
}
