/** The entries of a generated Python function that gathers a model's inputs from a CSV of ids, and the stand-in for the side inputs such a CSV lacks. */
import { SpecNode } from '../spec/schema';
import { stringLiteral } from './expr';

type InputNode = Extract<SpecNode, { op: 'input' }>;

const CSV_HAS = { ratings: 'users, items and ratings', interactions: 'users and items' } as const;

/**
 * `idEntry` writes a user or item input's entry; any other input becomes `sideEntry` of a call of
 * missing_input(), which `helper` defines (empty when no input needs it). `gatherer` is the
 * function a user edits to load side inputs.
 */
export function pyInputEntries(
  inputs: InputNode[],
  csv: keyof typeof CSV_HAS,
  gatherer: string,
  idEntry: (field: 'user' | 'item', node: InputNode) => string,
  sideEntry: (node: InputNode, call: string) => string,
): { helper: string[]; entries: string[] } {
  const entries = inputs.map((node) => {
    if (node.field === 'user' || node.field === 'item') return idEntry(node.field, node);
    const what =
      node.field === 'tokens'
        ? 'token sequences'
        : `the ${node.field === 'userFeature' ? 'user' : 'item'} feature '${node.feature}'`;
    return sideEntry(node, `missing_input(${stringLiteral(node.id, 'py')}, ${stringLiteral(what, 'py')})`);
  });
  const article = csv === 'ratings' ? 'a' : 'an';
  const helper = inputs.some((n) => n.field !== 'user' && n.field !== 'item')
    ? [
        'def missing_input(name, what):',
        `    """${article === 'a' ? 'A' : 'An'} ${csv} CSV has ${CSV_HAS[csv]} only: load side inputs in ${gatherer}()."""`,
        `    raise SystemExit(f"input '{name}' needs {what}, which ${article} ${csv} CSV lacks: see ${gatherer}()")`,
        '',
        '',
      ]
    : [];
  return { helper, entries };
}
