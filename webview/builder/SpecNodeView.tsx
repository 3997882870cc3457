/** One node of the spec on the canvas: its op, id, key parameters, output shape, parameter count and problems. */
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { OPS, isOpName } from '../../src/core/spec';
import type { NodeView } from '../../src/core/graph';
import { MlpWidths } from './MlpWidths';
import { opIcon } from './opIcons';
import { formatCount } from './format';

export type SpecFlowNode = Node<{ view: NodeView; hint?: string }, 'spec'>;

/** One line of the parameters that matter most, e.g. "dim 32 · λ 1e-5", as the op's definition words it. */
export function summary(v: NodeView): string {
  return isOpName(v.op) ? OPS[v.op].summary(v.raw) : 'unknown op';
}

/** The sentence a screen reader hears for the node. */
export function describeNode(v: NodeView): string {
  const shape = v.shape ? `, output ${v.shape}` : '';
  const params = v.params ? `, ${formatCount(v.params)} parameters` : '';
  const problems = v.issues.length
    ? `, ${v.issues.length} problem${v.issues.length === 1 ? '' : 's'}: ${v.issues.map((i) => i.message).join('; ')}`
    : '';
  return `${v.title} ${v.id}: ${summary(v)}${shape}${params}${problems}`;
}

function SpecNodeViewImpl({ data, selected }: NodeProps<SpecFlowNode>) {
  const v = data.view;
  const rule = isOpName(v.op) ? OPS[v.op] : undefined;
  const hasError = v.issues.length > 0;
  return (
    <div
      className={`spec-node op-${v.op}${rule ? ` group-${rule.group.toLowerCase()}` : ''}${hasError ? ' has-error' : ''}${selected ? ' is-selected' : ''}`}
      data-node-id={v.id}
    >
      {(!rule || rule.maxInputs > 0) && (
        <Handle type="target" position={Position.Top} aria-label={`inputs of ${v.id}`} />
      )}
      <div className="spec-node-header">
        <span className={`codicon codicon-${opIcon(v.op, v.raw)}`} aria-hidden="true" />
        <span className="spec-node-title">{v.label ?? v.title}</span>
        <span className="spec-node-id" title="node id">
          {v.id}
        </span>
      </div>
      <div className="spec-node-body">
        <div className="spec-node-summary">{summary(v)}</div>
        {v.op === 'mlp' && <MlpWidths id={v.id} units={v.raw.units} />}
        <div className="spec-node-footer">
          <span className={`spec-node-shape${v.shape ? '' : ' unknown'}`} title="output shape (per example)">
            {v.shape ? `→ ${v.shape}` : '→ ?'}
          </span>
          {v.params !== undefined && v.params > 0 && (
            <span className="spec-node-params">{formatCount(v.params)} params</span>
          )}
        </div>
        {data.hint && !hasError && (
          <div className="spec-node-hint" role="note">
            <span className="codicon codicon-lightbulb" aria-hidden="true" />
            <span>{data.hint}</span>
          </div>
        )}
        {hasError && (
          <div className="spec-node-error" role="alert">
            <span className="codicon codicon-error" aria-hidden="true" />
            <span>
              {v.issues[0].field && v.issues[0].field !== 'inputs' ? `${v.issues[0].field}: ` : ''}
              {v.issues[0].message}
              {v.issues.length > 1 ? ` (+${v.issues.length - 1} more)` : ''}
            </span>
          </div>
        )}
      </div>
      {v.op !== 'output' && <Handle type="source" position={Position.Bottom} aria-label={`output of ${v.id}`} />}
    </div>
  );
}

export const SpecNodeView = memo(SpecNodeViewImpl);
