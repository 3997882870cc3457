/**
 * The parts both languages share: the body of the model builder (one commented block per node,
 * from the op's emitter) and the facts the header comment states.
 */
import { SpecNode } from '../spec/schema';
import { EMITTERS, EmitContext, OpCodegen } from './emitters';
import { Expr, INDENT, MAX_WIDTH, assignment, call, list, lit, object, raw } from './expr';
import { GLOBAL_MEAN_NAME } from './names';
import { ModelPlan } from './plan';

export interface BuilderBody {
  /** Lines of the builder's body (indented one level), up to but not including the return. */
  lines: string[];
  /** Whether any layer takes a seed (TypeScript), so the seed helpers must be written. */
  usesSeed: boolean;
  /** Whether any layer has an L2 regulariser (Python imports `regularizers` only then). */
  usesL2: boolean;
}

/** A comment line's text: one line, whatever the label holds. */
export const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');

export function builderBody(plan: ModelPlan): BuilderBody {
  const { lang } = plan;
  const indent = INDENT[lang];
  const variable = (id: string) => raw(plan.variables.get(id)!);
  let usesSeed = false;
  const lines: string[] = [];
  for (const node of plan.nodes) {
    const ctx: EmitContext = {
      inputs: (node.inputs ?? []).map(variable),
      self: variable(node.id),
      shapes: plan.checked.shapes,
      size: (vocab) => raw(plan.sizes.find((s) => s.vocab === vocab)!.name[lang]),
      globalMean: raw(GLOBAL_MEAN_NAME[lang]),
      seed: (layerName) => {
        usesSeed = true;
        return call('seedOf', lit(layerName, lang));
      },
    };
    const emitter = EMITTERS[node.op] as OpCodegen<SpecNode['op']>;
    const label = node.label ? ` (${node.label})` : '';
    const steps: Expr[] = emitter[lang](node, ctx);
    if (lines.length) lines.push('');
    const marker = `${indent}${lang === 'ts' ? '//' : '#'} `;
    for (const line of wrap(`${node.id}${label}: ${emitter.describe(node, plan.checked.shapes)}`, MAX_WIDTH - marker.length)) lines.push(marker + line);
    const target = plan.variables.get(node.id)!;
    steps.forEach((step, k) => lines.push(assignment(target, step, lang, indent, k > 0 ? null : steps.length > 1 ? 'let' : 'const')));
  }
  const usesL2 = plan.nodes.some((n) => 'l2' in n && Boolean(n.l2));
  return { lines, usesSeed, usesL2 };
}

/** The expression listing the model's inputs: an array in TypeScript, a dict by name in Python. */
export function modelInputs(plan: ModelPlan): Expr {
  const vars = plan.inputs.map((n) => raw(plan.variables.get(n.id)!));
  if (plan.lang === 'ts') return list(vars);
  return object(Object.fromEntries(plan.inputs.map((n, k) => [n.id, vars[k]])));
}

/** Parameters of the live nodes (a dead branch is not built, so it has none). */
export function liveParams(plan: ModelPlan): number {
  return plan.nodes.reduce((sum, n) => sum + (plan.checked.params[n.id] ?? 0), 0);
}

/** Words wrapped to lines of at most `width` characters. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of oneLine(text).split(' ').filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

/** The defaults of the size parameters, for the header: "943 users, 1,682 items". */
export function defaultSizesText(plan: ModelPlan): string {
  return plan.sizes.map((s) => `${formatCount(s.defaultSize)} ${s.name.what.replace(/^distinct /, '')}`).join(', ');
}
