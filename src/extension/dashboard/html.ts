/** The dashboard webview's page: a strict CSP with a nonce, and only asWebviewUri'd assets from dist/. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewHtml } from '../webviewHtml';

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
  return webviewHtml({
    cspSource: webview.cspSource,
    nonce,
    title: view === 'history' ? 'Training history' : 'Training dashboard',
    scriptUri: asset('dist', 'webview', 'dashboard.js'),
    styleUris: [asset('dist', 'webview', 'dashboard.css'), asset('media', 'dashboard.css')],
    root: '<main id="app" aria-live="polite"></main>',
    bodyAttributes: { 'data-view': view },
  });
}
