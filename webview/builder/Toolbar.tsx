/** The builder's actions and its verdict on the graph: valid or how many problems, and the parameter count. */
import { useBuilder, useDerivedFormula } from './context';
import { formatCount } from './format';
import { postToHost } from './vscodeApi';
import { Button } from './toolkit';

export function Toolbar({
  onPresets,
  onFit,
  onArranged,
}: {
  onPresets: () => void;
  onFit: () => void;
  onArranged: () => void;
}) {
  const { view, edit } = useBuilder();
  const derived = useDerivedFormula();
  const problems = view.issues.length;
  return (
    <header className="toolbar" role="toolbar" aria-label="Builder actions">
      <div className="toolbar-title">
        <span className="spec-name">{view.name}</span>
        {view.formula ? (
          <span className="spec-formula" title="Formula">
            {view.formula}
          </span>
        ) : (
          derived && (
            <span
              className="spec-formula derived"
              title="Formula derived from the graph (write your own in the inspector)"
            >
              {derived}
            </span>
          )
        )}
      </div>
      <div className="toolbar-actions">
        <Button icon="library" title="Start from a preset architecture" onClick={onPresets}>
          Presets
        </Button>
        <Button
          icon="type-hierarchy-sub"
          title="Lay the graph out automatically and fit it in view"
          disabled={!view.nodes.length}
          onClick={async () => (await edit({ kind: 'arrange' })).ok && onArranged()}
        >
          Arrange
        </Button>
        <Button icon="screen-full" title="Fit the graph in view" disabled={!view.nodes.length} onClick={onFit}>
          Fit
        </Button>
        <Button
          icon="go-to-file"
          title="Open this file in the text editor"
          onClick={() => postToHost({ type: 'openAsText' })}
        >
          Text
        </Button>
        <Button
          appearance="primary"
          icon="play"
          title={view.valid ? 'Train this architecture' : 'Fix the problems to train'}
          disabled={!view.valid}
          onClick={() => postToHost({ type: 'train' })}
        >
          Train
        </Button>
      </div>
      <div className="toolbar-status" aria-live="polite">
        {view.empty ? null : problems ? (
          <span className="status-problems">
            <span className="codicon codicon-error" aria-hidden="true" /> {problems} problem{problems === 1 ? '' : 's'}
          </span>
        ) : (
          <span className="status-ok">
            <span className="codicon codicon-pass" aria-hidden="true" /> valid
          </span>
        )}
        <span className="status-params" data-testid="total-params">
          {formatCount(view.totalParams)} params
        </span>
      </div>
    </header>
  );
}
