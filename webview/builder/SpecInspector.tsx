/** With no node selected: the architecture's name and formula, and its training settings. */
import { trainingFields, type GraphEdit, type JsonValue } from '../../src/core/graph';
import { useBuilder, useDerivedFormula } from './context';
import { FieldEditor } from './FieldEditor';
import { formatCount } from './format';
import { Button, Checkbox, Divider, TextField } from './toolkit';

export function SpecInspector() {
  const { view, edit, selected } = useBuilder();
  const derived = useDerivedFormula();
  const training = view.training;
  const early = training.earlyStopping as { patience?: number; minDelta?: number } | null | undefined;
  type TrainingField = Extract<GraphEdit, { kind: 'setTraining' }>['field'];
  const setTraining = (field: string, value: JsonValue) =>
    void edit({ kind: 'setTraining', field: field as TrainingField, value });
  const trainingIssues = new Set(view.issues.filter((i) => i.path[0] === 'training').map((i) => String(i.path[1])));

  return (
    <div className="inspector" aria-label="Inspector: architecture and training">
      {selected.length > 1 && (
        <div className="multi-selection">
          <p>{selected.length} nodes selected</p>
          <Button icon="trash" onClick={() => void edit({ kind: 'deleteNodes', ids: selected })}>
            Delete {selected.length} nodes
          </Button>
          <Divider />
        </div>
      )}
      <h2 className="inspector-title">
        <span className="codicon codicon-type-hierarchy-sub" aria-hidden="true" />
        Architecture
      </h2>
      <div className="inspector-stats">
        <span>{view.nodes.length} nodes</span>
        <span>{formatCount(view.totalParams)} parameters</span>
      </div>
      <TextField
        name="spec-name"
        label="Name"
        value={view.name}
        onCommit={(v) => void edit({ kind: 'setMeta', field: 'name', value: v })}
      />
      <TextField
        name="spec-formula"
        label="Formula"
        title="Empty: the formula derived from the graph is shown"
        placeholder={derived ?? 'e.g. r̂ = pᵤᵀqᵢ'}
        value={view.formula ?? ''}
        onCommit={(v) => void edit({ kind: 'setMeta', field: 'formula', value: v })}
      />
      <TextField
        name="spec-description"
        label="Description"
        value={view.description ?? ''}
        onCommit={(v) => void edit({ kind: 'setMeta', field: 'description', value: v })}
      />
      <Divider />
      <h3 className="sidebar-heading">Training</h3>
      {trainingFields().map((f) =>
        f.kind === 'earlyStopping' ? (
          <div key={f.name} className="early-stopping">
            <Checkbox
              name="training-earlyStopping"
              label="Early stopping"
              checked={early !== null}
              onChange={(on) => setTraining('earlyStopping', on ? { patience: 3 } : null)}
            />
            {early && (
              <TextField
                name="training-patience"
                label="Patience (epochs)"
                value={String(early.patience ?? 3)}
                invalid={trainingIssues.has('earlyStopping')}
                onCommit={(t) =>
                  setTraining('earlyStopping', {
                    ...early,
                    patience: Number.isFinite(Number(t)) && t.trim() !== '' ? Number(t) : t,
                  })
                }
              />
            )}
          </div>
        ) : (
          <FieldEditor
            key={f.name}
            scope="training"
            field={f}
            value={training[f.name]}
            invalid={trainingIssues.has(f.name)}
            onSet={(v) => setTraining(f.name, v)}
          />
        ),
      )}
    </div>
  );
}
