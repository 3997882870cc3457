/**
 * VS Code's webview frame forwards every keydown that reaches its window to the workbench, which
 * answers Ctrl/Cmd+A with a second, asynchronous "select all" in the webview. In a text field the
 * browser has already selected the text; the late repeat lands after the next few keys and the
 * following keys replace them ("My ANCF" became "ANCF"). A field's select-all stays in the field.
 */
const isTextEntry = (e: Event) => {
  const target = e.composedPath()[0];
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
};

export function keepSelectAllInFields(doc: Document): void {
  doc.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'a' && isTextEntry(e)) e.stopPropagation();
  });
}
