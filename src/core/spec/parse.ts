/** Reads a spec from the text of a `*.ncf.json` file, locating every problem on its line. */
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, ParseError } from 'jsonc-parser';
import { CheckResult, checkSpec } from './check';
import { SpecIssue, formatIssue } from './issues';
import { Vocabulary } from './shapes';

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Deeper than this, JSON is not a spec (a spec nests five levels) and the parser would run out of stack. */
export const MAX_JSON_DEPTH = 256;

/** Where brackets first nest deeper than `MAX_JSON_DEPTH`, found without recursion; -1 when they do not. */
function tooDeepAt(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/**
 * A spec file's bytes as text: UTF-8, with or without a byte-order mark. UTF-16 is named as such
 * (it decodes to NULs and replacement characters that no JSON parser would explain).
 */
export function decodeSpecBytes(bytes: Uint8Array, file?: string): string {
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0));
  if (utf16)
    throw new SpecFileError([{ message: 'the file is UTF-16 text; save it as UTF-8', path: [], line: 1 }], file);
  return new TextDecoder('utf-8').decode(bytes);
}

export function checkSpecText(text: string, vocab?: Vocabulary, data: { rows?: number } = {}): CheckResult {
  // A byte-order mark is not JSON, but editors write one.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    return {
      ok: false,
      issues: [
        {
          message: `malformed JSON: nested more than ${MAX_JSON_DEPTH} levels deep`,
          path: [],
          line: lineAt(text, deep),
        },
      ],
      shapes: {},
      params: {},
    };
  }
  const errors: ParseError[] = [];
  const raw = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length) {
    // Later syntax errors are mostly echoes of the first one.
    const first = errors[0];
    const issues = [
      { message: `malformed JSON: ${printParseErrorCode(first.error)}`, path: [], line: lineAt(text, first.offset) },
    ];
    return { ok: false, issues, shapes: {}, params: {} };
  }
  const result = checkSpec(raw, vocab, data);
  const tree = parseTree(text);
  for (const issue of result.issues) {
    // Walk up the path until a node of the document exists (a missing field is reported on its object).
    for (let n = issue.path.length; n >= 0 && tree; n--) {
      const found = findNodeAtLocation(tree, issue.path.slice(0, n));
      if (found) {
        issue.line = lineAt(text, found.offset);
        break;
      }
    }
  }
  return result;
}

export class SpecFileError extends Error {
  constructor(
    readonly issues: SpecIssue[],
    readonly file?: string,
  ) {
    super(issues.map((i) => formatIssue(i, file)).join('\n'));
  }
}
