/**
 * Every op, grouped. Drag an entry onto the canvas to place it there; or press Enter (or click)
 * to add it below the selected node, which is how the palette works from the keyboard. When the
 * host knows the data the spec would train on, the inputs offer that data's own features.
 */
import type { PaletteEntry } from '../../src/core/graph';
import { opIcon } from './opIcons';
import type { DataFeatures } from './useHostDocument';

export const PALETTE_MIME = 'application/x-ncf-palette-entry';
const GROUPS: PaletteEntry['group'][] = ['Inputs', 'Layers', 'Merge', 'Output'];

/** Where the features come from, or why they are not shown. */
function DataNote({ data }: { data: DataFeatures }) {
  return (
    <p className={`palette-data${data.problem ? ' error' : ''}`} title={data.problem ?? data.label}>
      {data.problem ? `Features: ${data.problem}` : `Features of ${data.label}`}
    </p>
  );
}

function Entry({ entry, onAdd }: { entry: PaletteEntry; onAdd: (entry: PaletteEntry) => void }) {
  const owner = entry.params.field === 'userFeature' ? 'user' : entry.params.field === 'itemFeature' ? 'item' : '';
  const feature = entry.detail !== undefined;
  return (
    <li>
      <button
        className={`palette-entry${feature ? ' feature' : ''}`}
        draggable
        data-palette-key={entry.key}
        title={`${entry.description}. Drag onto the canvas, or press Enter to add.`}
        aria-label={feature ? `Add ${owner} feature ${entry.title} (${entry.detail})` : `Add ${entry.title}`}
        onDragStart={(e) => {
          e.dataTransfer.setData(PALETTE_MIME, entry.key);
          e.dataTransfer.effectAllowed = 'copy';
        }}
        onClick={() => onAdd(entry)}
      >
        <span className={`codicon codicon-${opIcon(entry.op, entry.params)}`} aria-hidden="true" />
        <span>{entry.title}</span>
        {feature && <span className="palette-detail">{entry.detail}</span>}
      </button>
    </li>
  );
}

export function Palette({
  entries,
  data,
  onAdd,
}: {
  entries: PaletteEntry[];
  data?: DataFeatures;
  onAdd: (entry: PaletteEntry) => void;
}) {
  return (
    <nav className="palette" aria-label="Layer palette">
      {GROUPS.map((group) => (
        <section key={group} aria-label={group}>
          <h2 className="sidebar-heading">{group}</h2>
          {group === 'Inputs' && data && <DataNote data={data} />}
          <ul>
            {entries
              .filter((e) => e.group === group)
              .map((entry) => (
                <Entry key={entry.key} entry={entry} onAdd={onAdd} />
              ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
