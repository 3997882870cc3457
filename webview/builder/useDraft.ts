/**
 * The text of a field while a person edits it. The document only changes when the host echoes an
 * edit, which can arrive while the person is still typing (after Enter, or a slow host): adopting
 * it then would wipe the keys typed since. So a focused field keeps its draft, and takes the
 * document's value again when the person leaves it without having committed a change.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export function useDraft(value: string) {
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  const committed = useRef<string | undefined>(undefined);
  const latest = useRef(value);
  latest.current = value;

  useEffect(() => {
    if (!focused.current) setDraft(value);
  }, [value]);

  const onFocus = useCallback(() => {
    focused.current = true;
    committed.current = undefined;
  }, []);
  /** Call after the commit of a leaving field (a `change` comes before the focus leaves). */
  const onBlur = useCallback(() => {
    focused.current = false;
    // The echo of a commit brings its text back; without one, show what the document holds now.
    setDraft((d) => (d === committed.current ? d : latest.current));
  }, []);
  const markCommitted = useCallback((text: string) => {
    committed.current = text;
  }, []);
  const revert = useCallback(() => setDraft(latest.current), []);

  return { draft, setDraft, onFocus, onBlur, markCommitted, revert };
}
