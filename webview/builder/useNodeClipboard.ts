/**
 * Copy and paste of the selected nodes through the clipboard events, which VS Code raises for its
 * own shortcuts inside a webview (and a browser for Ctrl+C / Ctrl+V). The clipboard holds the
 * nodes as JSON, so they can also be pasted into another architecture.
 */
import { useEffect, useRef } from 'react';
import type { JsonRecord } from '../../src/core/graph';
import { useBuilder } from './context';

/** Clipboard payloads carry this key, so pasting other text does nothing. */
const CLIPBOARD_KEY = 'ncfStudioNodes';

interface Payload {
  [CLIPBOARD_KEY]?: JsonRecord[];
  positions?: Record<string, { x: number; y: number }>;
}

/** In a text field, copy and paste are the field's own. */
const isTyping = () => {
  const el = document.activeElement;
  return (
    !!el &&
    (el.tagName === 'INPUT' ||
      el.tagName === 'TEXTAREA' ||
      el.tagName.startsWith('VSCODE-') ||
      (el as HTMLElement).isContentEditable)
  );
};

export function useNodeClipboard(): void {
  const { view, edit, select, selected } = useBuilder();
  // Each paste of the same copy lands a little further along, so copies do not stack exactly.
  const pasteCount = useRef(0);
  useEffect(() => {
    const onCopy = (e: ClipboardEvent) => {
      if (isTyping() || !selected.length || !e.clipboardData) return;
      const chosen = view.nodes.filter((n) => selected.includes(n.id));
      const payload: Payload = {
        [CLIPBOARD_KEY]: chosen.map((n) => n.raw as JsonRecord),
        positions: Object.fromEntries(chosen.map((n) => [n.id, n.position])),
      };
      e.clipboardData.setData('text/plain', JSON.stringify(payload, null, 2));
      e.preventDefault();
      pasteCount.current = 0;
    };
    const onPaste = async (e: ClipboardEvent) => {
      if (isTyping() || !e.clipboardData) return;
      let payload: Payload;
      try {
        payload = JSON.parse(e.clipboardData.getData('text/plain'));
      } catch {
        return;
      }
      const nodes = payload?.[CLIPBOARD_KEY];
      if (!Array.isArray(nodes)) return;
      e.preventDefault();
      pasteCount.current++;
      const offset = { x: 40 * pasteCount.current, y: 40 * pasteCount.current };
      const outcome = await edit({ kind: 'paste', nodes, positions: payload.positions, offset });
      if (outcome.ok && outcome.select) select(outcome.select);
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [edit, select, selected, view]);
}
