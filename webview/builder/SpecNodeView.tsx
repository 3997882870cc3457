/** One node of the spec on the canvas: its op, id, key parameters, output shape, parameter count and problems. */
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { OPS, type OpName } from '../../src/core/spec';
import type { NodeView } from '../../src/core/graph';
import { MlpWidths } from './MlpWidths';
import { opIcon } from './opIcons';
import { formatCount, formatNumber } from './format';

export type SpecFlowNode = Node<{ view: NodeView; hint?: string }, 'spec'>;

const INPUT_KIND: Record<string, string> = { user: 'user id', item: 'item id', userFeature: 'user feature', itemFeature: 'item feature', tokens: 'token sequence' };

/** One line of the parameters that matter most, e.g. "dim 32 · λ 1e-5". */
export function summary(v: NodeView): string {
  const r = v.raw;
  const l2 = r.l2 !== undefined ? ` · λ ${formatNumber(r.l2)}` : '';
  switch (v.op) {
    case 'input':
      return [INPUT_KIND[String(r.field)] ?? String(r.field ?? '?'), r.feature !== undefined ? String(r.feature) : '', r.length !== undefined ? `length ${r.length}` : ''].filter(Boolean).join(' · ');
    case 'embedding':
      return `dim ${formatNumber(r.dim)}${l2}`;
    case 'bias':
      return `one weight per id${l2}`;
    case 'dense':
      return `${formatNumber(r.units)} unit${r.units === 1 ? '' : 's'} · ${String(r.activation ?? 'linear')}${r.useBias === false ? ' · no bias' : ''}${l2}`;
    case 'mlp':
      return `${String(r.activation ?? 'relu')}${r.dropout ? ` · dropout ${formatNumber(r.dropout)}` : ''}${l2}`;
    case 'dropout':
      return `rate ${formatNumber(r.rate)}`;
    case 'pooling':
      return `${String(r.mode ?? 'mean')} over the sequence`;
    case 'output':
      return r.globalMean === true ? 'rating + global mean μ' : 'predicted rating';
    default:
      return v.inputs.length ? `${v.inputs.length} input${v.inputs.length === 1 ? '' : 's'}` : 'no inputs yet';
  }
}

/** The sentence a screen reader hears for the node. */
export function describeNode(v: NodeView): string {
  const shape = v.shape ? `, output ${v.shape}` : '';
  const params = v.params ? `, ${formatCount(v.params)} parameters` : '';
  const problems = v.issues.length ? `, ${v.issues.length} problem${v.issues.length === 1 ? '' : 's'}: ${v.issues.map((i) => i.message).join('; ')}` : '';
  return `${v.title} ${v.id}: ${summary(v)}${shape}${params}${problems}`;
}

function SpecNodeViewImpl({ data, selected }: NodeProps<SpecFlowNode>) {
  const v = data.view;
  const known = v.op in OPS;
  const rule = known ? OPS[v.op as OpName] : undefined;
  const hasError = v.issues.length > 0;
  return (
    <div className={`spec-node op-${v.op}${hasError ? ' has-error' : ''}${selected ? ' is-selected' : ''}`} data-node-id={v.id}>
      {(!rule || rule.maxInputs > 0) && <Handle type="target" position={Position.Top} aria-label={`inputs of ${v.id}`} />}
      <div className="spec-node-header">
        <span className={`codicon codicon-${opIcon(v.op, v.raw)}`} aria-hidden="true" />
        <span className="spec-node-title">{v.label ?? v.title}</span>
        <span className="spec-node-id" title="node id">{v.id}</span>
      </div>
      <div className="spec-node-body">
        <div className="spec-node-summary">{summary(v)}</div>
        {v.op === 'mlp' && <MlpWidths id={v.id} units={v.raw.units} />}
        <div className="spec-node-footer">
          <span className={`spec-node-shape${v.shape ? '' : ' unknown'}`} title="output shape (per example)">
            {v.shape ? `→ ${v.shape}` : '→ ?'}
          </span>
          {v.params !== undefined && v.params > 0 && <span className="spec-node-params">{formatCount(v.params)} params</span>}
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
            <span>{v.issues[0].field && v.issues[0].field !== 'inputs' ? `${v.issues[0].field}: ` : ''}{v.issues[0].message}{v.issues.length > 1 ? ` (+${v.issues.length - 1} more)` : ''}</span>
          </div>
        )}
      </div>
      {v.op !== 'output' && <Handle type="source" position={Position.Bottom} aria-label={`output of ${v.id}`} />}
    </div>
  );
}

export const SpecNodeView = memo(SpecNodeViewImpl);
