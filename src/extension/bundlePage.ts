/** A webview panel that runs one bundle of dist/webview/ (`NAME.js`, `NAME.css`) with the shared theme stylesheet. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewOptions } from './dashboard/html';
import { bundlePageHtml } from './webviewHtml';

/** A new panel showing the bundle, with the same resource roots as the dashboard. */
export function createBundlePanel(
  viewType: string,
  title: string,
  extensionUri: vscode.Uri,
  bundle: string,
): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(
    viewType,
    title,
    vscode.ViewColumn.Active,
    webviewOptions(extensionUri),
  );
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'ncf.svg');
  const asset = (...path: string[]) =>
    panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  panel.webview.html = bundlePageHtml({
    cspSource: panel.webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    asset,
    bundle,
    title,
  });
  return panel;
}
