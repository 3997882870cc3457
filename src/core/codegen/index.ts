/**
 * Code generation: a spec as TypeScript (TensorFlow.js) or Python (Keras) source that builds the
 * very model the engine builds, layer for layer, and on request trains it.
 * No TensorFlow.js import here: the builder's live code view bundles this for the browser.
 * An invalid spec throws the validator's `SpecFileError` (its `issues` name node and field).
 */
import { Spec } from '../spec/schema';
import type { CodegenOptions } from './plan';
import { generatePython } from './python';
import { generateTypeScript } from './typescript';

export { generateTypeScript } from './typescript';
export { generatePython } from './python';
export type { CodegenOptions } from './plan';
export { MOVIELENS_100K_MEAN } from './plan';

export const CODE_LANGUAGES = ['ts', 'python'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** File extension of each language, for save dialogs and default file names. */
export const CODE_EXTENSIONS: Record<CodeLanguage, string> = { ts: '.ts', python: '.py' };

export function generateCode(spec: Spec, language: CodeLanguage, options?: CodegenOptions): string {
  return language === 'ts' ? generateTypeScript(spec, options) : generatePython(spec, options);
}

/** A file name for the generated code: the spec's name in lower case, `_` for anything unusual. */
export function codeFileName(spec: Pick<Spec, 'name'>, language: CodeLanguage): string {
  const base = spec.name.toLowerCase().replace(/[^a-z0-9]+/g, language === 'python' ? '_' : '-').replace(/^[-_]+|[-_]+$/g, '') || 'model';
  return base + CODE_EXTENSIONS[language];
}
