/**
 * A very small expression tree and a printer that breaks it over lines the way Prettier or Black
 * would (fits in 100 columns, else one argument per line), so that generated code reads as if a
 * person had formatted it, in either language.
 */

export type Lang = 'ts' | 'py';

export type Expr =
  /** Source text used as is: an identifier, a literal, an operator expression. */
  | { kind: 'raw'; text: string }
  | { kind: 'call'; callee: Expr; args: Expr[] }
  /** TypeScript object literal or Python dict. */
  | { kind: 'object'; entries: [string, Expr][] }
  /** `[a, b]`; in Python a tuple when `tuple` is set. */
  | { kind: 'list'; items: Expr[]; tuple?: boolean }
  /** Python keyword argument `name=value`. */
  | { kind: 'keyword'; name: string; value: Expr }
  | { kind: 'member'; object: Expr; name: string }
  /** TypeScript `expr as Type`. */
  | { kind: 'cast'; expr: Expr; type: string };

export const MAX_WIDTH = 100;
/** Arguments this short are never put on lines of their own. */
const SHORT_ARGUMENTS = 24;
export const INDENT: Record<Lang, string> = { ts: '  ', py: '    ' };

export const raw = (text: string): Expr => ({ kind: 'raw', text });
export const call = (callee: string | Expr, ...args: Expr[]): Expr => ({
  kind: 'call',
  callee: typeof callee === 'string' ? raw(callee) : callee,
  args,
});
export const member = (object: Expr, name: string): Expr => ({ kind: 'member', object, name });
export const cast = (expr: Expr, type: string): Expr => ({ kind: 'cast', expr, type });
export const list = (items: Expr[]): Expr => ({ kind: 'list', items });
export const tuple = (items: Expr[]): Expr => ({ kind: 'list', items, tuple: true });
export const kw = (name: string, value: Expr): Expr => ({ kind: 'keyword', name, value });
/** An object literal; entries whose value is undefined are left out (optional settings). */
export const object = (entries: Record<string, Expr | undefined>): Expr => ({
  kind: 'object',
  entries: Object.entries(entries).filter((e): e is [string, Expr] => e[1] !== undefined),
});

/** A literal value in either language. */
export function lit(value: string | number | boolean, lang: Lang): Expr {
  if (typeof value === 'boolean') return raw(lang === 'py' ? (value ? 'True' : 'False') : String(value));
  if (typeof value === 'number') return raw(formatNumber(value));
  return raw(stringLiteral(value, lang));
}

/** Numbers as both languages read them back exactly; small ones as `1e-5` rather than `0.00001`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a literal`);
  return value !== 0 && Math.abs(value) < 1e-3 ? value.toExponential() : String(value);
}

/** A single-quoted string literal, escaped for both TypeScript and Python. */
export function stringLiteral(value: string, _lang: Lang): string {
  const body = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function objectKey(key: string, lang: Lang): string {
  return lang === 'ts' && IDENTIFIER.test(key) ? key : stringLiteral(key, lang);
}

/** The expression on one line. */
export function flat(e: Expr, lang: Lang): string {
  switch (e.kind) {
    case 'raw':
      return e.text;
    case 'call':
      return `${flat(e.callee, lang)}(${e.args.map((a) => flat(a, lang)).join(', ')})`;
    case 'object': {
      if (e.entries.length === 0) return '{}';
      const body = e.entries.map(([k, v]) => `${objectKey(k, lang)}: ${flat(v, lang)}`).join(', ');
      return lang === 'ts' ? `{ ${body} }` : `{${body}}`;
    }
    case 'list': {
      const items = e.items.map((i) => flat(i, lang));
      if (lang === 'py' && e.tuple) return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
      return `[${items.join(', ')}]`;
    }
    case 'keyword':
      return `${e.name}=${flat(e.value, lang)}`;
    case 'member':
      return `${flat(e.object, lang)}.${e.name}`;
    case 'cast':
      return `${flat(e.expr, lang)} as ${e.type}`;
  }
}

const lastLineLength = (text: string, startColumn: number) => {
  const nl = text.lastIndexOf('\n');
  return nl === -1 ? startColumn + text.length : text.length - nl - 1;
};

/**
 * The expression starting at `column` on a line indented by `indent`, followed by `tail` more
 * characters on its last line (a `;`, a `)` or a `,`).
 */
export function print(e: Expr, lang: Lang, indent: string, column: number, tail = 0): string {
  const oneLine = flat(e, lang);
  if (column + oneLine.length + tail <= MAX_WIDTH) return oneLine;
  const inner = indent + INDENT[lang];
  switch (e.kind) {
    case 'raw':
      return oneLine;
    case 'keyword':
      return `${e.name}=${print(e.value, lang, indent, column + e.name.length + 1, tail)}`;
    case 'member': {
      const object = print(e.object, lang, indent, column, tail + e.name.length + 1);
      return `${object}.${e.name}`;
    }
    case 'cast': {
      const suffix = ` as ${e.type}`;
      return print(e.expr, lang, indent, column, tail + suffix.length) + suffix;
    }
    case 'call': {
      const args = e.args.map((a) => flat(a, lang)).join(', ');
      // One object or list argument after a callee that fits hugs the parentheses: `f({` … `})`, as Prettier writes it.
      const only = e.args.length === 1 ? e.args[0] : undefined;
      const flatCallee = flat(e.callee, lang);
      if (only && (only.kind === 'object' || only.kind === 'list') && column + flatCallee.length + 2 <= MAX_WIDTH) {
        return `${flatCallee}(${print(only, lang, indent, column + flatCallee.length + 1, tail + 1)})`;
      }
      // Short arguments stay with their parentheses and the callee breaks instead: `f({` … `}).apply(x)`.
      if (args.length <= SHORT_ARGUMENTS) {
        const callee = print(e.callee, lang, indent, column, args.length + 2 + tail);
        if (lastLineLength(callee, column) + args.length + 2 + tail <= MAX_WIDTH) return `${callee}(${args})`;
      }
      const callee = print(e.callee, lang, indent, column, 1);
      const open = lastLineLength(callee, column) + 1;
      if (open + args.length + 1 + tail <= MAX_WIDTH) return `${callee}(${args})`;
      const lines = e.args.map((a) => `${inner}${print(a, lang, inner, inner.length, 1)},`);
      return `${callee}(\n${lines.join('\n')}\n${indent})`;
    }
    case 'object': {
      const lines = e.entries.map(([k, v]) => {
        const key = `${objectKey(k, lang)}: `;
        return `${inner}${key}${print(v, lang, inner, inner.length + key.length, 1)},`;
      });
      return `{\n${lines.join('\n')}\n${indent}}`;
    }
    case 'list': {
      const [open, close] = lang === 'py' && e.tuple ? ['(', ')'] : ['[', ']'];
      const lines = e.items.map((i) => `${inner}${print(i, lang, inner, inner.length, 1)},`);
      return `${open}\n${lines.join('\n')}\n${indent}${close}`;
    }
  }
}

/** A statement `head` + expression (+ `;` in TypeScript), printed at `indent`: `return …`, `const x = …`. */
export function statement(head: string, e: Expr, lang: Lang, indent: string): string {
  const end = lang === 'ts' ? ';' : '';
  return `${indent}${head}${print(e, lang, indent, indent.length + head.length, end.length)}${end}`;
}

/** `const x = …;` (or `let`, or a bare reassignment) in TypeScript, `x = …` in Python. */
export function assignment(
  target: string,
  e: Expr,
  lang: Lang,
  indent: string,
  declare: 'const' | 'let' | null,
): string {
  return statement(lang === 'ts' && declare ? `${declare} ${target} = ` : `${target} = `, e, lang, indent);
}
