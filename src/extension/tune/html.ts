/** The Tune and Compare pages' shell, free of `vscode` so the browser test serves the very same page. */
import { webviewHtml } from '../webviewHtml';

export type ToolView = 'tune' | 'compare';

export function toolPageHtml(page: {
  cspSource: string;
  nonce: string;
  asset: (...path: string[]) => string;
  view: ToolView;
  title: string;
}): string {
  return webviewHtml({
    cspSource: page.cspSource,
    nonce: page.nonce,
    title: page.title,
    scriptUri: page.asset('dist', 'webview', 'tune.js'),
    styleUris: [page.asset('dist', 'webview', 'tune.css'), page.asset('media', 'tune.css')],
    root: '<main id="app" aria-live="polite"></main>',
    bodyAttributes: { 'data-view': page.view },
  });
}
