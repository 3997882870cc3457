/**
 * The code view's source: code generated from the checked spec by the core's code generator, so
 * the view shows exactly what "Export" writes.
 */
import type { Spec } from '../../src/core/spec';
import { generateCode, type CodeLanguage } from '../../src/core/codegen';

export type Generated = { ok: true; code: string } | { ok: false; message: string };

export function codeFor(spec: Spec, language: CodeLanguage): Generated {
  try {
    return { ok: true, code: generateCode(spec, language) };
  } catch (e) {
    return { ok: false, message: `Code generation failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
