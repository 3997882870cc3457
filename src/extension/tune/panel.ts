/** A webview panel for the Tune or the Compare view: strict CSP, its own bundle, every page message checked. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { HostToTunePage, TunePageToHost, parseTunePageMessage } from '../../protocol/tuneView';
import { webviewOptions } from '../dashboard/html';
import { ToolView, toolPageHtml } from './html';

export class ToolPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private ready = false;
  private readonly queue: HostToTunePage[] = [];

  constructor(
    extensionUri: vscode.Uri,
    view: ToolView,
    title: string,
    onMessage: (m: TunePageToHost) => void,
    onClose: () => void,
  ) {
    // The page keeps its context when hidden: a live search must not lose the trials it has shown.
    this.panel = vscode.window.createWebviewPanel(`ncf.${view}`, title, vscode.ViewColumn.Active, {
      ...webviewOptions(extensionUri),
      retainContextWhenHidden: true,
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'ncf.svg');
    const asset = (...path: string[]) =>
      this.panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
    this.panel.webview.html = toolPageHtml({
      cspSource: this.panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      asset,
      view,
      title,
    });
    this.panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseTunePageMessage(raw);
      if (!message) return;
      if (message.type === 'ready') {
        this.ready = true;
        for (const m of this.queue.splice(0)) void this.panel.webview.postMessage(m);
      }
      onMessage(message);
    });
    this.panel.onDidDispose(onClose);
  }

  post(message: HostToTunePage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queue.push(message);
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    this.panel.dispose();
  }
}
