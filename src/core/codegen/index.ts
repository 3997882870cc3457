/**
 * Code generation: a spec as TypeScript (TensorFlow.js), Python (Keras) or PyTorch source that
 * builds the very model the engine builds, layer for layer, and on request trains it.
 * No TensorFlow.js import here: the builder's live code view bundles this for the browser.
 * An invalid spec throws the validator's `SpecFileError` (its `issues` name node and field).
 */
import { Spec } from '../spec/schema';
import type { CodegenOptions } from './plan';
import { generatePython } from './python';
import { generatePyTorch } from './pytorch';
import { generateTypeScript } from './typescript';

export { generateTypeScript } from './typescript';
export { generatePython } from './python';
export { generatePyTorch } from './pytorch';
export type { CodegenOptions } from './plan';
export { MOVIELENS_100K_MEAN } from './plan';

export const CODE_LANGUAGES = ['ts', 'python', 'pytorch'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** File extension of each language, for save dialogs and default file names. */
export const CODE_EXTENSIONS: Record<CodeLanguage, string> = { ts: '.ts', python: '.py', pytorch: '.py' };

const GENERATORS: Record<CodeLanguage, (spec: Spec, options?: CodegenOptions) => string> = {
  ts: generateTypeScript,
  python: generatePython,
  pytorch: generatePyTorch,
};

export function generateCode(spec: Spec, language: CodeLanguage, options?: CodegenOptions): string {
  return GENERATORS[language](spec, options);
}

/** A file name for the generated code: the spec's name in lower case, `_` for anything unusual (PyTorch's ends in `_torch`, beside the Keras one). */
export function codeFileName(spec: Pick<Spec, 'name'>, language: CodeLanguage): string {
  const base =
    spec.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, language === 'ts' ? '-' : '_')
      .replace(/^[-_]+|[-_]+$/g, '') || 'model';
  return base + (language === 'pytorch' ? '_torch' : '') + CODE_EXTENSIONS[language];
}
