/**
 * The document as the host last sent it, and a way to ask for edits. The webview never changes
 * the text itself: it waits for the host to echo the edited document, so the canvas always shows
 * what is in the file (and undo in VS Code simply sends an older text).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GraphEdit } from '../../src/core/graph';
import type { BuilderMessage } from '../../src/protocol/builder';
import { onHostMessage, postToHost } from './vscodeApi';

export interface EditOutcome {
  ok: boolean;
  message?: string;
  select?: string[];
}

/** The data the spec would train on, and its features (the palette offers them). */
export type DataFeatures = Omit<Extract<BuilderMessage, { type: 'dataFeatures' }>, 'type'>;

export function useHostDocument() {
  const [doc, setDoc] = useState<{ text: string; fileName: string } | undefined>();
  const [notice, setNotice] = useState<{ text: string; error: boolean } | undefined>();
  const [data, setData] = useState<DataFeatures | undefined>();
  const pending = useRef(new Map<number, (outcome: EditOutcome) => void>());
  const nextId = useRef(1);

  useEffect(() => {
    const stop = onHostMessage((m) => {
      switch (m.type) {
        case 'document':
          setDoc({ text: m.text, fileName: m.fileName });
          break;
        case 'editResult': {
          const resolve = pending.current.get(m.requestId);
          pending.current.delete(m.requestId);
          if (!m.ok) setNotice({ text: m.message ?? 'The edit was not applied.', error: true });
          resolve?.({ ok: m.ok, message: m.message, select: m.select });
          break;
        }
        case 'notice':
          setNotice({ text: m.message, error: false });
          break;
        case 'dataFeatures':
          setData({ label: m.label, features: m.features, problem: m.problem });
          break;
      }
    });
    postToHost({ type: 'ready' });
    return stop;
  }, []);

  const edit = useCallback((e: GraphEdit): Promise<EditOutcome> => {
    const requestId = nextId.current++;
    setNotice(undefined);
    return new Promise((resolve) => {
      pending.current.set(requestId, resolve);
      postToHost({ type: 'edit', requestId, edit: e });
    });
  }, []);

  return { doc, edit, notice, setNotice, data };
}
