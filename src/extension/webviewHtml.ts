/**
 * The page shell every webview of the extension uses: a strict Content-Security-Policy that lets
 * only the webview's own resources and the nonce'd script run. Kept free of `vscode` so the
 * builder's browser test serves the very same page as the editor does.
 */
export interface WebviewPage {
  /** The webview's `cspSource`: where scripts, styles and fonts may come from. */
  cspSource: string;
  nonce: string;
  title: string;
  scriptUri: string;
  /** Stylesheets, in the order they cascade. */
  styleUris: string[];
  /** The element the script renders into, as markup. */
  root: string;
  bodyAttributes?: Record<string, string>;
  /** Also put the nonce in a `csp-nonce` meta tag, for a library that adds its own style element. */
  nonceMeta?: boolean;
}

/** For attribute values and text alike. */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function webviewHtml(page: WebviewPage): string {
  const { cspSource, nonce } = page;
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const bodyAttributes = Object.entries(page.bodyAttributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  const head = [
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    ...(page.nonceMeta ? [`<meta property="csp-nonce" content="${escapeHtml(nonce)}">`] : []),
    ...page.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`),
    `<title>${escapeHtml(page.title)}</title>`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
${head.join('\n')}
</head>
<body${bodyAttributes}>
${page.root}
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>`;
}

/** The page of a webview that runs one bundle of dist/webview/ (`NAME.js`, `NAME.css`) with a theme stylesheet of media/ (the dashboard's unless named). */
export function bundlePageHtml(page: {
  cspSource: string;
  nonce: string;
  asset: (...path: string[]) => string;
  bundle: string;
  title: string;
  theme?: string;
  bodyAttributes?: Record<string, string>;
}): string {
  return webviewHtml({
    cspSource: page.cspSource,
    nonce: page.nonce,
    title: page.title,
    scriptUri: page.asset('dist', 'webview', `${page.bundle}.js`),
    styleUris: [
      page.asset('dist', 'webview', `${page.bundle}.css`),
      page.asset('media', page.theme ?? 'dashboard.css'),
    ],
    root: '<main id="app" aria-live="polite"></main>',
    bodyAttributes: page.bodyAttributes,
  });
}
