/** Problems with their line, node and field; choosing one selects its node on the canvas. */
import type { ViewIssue } from '../../src/core/graph';
import { useBuilder } from './context';

export function IssueList({ issues, selectable = false }: { issues: ViewIssue[]; selectable?: boolean }) {
  const builder = useBuilder();
  if (!issues.length) return null;
  return (
    <ul className="issue-list" aria-label="Problems">
      {issues.map((issue, k) => (
        <li key={k} className="issue">
          <span className="codicon codicon-error" aria-hidden="true" />
          {selectable && issue.nodeId && builder.view.nodes.some((n) => n.id === issue.nodeId) ? (
            <button className="link-button" onClick={() => builder.select([issue.nodeId!])}>
              {issue.text}
            </button>
          ) : (
            <span>{issue.text}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
