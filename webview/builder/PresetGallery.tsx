/** The lecture's models to start from, each with its formula; choosing one replaces the graph (undo brings it back). */
import { useEffect, useMemo, useRef } from 'react';
import { PRESET_NAMES, presetDocument } from '../../src/core/presets';
import { checkSpec } from '../../src/core/spec';
import { formatCount } from './format';
import { Button } from './toolkit';

interface PresetCard { name: string; title: string; formula?: string; description?: string; nodes: number; params?: number }

function cards(): PresetCard[] {
  return PRESET_NAMES.map((name) => {
    const doc = presetDocument(name);
    const checked = checkSpec(doc);
    return { name, title: doc.name, formula: doc.formula, description: doc.description, nodes: doc.nodes.length, params: checked.ok ? checked.checked.totalParams : undefined };
  });
}

export function PresetGallery({ onPick, onClose, replacing }: { onPick: (name: string) => void; onClose: () => void; replacing: boolean }) {
  const all = useMemo(cards, []);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('.preset-card')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="gallery" role="dialog" aria-modal="true" aria-labelledby="gallery-title" ref={dialog}>
        <div className="gallery-header">
          <h2 id="gallery-title">Start from a preset</h2>
          <Button appearance="icon" icon="close" title="Close" onClick={onClose} />
        </div>
        {replacing && <p className="muted">The preset replaces the current graph; Undo brings it back.</p>}
        <div className="gallery-grid">
          {all.map((c) => (
            <button key={c.name} className="preset-card" data-preset={c.name} onClick={() => onPick(c.name)} aria-label={`${c.title}: ${c.formula ?? ''}`}>
              <span className="preset-title">{c.title}</span>
              {c.formula && <span className="preset-formula">{c.formula}</span>}
              {c.description && <span className="preset-description">{c.description}</span>}
              <span className="preset-stats">
                {c.nodes} nodes{c.params !== undefined ? ` · ${formatCount(c.params)} params` : ''}
              </span>
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
