/**
 * The builder's page. Kept free of `vscode` so the browser test serves the very same page,
 * with the same Content-Security-Policy, as the editor does.
 */
import { webviewHtml } from '../webviewHtml';

export interface BuilderPageAssets {
  /** The webview's `cspSource`: where scripts, styles and fonts may come from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

/** The toolkit (FAST) reads the nonce from the `csp-nonce` meta tag for the one style element it adds. */
export function builderHtml({ cspSource, nonce, scriptUri, styleUri }: BuilderPageAssets): string {
  return webviewHtml({
    cspSource,
    nonce,
    title: 'NCF layer builder',
    scriptUri,
    styleUris: [styleUri],
    root: '<div id="root"></div>',
    nonceMeta: true,
  });
}
