/** A file the builder cannot draw: what is wrong and where, and the way to the text editor. Nothing is rewritten. */
import type { ViewIssue } from '../../src/core/graph';
import { postToHost } from './vscodeApi';
import { Button } from './toolkit';

export function Unreadable({ issues, fileName }: { issues: ViewIssue[]; fileName: string }) {
  return (
    <main className="unreadable" aria-labelledby="unreadable-title">
      <h1 id="unreadable-title">
        <span className="codicon codicon-warning" aria-hidden="true" /> {fileName || 'This file'} cannot be shown as a
        graph
      </h1>
      <ul className="issue-list">
        {issues.map((i, k) => (
          <li key={k} className="issue">
            <span className="codicon codicon-error" aria-hidden="true" />
            <span>{i.text}</span>
          </li>
        ))}
      </ul>
      <p>The file is left exactly as it is. Fix it in the text editor; the graph appears as soon as it reads.</p>
      <Button appearance="primary" icon="go-to-file" onClick={() => postToHost({ type: 'openAsText' })}>
        Open as text
      </Button>
    </main>
  );
}
