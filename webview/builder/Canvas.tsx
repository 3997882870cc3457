/**
 * The node-graph canvas (React Flow). It shows the view derived from the document and turns what
 * the person does — drop, connect, move, delete, copy, paste — into edits for the host. Positions
 * change locally while a node is dragged and are written to the spec's layout when it comes to rest.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type Viewport,
} from '@xyflow/react';
import { NODE_WIDTH, outputHint } from '../../src/core/graph';
import { useBuilder } from './context';
import { describeNode, SpecNodeView, type SpecFlowNode } from './SpecNodeView';
import { ShapeEdge, type ShapeFlowEdge } from './ShapeEdge';
import { PALETTE_MIME } from './Palette';
import { loadState, saveState } from './vscodeApi';
import { useThemeKind } from './useThemeKind';
import { useNodeClipboard } from './useNodeClipboard';
import { useRestingPositions } from './useRestingPositions';

const nodeTypes = { spec: SpecNodeView };
const edgeTypes = { shape: ShapeEdge };

export function Canvas({ onOpenPresets, fitSignal }: { onOpenPresets: () => void; fitSignal: number }) {
  const { view, edit, select, selected, palette } = useBuilder();
  const rf = useReactFlow<SpecFlowNode, ShapeFlowEdge>();
  const theme = useThemeKind();
  const [nodes, setNodes] = useState<SpecFlowNode[]>([]);
  const [edges, setEdges] = useState<ShapeFlowEdge[]>([]);
  const saved = useRef(loadState().viewport);

  // Rebuild from each new view, keeping what React Flow measured and what is selected.
  useEffect(() => {
    const chosen = new Set(selected);
    setNodes((prev) => {
      const before = new Map(prev.map((n) => [n.id, n]));
      const hint = outputHint(view.nodes);
      return view.nodes.map((v) => ({
        ...before.get(v.id),
        id: v.id,
        type: 'spec' as const,
        position: v.position,
        data: { view: v, hint: hint?.nodeId === v.id ? hint.text : undefined },
        selected: chosen.has(v.id),
        ariaLabel: describeNode(v),
        width: NODE_WIDTH,
      }));
    });
    setEdges((prev) => {
      const wasSelected = new Set(prev.filter((e) => e.selected).map((e) => e.id));
      return view.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        type: 'shape' as const,
        data: { label: e.label, faulty: e.faulty },
        selected: wasSelected.has(e.id),
        ariaLabel: `wire from ${e.source} to ${e.target}${e.label ? `, shape ${e.label}` : ''}`,
      }));
    });
  }, [view, selected]);

  const noteResting = useRestingPositions();

  // The app's selection is the one truth: React Flow's own select changes (a click, a box, Escape)
  // update it, and it flows back into the nodes above. Only changes a person makes are "select" changes.
  const selectedNow = useRef(selected);
  selectedNow.current = selected;
  const onNodesChange = useCallback(
    (changes: NodeChange<SpecFlowNode>[]) => {
      setNodes((ns) => applyNodeChanges(changes, ns));
      noteResting(changes);
      if (!changes.some((c) => c.type === 'select')) return;
      const next = new Set(selectedNow.current);
      for (const c of changes) if (c.type === 'select') c.selected ? next.add(c.id) : next.delete(c.id);
      select([...next]);
    },
    [select, noteResting],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<ShapeFlowEdge>[]) => setEdges((es) => applyEdgeChanges(changes, es)),
    [],
  );

  const opOf = useCallback((id: string) => view.nodes.find((n) => n.id === id)?.op, [view]);
  const isValidConnection = useCallback(
    (c: Connection | ShapeFlowEdge) => c.source !== c.target && opOf(c.target) !== 'input',
    [opOf],
  );
  const onConnect = useCallback(
    (c: Connection) => void edit({ kind: 'connect', source: c.source, target: c.target }),
    [edit],
  );

  const onDelete = useCallback(
    async ({ nodes: gone, edges: cut }: { nodes: SpecFlowNode[]; edges: ShapeFlowEdge[] }) => {
      const ids = new Set(gone.map((n) => n.id));
      if (ids.size) await edit({ kind: 'deleteNodes', ids: [...ids] });
      // Wires of deleted nodes go with them; other selected wires are cut one by one.
      for (const e of cut)
        if (!ids.has(e.source) && !ids.has(e.target))
          await edit({ kind: 'disconnect', source: e.source, target: e.target });
    },
    [edit],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    async (e: DragEvent) => {
      const key = e.dataTransfer.getData(PALETTE_MIME);
      const entry = palette.find((p) => p.key === key);
      if (!entry) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const position = { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - 30) };
      const outcome = await edit({
        kind: 'addNode',
        op: entry.op,
        params: entry.params,
        idBase: entry.idBase,
        position,
      });
      if (outcome.ok && outcome.select) select(outcome.select);
    },
    [edit, palette, rf, select],
  );

  useNodeClipboard();

  const defaultViewport = useMemo<Viewport | undefined>(() => saved.current, []);
  // Fit when asked (a preset was loaded), and on a first document that has nodes unless a saved
  // viewport was restored (a new, empty file keeps the plain viewport its first drops land in).
  // Wait until React Flow has measured the nodes, or the fit would use stale sizes.
  const initialized = useNodesInitialized();
  const wantFit = useRef(!saved.current && view.nodes.length > 0);
  useEffect(() => {
    if (fitSignal) wantFit.current = true;
  }, [fitSignal]);
  useEffect(() => {
    if (!wantFit.current || !initialized || !nodes.length) return;
    wantFit.current = false;
    // After the frame that draws the nodes where they now are (an Arrange moves them all).
    requestAnimationFrame(() => void rf.fitView({ padding: 0.15, maxZoom: 1, duration: 200 }));
  }, [initialized, nodes, rf, fitSignal]);

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<SpecFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onDelete={onDelete}
        onMoveEnd={(_e, viewport) => saveState({ viewport })}
        defaultViewport={defaultViewport}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        colorMode={theme === 'light' || theme === 'high-contrast-light' ? 'light' : 'dark'}
        minZoom={0.1}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        aria-label="Architecture canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <MiniMap
          pannable
          zoomable
          ariaLabel="Overview of the architecture"
          nodeClassName={(n) => ((n as SpecFlowNode).data.view.issues.length ? 'minimap-error' : 'minimap-node')}
        />
      </ReactFlow>
      {view.nodes.length === 0 && (
        <div className="canvas-empty">
          <span className="codicon codicon-type-hierarchy-sub" aria-hidden="true" />
          <p>Drag layers from the palette onto the canvas, or press Enter on one to add it.</p>
          <button className="link-button" onClick={onOpenPresets}>
            Start from a preset…
          </button>
        </div>
      )}
    </div>
  );
}
