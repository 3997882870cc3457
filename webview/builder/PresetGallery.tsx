/**
 * Where an architecture starts: a blank graph (user and item inputs and an output) or one of the
 * lecture's models. Over a graph that has nodes, a choice asks first (Undo brings the graph back).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { BLANK_START } from '../../src/core/graph';
import { PRESET_NAMES, presetDocument } from '../../src/core/presets';
import { checkSpec } from '../../src/core/spec';
import { formatCount } from './format';
import { Button } from './toolkit';

interface PresetCard {
  name: string;
  title: string;
  formula?: string;
  description?: string;
  nodes: number;
  params?: number;
}

const BLANK: PresetCard = {
  name: BLANK_START,
  title: 'Empty',
  formula: 'r̂ = ? + μ',
  description: 'User and item inputs and an output: build the rest from the palette.',
  nodes: 3,
};

function cards(): PresetCard[] {
  return [
    BLANK,
    ...PRESET_NAMES.map((name) => {
      const doc = presetDocument(name);
      const checked = checkSpec(doc);
      return {
        name,
        title: doc.name,
        formula: doc.formula,
        description: doc.description,
        nodes: doc.nodes.length,
        params: checked.ok ? checked.checked.totalParams : undefined,
      };
    }),
  ];
}

export interface PresetGalleryProps {
  onPick: (name: string) => void;
  onClose: () => void;
  /** What the choice would replace: the current graph's name and node count (none for an empty graph). */
  replacing?: { name: string; nodes: number };
}

export function PresetGallery({ onPick, onClose, replacing }: PresetGalleryProps) {
  const all = useMemo(cards, []);
  const [confirming, setConfirming] = useState<PresetCard | undefined>();
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('.preset-card')?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && (confirming ? setConfirming(undefined) : onClose());
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, confirming]);
  const choose = (card: PresetCard) => (replacing ? setConfirming(card) : onPick(card.name));
  return (
    <div className="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="gallery" role="dialog" aria-modal="true" aria-labelledby="gallery-title" ref={dialog}>
        <div className="gallery-header">
          <h2 id="gallery-title">Start from a preset</h2>
          <Button appearance="icon" icon="close" title="Close" onClick={onClose} />
        </div>
        {confirming && replacing ? (
          <div className="gallery-confirm" role="alertdialog" aria-labelledby="confirm-text">
            <p id="confirm-text">
              Replace the {replacing.nodes} node{replacing.nodes === 1 ? '' : 's'} of <strong>{replacing.name}</strong>{' '}
              with {confirming.name === BLANK_START ? 'an empty graph' : <strong>{confirming.title}</strong>}? Undo
              (Ctrl+Z) brings them back.
            </p>
            <div className="gallery-confirm-actions">
              <Button appearance="primary" onClick={() => onPick(confirming.name)}>
                Replace
              </Button>
              <Button onClick={() => setConfirming(undefined)}>Keep my graph</Button>
            </div>
          </div>
        ) : (
          <div className="gallery-grid">
            {all.map((c) => (
              <button
                key={c.name}
                className={`preset-card${c.name === BLANK_START ? ' blank' : ''}`}
                data-preset={c.name}
                onClick={() => choose(c)}
                aria-label={`${c.title}: ${c.formula ?? ''}`}
              >
                <span className="preset-title">{c.title}</span>
                {c.formula && <span className="preset-formula">{c.formula}</span>}
                {c.description && <span className="preset-description">{c.description}</span>}
                <span className="preset-stats">
                  {c.nodes} nodes{c.params !== undefined ? ` · ${formatCount(c.params)} params` : ''}
                </span>
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
