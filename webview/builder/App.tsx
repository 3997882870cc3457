/** The builder: toolbar, palette, canvas and a sidebar (inspector, code, problems), all drawn from the host's document. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import {
  deriveView,
  NODE_WIDTH,
  paletteFor,
  readDocument,
  spotForNewNode,
  type PaletteEntry,
} from '../../src/core/graph';
import { BuilderContext, type Builder } from './context';
import { Canvas } from './Canvas';
import { CodeView } from './CodeView';
import { IssueList } from './IssueList';
import { NodeInspector } from './NodeInspector';
import { Palette } from './Palette';
import { PresetGallery } from './PresetGallery';
import { SpecInspector } from './SpecInspector';
import { Toolbar } from './Toolbar';
import { Unreadable } from './Unreadable';
import { useHostDocument } from './useHostDocument';
import { useSelection } from './useSelection';
import { loadState, saveState, type SavedState } from './vscodeApi';

type Tab = NonNullable<SavedState['tab']>;
const TABS: { id: Tab; title: string }[] = [
  { id: 'inspector', title: 'Inspector' },
  { id: 'code', title: 'Code' },
  { id: 'problems', title: 'Problems' },
];

export function App() {
  const { doc, edit, notice, setNotice, data } = useHostDocument();
  const palette = useMemo(() => paletteFor(data?.problem ? undefined : data), [data]);
  const view = useMemo(() => (doc ? deriveView(doc.text) : undefined), [doc]);
  const [tab, setTab] = useState<Tab>(() => loadState().tab ?? 'inspector');
  const [gallery, setGallery] = useState(false);
  const [fitSignal, setFitSignal] = useState(0);
  const rf = useReactFlow();

  const graph = view?.kind === 'graph' ? view : undefined;
  const { selected, select, rename, inspected: node, inspectorKey } = useSelection(graph, edit);
  // A brand-new empty file opens on the gallery.
  useEffect(() => {
    if (graph?.empty) setGallery(true);
  }, [graph?.empty]);

  const chooseTab = (t: Tab) => {
    setTab(t);
    saveState({ tab: t });
  };

  const addFromPalette = useCallback(
    async (entry: PaletteEntry) => {
      if (!doc) return;
      const read = readDocument(doc.text);
      const position = read.ok ? spotForNewNode(read.doc, selected[0]) : { x: 0, y: 0 };
      const outcome = await edit({
        kind: 'addNode',
        op: entry.op,
        params: entry.params,
        idBase: entry.idBase,
        position,
      });
      if (outcome.ok && outcome.select) {
        select(outcome.select);
        setNotice({
          text: `Added ${entry.title} '${outcome.select[0]}'. Connect it in the inspector, or drag from its ports.`,
          error: false,
        });
        void rf.setCenter(position.x + NODE_WIDTH / 2, position.y + 50, { zoom: rf.getZoom(), duration: 200 });
      }
    },
    [doc, edit, rf, select, selected, setNotice],
  );

  if (!doc || !view)
    return (
      <div className="loading" role="status">
        Loading…
      </div>
    );
  if (view.kind === 'unreadable') return <Unreadable issues={view.issues} fileName={doc.fileName} />;

  const builder: Builder = { view, edit, select, rename, selected, palette };
  const problems = view.issues.length;

  return (
    <BuilderContext.Provider value={builder}>
      <div className={`app${tab === 'code' ? ' code-open' : ''}`}>
        <Toolbar
          onPresets={() => setGallery(true)}
          onFit={() => void rf.fitView({ padding: 0.15, maxZoom: 1, duration: 200 })}
          onArranged={() => setFitSignal((n) => n + 1)}
        />
        <Palette entries={palette} data={data} onAdd={addFromPalette} />
        <Canvas onOpenPresets={() => setGallery(true)} fitSignal={fitSignal} />
        <aside className="sidebar" aria-label="Details">
          <div className="tabs" role="tablist" aria-label="Sidebar">
            {TABS.map((t) => (
              <button
                key={t.id}
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`panel-${t.id}`}
                className={`tab${tab === t.id ? ' active' : ''}`}
                onClick={() => chooseTab(t.id)}
              >
                {t.title}
                {t.id === 'problems' && problems > 0 && <span className="tab-count">{problems}</span>}
              </button>
            ))}
          </div>
          <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'inspector' && (node ? <NodeInspector key={inspectorKey} node={node} /> : <SpecInspector />)}
            {tab === 'code' && <CodeView />}
            {tab === 'problems' &&
              (problems ? (
                <IssueList issues={view.issues} selectable />
              ) : (
                <p className="muted">
                  {view.empty ? 'Nothing to check yet.' : 'No problems: the shapes fit together.'}
                </p>
              ))}
          </div>
        </aside>
        <footer className={`statusbar${notice?.error ? ' error' : ''}`} role="status" aria-live="polite">
          {notice?.text ??
            (node
              ? `${node.title} '${node.id}' selected — Delete removes it; the inspector edits and connects it.`
              : 'Drag from a node’s bottom port to another’s top port to connect them. Shift-drag selects several.')}
        </footer>
        {gallery && (
          <PresetGallery
            replacing={view.nodes.length > 0 ? { name: view.name, nodes: view.nodes.length } : undefined}
            onClose={() => setGallery(false)}
            onPick={async (name) => {
              setGallery(false);
              const outcome = await edit({ kind: 'loadPreset', name });
              if (outcome.ok) {
                select([]);
                setFitSignal((n) => n + 1);
              }
            }}
          />
        )}
      </div>
    </BuilderContext.Provider>
  );
}
