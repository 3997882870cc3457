/** A problem found in a spec, located well enough for a person to fix it. */
export interface SpecIssue {
  message: string;
  nodeId?: string;
  field?: string;
  /** JSON path inside the document, e.g. ['nodes', 2, 'dim']. */
  path: (string | number)[];
  /** 1-based line in the file, when the spec came from text. */
  line?: number;
}

export function formatIssue(issue: SpecIssue, file?: string): string {
  const where = [file, issue.line].filter((x) => x !== undefined).join(':');
  const what = [issue.nodeId !== undefined ? `node '${issue.nodeId}'` : '', issue.field ? `field '${issue.field}'` : '']
    .filter(Boolean)
    .join(', ');
  return [where, what, issue.message].filter(Boolean).join(': ');
}
