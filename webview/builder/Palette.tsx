/**
 * Every op, grouped. Drag an entry onto the canvas to place it there; or press Enter (or click)
 * to add it below the selected node, which is how the palette works from the keyboard.
 */
import { PALETTE, type PaletteEntry } from '../../src/core/graph';
import { opIcon } from './opIcons';

export const PALETTE_MIME = 'application/x-ncf-palette-entry';
const GROUPS: PaletteEntry['group'][] = ['Inputs', 'Layers', 'Merge', 'Output'];

export function Palette({ onAdd }: { onAdd: (entry: PaletteEntry) => void }) {
  return (
    <nav className="palette" aria-label="Layer palette">
      {GROUPS.map((group) => (
        <section key={group} aria-label={group}>
          <h2 className="sidebar-heading">{group}</h2>
          <ul>
            {PALETTE.filter((e) => e.group === group).map((entry) => (
              <li key={entry.key}>
                <button
                  className="palette-entry"
                  draggable
                  data-palette-key={entry.key}
                  title={`${entry.description}. Drag onto the canvas, or press Enter to add.`}
                  aria-label={`Add ${entry.title}`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(PALETTE_MIME, entry.key);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onAdd(entry)}
                >
                  <span className={`codicon codicon-${opIcon(entry.op, entry.params)}`} aria-hidden="true" />
                  <span>{entry.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
