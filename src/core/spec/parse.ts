/** Reads a spec from the text of a `*.ncf.json` file, locating every problem on its line. */
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, ParseError } from 'jsonc-parser';
import { CheckResult, checkSpec } from './check';
import { SpecIssue, formatIssue } from './issues';
import { Vocabulary } from './shapes';

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

export function checkSpecText(text: string, vocab?: Vocabulary): CheckResult {
  const errors: ParseError[] = [];
  const raw = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length) {
    // Later syntax errors are mostly echoes of the first one.
    const first = errors[0];
    const issues = [{ message: `malformed JSON: ${printParseErrorCode(first.error)}`, path: [], line: lineAt(text, first.offset) }];
    return { ok: false, issues, shapes: {}, params: {} };
  }
  const result = checkSpec(raw, vocab);
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
  constructor(readonly issues: SpecIssue[], readonly file?: string) {
    super(issues.map((i) => formatIssue(i, file)).join('\n'));
  }
}
