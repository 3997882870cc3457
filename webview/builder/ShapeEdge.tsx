/**
 * A wire with the shape that flows along it written on it, red when its target rejects its inputs;
 * it goes around the nodes in its way rather than through them.
 */
import { BaseEdge, EdgeLabelRenderer, useStore, type Edge, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import { useCallback } from 'react';
import { routeWire, type Rect } from './wireRoute';

export type ShapeFlowEdge = Edge<{ label?: string; faulty: boolean }, 'shape'>;

/** The other nodes' boxes, as one string so that a wire re-renders only when one of them moved or resized. */
function useObstacles(source: string, target: string): Rect[] {
  const key = useStore(
    useCallback(
      (s: ReactFlowState) => {
        const boxes: number[][] = [];
        for (const [id, n] of s.nodeLookup) {
          if (id === source || id === target || !n.measured.width || !n.measured.height) continue;
          const p = n.internals.positionAbsolute;
          boxes.push([p.x, p.y, n.measured.width, n.measured.height]);
        }
        return JSON.stringify(boxes);
      },
      [source, target],
    ),
  );
  return (JSON.parse(key) as number[][]).map(([x, y, width, height]) => ({ x, y, width, height }));
}

export function ShapeEdge({
  id,
  source,
  target,
  sourceX,
  sourceY,
  targetX,
  targetY,
  data,
  selected,
  markerEnd,
}: EdgeProps<ShapeFlowEdge>) {
  const obstacles = useObstacles(source, target);
  const { path, labelX, labelY } = routeWire(sourceX, sourceY, targetX, targetY, obstacles);
  const cls = `shape-edge${data?.faulty ? ' faulty' : ''}${selected ? ' selected' : ''}`;
  return (
    <>
      <BaseEdge id={id} path={path} className={cls} markerEnd={markerEnd} />
      {data?.label && (
        <EdgeLabelRenderer>
          <div
            className={`wire-label nodrag nopan${data.faulty ? ' faulty' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
