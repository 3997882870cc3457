/**
 * Writes where nodes come to rest: at the end of a mouse drag, and after arrow-key moves (React
 * Flow moves the selected nodes with the arrows). A burst of moves becomes one edit, so one undo.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { NodeChange } from '@xyflow/react';
import { useBuilder } from './context';
import type { SpecFlowNode } from './SpecNodeView';

const SETTLE_MS = 250;

/** Returns the handler to give every node change to. */
export function useRestingPositions(): (changes: NodeChange<SpecFlowNode>[]) => void {
  const { view, edit } = useBuilder();
  const resting = useRef<Record<string, { x: number; y: number }>>({});
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const viewNow = useRef(view);
  viewNow.current = view;
  useEffect(() => () => clearTimeout(timer.current), []);

  return useCallback(
    (changes: NodeChange<SpecFlowNode>[]) => {
      for (const c of changes)
        if (c.type === 'position' && c.position && c.dragging === false)
          resting.current[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
      if (!Object.keys(resting.current).length) return;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        // A click also ends in a "rest" where the node already is: only real moves are written.
        const moved = Object.entries(resting.current).filter(([id, p]) => {
          const v = viewNow.current.nodes.find((n) => n.id === id);
          return v && (v.position.x !== p.x || v.position.y !== p.y);
        });
        resting.current = {};
        if (moved.length) void edit({ kind: 'moveNodes', positions: Object.fromEntries(moved) });
      }, SETTLE_MS);
    },
    [edit],
  );
}
