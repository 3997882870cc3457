/**
 * The canvas selection, and the inspector's identity across a rename. Renaming a node from the
 * inspector changes the id the selection holds; its echo (the document without the old id) comes
 * before the edit's answer, and a person may type on meanwhile. So the selection follows the node
 * through the ids it had, and the inspector is not remade: a remade field would drop the keys typed
 * since the rename was sent.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GraphEdit } from '../../src/core/graph';
import type { GraphView } from './context';
import type { EditOutcome } from './useHostDocument';

export function useSelection(graph: GraphView | undefined, edit: (e: GraphEdit) => Promise<EditOutcome>) {
  const [selected, setSelected] = useState<string[]>([]);
  /** Changes when a person (or an added or pasted node) changes the selection, not when a node is renamed. */
  const [inspectorKey, setInspectorKey] = useState('');
  /** The ids of the node being renamed, oldest first, until the last rename is answered. */
  const renames = useRef<string[]>([]);

  const latestOf = useCallback(
    (id: string, ids: Set<string>) =>
      ids.has(id) || !renames.current.includes(id)
        ? id
        : ([...renames.current].reverse().find((c) => ids.has(c)) ?? id),
    [],
  );

  // Follow a renamed node; forget selected nodes that no longer exist (deleted, undone).
  useEffect(() => {
    if (!graph) return;
    const ids = new Set(graph.nodes.map((n) => n.id));
    setSelected((s) => {
      const next = s.map((id) => latestOf(id, ids)).filter((id) => ids.has(id));
      return next.length === s.length && next.every((id, k) => id === s[k]) ? s : next;
    });
  }, [graph, latestOf]);

  const select = useCallback((ids: string[]) => {
    setSelected(ids);
    setInspectorKey(ids.join(' '));
  }, []);

  const rename = useCallback(
    async (id: string, newId: string): Promise<EditOutcome> => {
      const chain = renames.current.includes(id) ? renames.current : [id];
      // A rename sent while an earlier one is still on its way renames what that one named.
      const from = chain[chain.length - 1];
      renames.current = [...chain, newId];
      const outcome = await edit({ kind: 'rename', id: from, newId });
      if (renames.current[renames.current.length - 1] === newId) {
        renames.current = [];
        if (outcome.ok && outcome.select) setSelected(outcome.select);
      }
      return outcome;
    },
    [edit],
  );

  /** The one selected node, found by the id it has now even while its rename is being echoed. */
  const inspected =
    graph && selected.length === 1
      ? graph.nodes.find((n) => n.id === latestOf(selected[0], new Set(graph.nodes.map((m) => m.id))))
      : undefined;

  return { selected, select, rename, inspected, inspectorKey };
}
