/** What deep components (canvas nodes, the inspector) need from the app: the view and a way to edit. */
import { createContext, useContext, useMemo } from 'react';
import { deriveFormula, type GraphEdit, type PaletteEntry, type SpecView } from '../../src/core/graph';
import type { EditOutcome } from './useHostDocument';

export type GraphView = Extract<SpecView, { kind: 'graph' }>;

export interface Builder {
  view: GraphView;
  edit: (e: GraphEdit) => Promise<EditOutcome>;
  /** Replace the canvas selection (ids of nodes). */
  select: (ids: string[]) => void;
  /** Renames a node; the selection and the inspector follow it. */
  rename: (id: string, newId: string) => Promise<EditOutcome>;
  selected: string[];
  /** What the palette offers, the data's own features included. */
  palette: PaletteEntry[];
}

export const BuilderContext = createContext<Builder | undefined>(undefined);

export function useBuilder(): Builder {
  const b = useContext(BuilderContext);
  if (!b) throw new Error('useBuilder outside BuilderContext');
  return b;
}

/** The formula the graph spells, shown where the author wrote none. */
export function useDerivedFormula(): string | undefined {
  const { view } = useBuilder();
  return useMemo(() => deriveFormula(view.nodes), [view.nodes]);
}
