/** Light, dark or high contrast, following the classes VS Code puts on the webview's body (they change with the theme). */
import { useEffect, useState } from 'react';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

function current(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-light') ? 'light' : 'dark';
}

export function useThemeKind(): ThemeKind {
  const [kind, setKind] = useState(current);
  useEffect(() => {
    const observer = new MutationObserver(() => setKind(current()));
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
  return kind;
}
