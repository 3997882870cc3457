/** The layer widths of an MLP tower, edited in place on its canvas node. */
import type { JsonValue } from '../../src/core/graph';
import { useBuilder } from './context';
import { useDraft } from './useDraft';

function WidthInput({ value, label, onCommit }: { value: string; label: string; onCommit: (text: string) => void }) {
  const { draft, setDraft, onFocus, onBlur, markCommitted, revert } = useDraft(value);
  const commit = () => {
    if (draft === value) return;
    markCommitted(draft);
    onCommit(draft);
  };
  return (
    <input
      className="width-input nodrag"
      aria-label={label}
      title={`${label} (clear it to remove the layer)`}
      inputMode="numeric"
      size={Math.max(2, draft.length)}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onFocus={onFocus}
      onBlur={() => {
        commit();
        onBlur();
      }}
      onKeyDown={(e) => {
        e.stopPropagation(); // Backspace and Delete edit the number, they do not delete the node.
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') revert();
      }}
    />
  );
}

export function MlpWidths({ id, units }: { id: string; units: unknown }) {
  const { edit } = useBuilder();
  // Whatever the file holds is JSON; a width typed as text stays text so the check can name it.
  const widths: JsonValue[] = Array.isArray(units) ? (units as JsonValue[]) : [];
  const write = (next: JsonValue[]) => void edit({ kind: 'setParam', id, field: 'units', value: next });
  const setWidth = (k: number, text: string) => {
    const t = text.trim();
    if (t === '') return write(widths.filter((_, j) => j !== k));
    const n = Number(t);
    write(widths.map((w, j) => (j === k ? (Number.isFinite(n) ? n : t) : w)));
  };
  const last = Number(widths[widths.length - 1]);
  return (
    <div className="mlp-widths" role="group" aria-label={`Layer widths of ${id}`}>
      {widths.map((w, k) => (
        <span key={k} className="mlp-layer">
          {k > 0 && <span className="mlp-arrow codicon codicon-arrow-small-right" aria-hidden="true" />}
          <WidthInput value={String(w)} label={`${id} layer ${k + 1} width`} onCommit={(t) => setWidth(k, t)} />
        </span>
      ))}
      <button
        className="mlp-add nodrag"
        title="Add a layer"
        aria-label={`Add a layer to ${id}`}
        onClick={() => write([...widths, Number.isFinite(last) && last > 1 ? Math.max(1, Math.floor(last / 2)) : 8])}
      >
        <span className="codicon codicon-add" aria-hidden="true" />
      </button>
    </div>
  );
}
