/** The page of a webview that runs one bundle of dist/webview/ (`NAME.js`, `NAME.css`) with the shared theme stylesheet. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewOptions } from './dashboard/html';
import { webviewHtml } from './webviewHtml';

export function bundlePageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: string, title: string): string {
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  return webviewHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    title,
    scriptUri: asset('dist', 'webview', `${bundle}.js`),
    styleUris: [asset('dist', 'webview', `${bundle}.css`), asset('media', 'dashboard.css')],
    root: '<main id="app" aria-live="polite"></main>',
  });
}

/** A new panel showing the bundle, with the same resource roots as the dashboard. */
export function createBundlePanel(viewType: string, title: string, extensionUri: vscode.Uri, bundle: string): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Active, webviewOptions(extensionUri));
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'ncf.svg');
  panel.webview.html = bundlePageHtml(panel.webview, extensionUri, bundle, title);
  return panel;
}
