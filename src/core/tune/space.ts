/**
 * A search space: spec fields named by path (`p.dim`, `training.learningRate`, several tied
 * together as `p.dim+q.dim`), each with a list of values, an integer range or a log-uniform range.
 * It comes from a small JSON file (with a JSON Schema, like the spec's) or an inline string.
 */
import { z } from 'zod';
import { Spec, SpecNode } from '../spec/schema';
import { UsageError } from '../job/resolveSpec';

export type ParamValue = number | string | boolean | number[];
export type Params = Record<string, ParamValue>;

interface ParamBase {
  /** The key of the parameter: its paths joined by `+`. */
  name: string;
  paths: string[];
}
export type ParamDef =
  | (ParamBase & { kind: 'choice'; values: ParamValue[] })
  | (ParamBase & { kind: 'int'; min: number; max: number })
  | (ParamBase & { kind: 'log'; min: number; max: number })
  | (ParamBase & { kind: 'uniform'; min: number; max: number });
export type SearchSpace = ParamDef[];

const range = z.tuple([z.number(), z.number()]);
const choiceValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.number().int().positive())]);
const paramSchema = z.union([
  z.array(choiceValue).min(1).describe('The values to try'),
  z.object({ int: range.describe('Smallest and largest whole number, both included') }).strict(),
  z.object({ log: range.describe('Bounds of a log-uniform range (both positive)') }).strict(),
  z.object({ uniform: range.describe('Bounds of a uniform range') }).strict(),
]);
export const SpaceFile = z
  .object({
    $schema: z.string().optional(),
    params: z
      .record(z.string(), paramSchema)
      .describe(
        'Spec fields by path (`nodeId.field`, `training.field`; tie fields with `+`, e.g. `p.dim+q.dim`) and the values to search',
      ),
  })
  .strict();

/** JSON Schema of a search-space file (`*.space.json`). */
export function spaceJsonSchema(): object {
  return z.toJSONSchema(SpaceFile, { io: 'input', target: 'draft-7' });
}

/** Fields that define the node or the protocol rather than a hyperparameter. */
const NOT_SEARCHABLE: Record<string, string> = {
  id: 'it names the node',
  op: 'it is the kind of node',
  inputs: 'it is the graph',
  label: 'it is only a name',
  field: 'it is what the input carries',
  feature: 'it is what the input carries',
  'training.seed': 'every candidate gets the same seeds, so that a winner is not the luckiest seed',
  'training.validation': 'the validation part is what selection is measured on',
  'training.loss': 'the loss defines the task',
};

/** Reads `training.x` or `node.x` (or a deeper path) from a spec; undefined when absent. */
export function getPath(spec: Spec, path: string): unknown {
  const [head, ...rest] = path.split('.');
  let value: unknown = head === 'training' ? spec.training : spec.nodes.find((n) => n.id === head);
  for (const key of rest)
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** A copy of the spec with every parameter's paths set to its value. */
export function applyParams(spec: Spec, params: Params): Spec {
  const copy = structuredClone(spec);
  for (const [name, value] of Object.entries(params)) {
    for (const path of name.split('+')) {
      const [head, ...rest] = path.split('.');
      let target: Record<string, unknown> | undefined =
        head === 'training'
          ? (copy.training as unknown as Record<string, unknown>)
          : (copy.nodes.find((n) => n.id === head) as unknown as Record<string, unknown> | undefined);
      for (const key of rest.slice(0, -1)) target = target?.[key] as Record<string, unknown> | undefined;
      if (target) target[rest[rest.length - 1]] = structuredClone(value);
    }
  }
  return copy;
}

function nodeSchemaField(node: SpecNode, field: string): z.ZodType | undefined {
  const option = SpecNode.options.find((o) => o.shape.op.value === node.op);
  return option ? (option.shape as Record<string, z.ZodType>)[field] : undefined;
}

/** Checks that a path names a searchable field of the spec; the error names the path. */
export function checkPath(spec: Spec, path: string, where: string): void {
  const bad = (why: string) => new UsageError(`${where}: '${path}' ${why}`);
  const parts = path.split('.');
  if (parts.length < 2 || parts.some((p) => p === ''))
    throw bad('is not a path: use nodeId.field or training.field, e.g. p.dim or training.learningRate');
  if (NOT_SEARCHABLE[path]) throw bad(`cannot be searched: ${NOT_SEARCHABLE[path]}`);
  if (parts[0] === 'training') {
    const known = Object.keys(spec.training);
    if (!(parts[1] in spec.training))
      throw bad(
        `names no training setting; settings: ${known.filter((k) => !NOT_SEARCHABLE[`training.${k}`]).join(', ')}`,
      );
    if (parts[1] === 'earlyStopping' && (parts.length !== 3 || !['patience', 'minDelta'].includes(parts[2])))
      throw bad('names nothing: use training.earlyStopping.patience or training.earlyStopping.minDelta');
    return;
  }
  const node = spec.nodes.find((n) => n.id === parts[0]);
  if (!node) throw bad(`names no node of ${spec.name}; its nodes: ${spec.nodes.map((n) => n.id).join(', ')}`);
  if (parts.length !== 2) throw bad(`names nothing: a node field is nodeId.field`);
  if (NOT_SEARCHABLE[parts[1]]) throw bad(`cannot be searched: ${NOT_SEARCHABLE[parts[1]]}`);
  if (!nodeSchemaField(node, parts[1])) throw bad(`names no field of node '${node.id}' (op ${node.op})`);
}

/** Checks every value a parameter can take against the spec's own schema, naming the path and value. */
function checkValues(spec: Spec, def: ParamDef, where: string): void {
  const samples = def.kind === 'choice' ? def.values : [def.min, def.max];
  if (def.kind !== 'choice') {
    if (!(def.min <= def.max))
      throw new UsageError(`${where}: '${def.name}': the range ${def.min}..${def.max} is empty`);
    if (def.kind === 'log' && !(def.min > 0))
      throw new UsageError(`${where}: '${def.name}': a log range needs positive bounds, not ${def.min}..${def.max}`);
    if (def.kind === 'int' && !(Number.isInteger(def.min) && Number.isInteger(def.max)))
      throw new UsageError(`${where}: '${def.name}': an int range needs whole-number bounds`);
  }
  for (const value of samples) {
    for (const path of def.paths) {
      const parsed = Spec.safeParse(applyParams(spec, { [path]: value }));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(`${where}: '${path}' cannot be ${JSON.stringify(value)}: ${issue.message}`);
      }
    }
  }
}

function makeParam(spec: Spec, name: string, body: z.output<typeof paramSchema>, where: string): ParamDef {
  const paths = name.split('+').map((p) => p.trim());
  for (const path of paths) checkPath(spec, path, where);
  const key = paths.join('+');
  let def: ParamDef;
  if (Array.isArray(body)) def = { name: key, paths, kind: 'choice', values: body };
  else if ('int' in body) def = { name: key, paths, kind: 'int', min: body.int[0], max: body.int[1] };
  else if ('log' in body) def = { name: key, paths, kind: 'log', min: body.log[0], max: body.log[1] };
  else def = { name: key, paths, kind: 'uniform', min: body.uniform[0], max: body.uniform[1] };
  checkValues(spec, def, where);
  return def;
}

/** A space from the JSON text of a space file; errors name the file and the path. */
export function parseSpaceFile(text: string, spec: Spec, file: string): SearchSpace {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: malformed JSON: ${(e as Error).message}`);
  }
  const parsed = SpaceFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${file}: ${issue.path.map(String).join('.') || 'the file'}: ${issue.message}`);
  }
  return Object.entries(parsed.data.params).map(([name, body]) => makeParam(spec, name, body, file));
}

const inlineNumber = (text: string, where: string): number => {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${where}: '${text}' is not a number`);
  return n;
};

function inlineChoice(text: string, where: string): ParamValue {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^\d+(-\d+)+$/.test(text)) return text.split('-').map(Number);
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : text.trim() || inlineNumber(text, where);
}

/**
 * `p.dim=16,32,64;training.learningRate=log:1e-4..1e-2;p.dim+q.dim=int:8..64;psi.units=64-32-16,32-16-8`.
 */
export function parseInlineSpace(text: string, spec: Spec): SearchSpace {
  const where = '--space';
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const eq = entry.indexOf('=');
      if (eq <= 0) throw new UsageError(`${where}: '${entry}' needs the form path=values, e.g. p.dim=16,32,64`);
      const name = entry.slice(0, eq).trim();
      const body = entry.slice(eq + 1).trim();
      const m = /^(int|log|uniform):(.+)\.\.(.+)$/.exec(body);
      const at = `${where} ${name}`;
      if (m) {
        const bounds: [number, number] = [inlineNumber(m[2], at), inlineNumber(m[3], at)];
        return makeParam(
          spec,
          name,
          m[1] === 'int' ? { int: bounds } : m[1] === 'log' ? { log: bounds } : { uniform: bounds },
          where,
        );
      }
      return makeParam(
        spec,
        name,
        body.split(',').map((v) => inlineChoice(v.trim(), at)),
        where,
      );
    });
}

/** The space written the inline way, to print it. */
export function formatSpace(space: SearchSpace): string {
  const value = (v: ParamValue) => (Array.isArray(v) ? v.join('-') : String(v));
  return space
    .map((p) => `${p.name}=${p.kind === 'choice' ? p.values.map(value).join(',') : `${p.kind}:${p.min}..${p.max}`}`)
    .join(';');
}

/** The spec's own value of a parameter (its first path). */
export function currentValue(spec: Spec, def: ParamDef): ParamValue | undefined {
  return getPath(spec, def.paths[0]) as ParamValue | undefined;
}

/** The spec as it is, as parameters of the space; null when one of its values lies outside the space. */
export function defaultParams(spec: Spec, space: SearchSpace): Params | null {
  const params: Params = {};
  for (const def of space) {
    const value = currentValue(spec, def) ?? (def.paths[0].endsWith('.l2') ? 0 : undefined);
    if (value === undefined) return null;
    const inside =
      def.kind === 'choice'
        ? def.values.some((v) => JSON.stringify(v) === JSON.stringify(value))
        : typeof value === 'number' && value >= def.min && value <= def.max;
    if (!inside) return null;
    params[def.name] = value;
  }
  return params;
}
