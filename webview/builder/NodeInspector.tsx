/**
 * The selected node's parameters, its id and its wiring. Wiring here is the keyboard's way to
 * connect: pick a node in "Add input", reorder or remove inputs with the buttons.
 */
import { useState } from 'react';
import { nodeFields, type NodeView } from '../../src/core/graph';
import { OPS, type OpName } from '../../src/core/spec';
import { useBuilder } from './context';
import { FieldEditor } from './FieldEditor';
import { IssueList } from './IssueList';
import { opIcon } from './opIcons';
import { summary } from './SpecNodeView';
import { formatCount } from './format';
import { Button, Divider, Dropdown, TextField } from './toolkit';

export function NodeInspector({ node }: { node: NodeView }) {
  const { view, edit, rename } = useBuilder();
  const [candidate, setCandidate] = useState('');
  const rule = node.op in OPS ? OPS[node.op as OpName] : undefined;
  const maxInputs = rule?.maxInputs ?? Infinity;
  const fields = nodeFields(node.op);
  const invalidFields = new Set(node.issues.map((i) => i.field?.split('.')[0]));
  const candidates = view.nodes.filter((n) => n.id !== node.id && n.op !== 'output' && !node.inputs.includes(n.id));
  const pick = candidates.some((c) => c.id === candidate) ? candidate : (candidates[0]?.id ?? '');
  const setInputs = (inputs: string[]) => void edit({ kind: 'setInputs', id: node.id, inputs });
  const move = (k: number, by: number) => {
    const next = [...node.inputs];
    [next[k], next[k + by]] = [next[k + by], next[k]];
    setInputs(next);
  };
  const consumers = view.nodes.filter((n) => n.inputs.includes(node.id));

  return (
    <div className="inspector" aria-label={`Inspector: ${node.title} ${node.id}`}>
      <h2 className="inspector-title">
        <span className={`codicon codicon-${opIcon(node.op, node.raw)}`} aria-hidden="true" />
        {node.title}
      </h2>
      <p className="inspector-summary">{summary(node)}</p>
      <div className="inspector-stats">
        <span>output {node.shape ?? '?'}</span>
        <span>{formatCount(node.params ?? 0)} parameters</span>
      </div>
      <IssueList issues={node.issues} />
      <TextField
        name="node-id"
        label="Id"
        title="Names the layer in the model and the variable in generated code"
        value={node.id}
        invalid={invalidFields.has('id')}
        onCommit={(newId) => void rename(node.id, newId.trim())}
      />
      {fields.map((f) => (
        <FieldEditor
          key={`${node.id}-${f.name}`}
          scope={node.id}
          field={f}
          value={node.raw[f.name]}
          invalid={invalidFields.has(f.name)}
          onSet={(value) => void edit({ kind: 'setParam', id: node.id, field: f.name, value })}
        />
      ))}

      {maxInputs > 0 && (
        <section aria-label="Inputs">
          <Divider />
          <h3 className="sidebar-heading">
            Inputs{' '}
            {rule
              ? `(${rule.minInputs === rule.maxInputs ? rule.minInputs : `${rule.minInputs}${rule.maxInputs === Infinity ? '+' : `–${rule.maxInputs}`}`})`
              : ''}
          </h3>
          {node.inputs.length === 0 && <p className="muted">No inputs yet.</p>}
          <ol className="input-list">
            {node.inputs.map((id, k) => {
              const source = view.nodes.find((n) => n.id === id);
              return (
                <li key={`${id}-${k}`}>
                  <span className="input-name">{id}</span>
                  <span className="muted">{source?.shape ?? (source ? '?' : 'missing')}</span>
                  <span className="input-actions">
                    <Button
                      appearance="icon"
                      icon="arrow-up"
                      title={`Move ${id} up`}
                      disabled={k === 0}
                      onClick={() => move(k, -1)}
                    />
                    <Button
                      appearance="icon"
                      icon="arrow-down"
                      title={`Move ${id} down`}
                      disabled={k === node.inputs.length - 1}
                      onClick={() => move(k, 1)}
                    />
                    <Button
                      appearance="icon"
                      icon="close"
                      title={`Disconnect ${id}`}
                      onClick={() => setInputs(node.inputs.filter((_, j) => j !== k))}
                    />
                  </span>
                </li>
              );
            })}
          </ol>
          {candidates.length > 0 && (
            <div className="add-input">
              <Dropdown
                name="add-input"
                label={maxInputs === 1 && node.inputs.length ? 'Replace input with' : 'Add input'}
                value={pick}
                options={candidates.map((c) => ({
                  value: c.id,
                  label: `${c.id} — ${c.title}${c.shape ? ` ${c.shape}` : ''}`,
                }))}
                onChange={setCandidate}
              />
              <Button
                icon="plug"
                title="Connect the chosen node to this one"
                onClick={() => pick && void edit({ kind: 'connect', source: pick, target: node.id })}
              >
                Connect
              </Button>
            </div>
          )}
        </section>
      )}
      {consumers.length > 0 && <p className="muted">Feeds {consumers.map((c) => c.id).join(', ')}.</p>}
      <Divider />
      <Button
        icon="trash"
        title="Delete this node (Delete key on the canvas)"
        onClick={() => void edit({ kind: 'deleteNodes', ids: [node.id] })}
      >
        Delete node
      </Button>
    </div>
  );
}
