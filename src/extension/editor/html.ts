/**
 * The builder's page. Kept free of `vscode` so the browser test serves the very same page,
 * with the same Content-Security-Policy, as the editor does.
 */
export interface BuilderPageAssets {
  /** The webview's `cspSource`: where scripts, styles and fonts may come from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The toolkit (FAST) reads the nonce from the `csp-nonce` meta tag for the one style element it adds. */
export function builderHtml({ cspSource, nonce, scriptUri, styleUri }: BuilderPageAssets): string {
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta property="csp-nonce" content="${escapeAttr(nonce)}">
<link rel="stylesheet" href="${escapeAttr(styleUri)}">
<title>NCF layer builder</title>
</head>
<body>
<div id="root"></div>
<script nonce="${escapeAttr(nonce)}" src="${escapeAttr(scriptUri)}"></script>
</body>
</html>`;
}
