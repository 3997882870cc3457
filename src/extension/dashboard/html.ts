/** The dashboard webview's page: a strict CSP with a nonce, and only asWebviewUri'd assets from dist/. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export type DashboardView = 'dashboard' | 'history';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    // Only the extension's own build output and media; never the workspace.
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function dashboardHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: DashboardView): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const title = view === 'history' ? 'Training history' : 'Training dashboard';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'webview', 'dashboard.css')}">
<link rel="stylesheet" href="${asset('media', 'dashboard.css')}">
<title>${title}</title>
</head>
<body data-view="${view}">
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${asset('dist', 'webview', 'dashboard.js')}"></script>
</body>
</html>`;
}
