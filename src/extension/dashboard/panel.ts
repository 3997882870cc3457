/**
 * The two webview panels, "Training dashboard" and "Training history", each opened once and
 * revealed again. Neither keeps its context when hidden: the page restores itself from
 * getState() and asks the host for what it missed. Every message from the page is validated.
 */
import * as vscode from 'vscode';
import { DashboardToHost, HostToDashboard, parseDashboardMessage } from '../../protocol/dashboard';
import { DashboardView, dashboardHtml, webviewOptions } from './html';

const VIEW_TYPE: Record<DashboardView, string> = { dashboard: 'ncf.dashboard', history: 'ncf.history' };
const TITLE: Record<DashboardView, string> = { dashboard: 'Training dashboard', history: 'Training history' };

export type MessageHandler = (message: DashboardToHost, panel: WebviewPanelHost) => void | Promise<void>;

export class WebviewPanelHost implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly view: DashboardView,
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: MessageHandler,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE[view], {
        // After a reload VS Code hands back the panel; the page's own saved state does the rest.
        deserializeWebviewPanel: async (panel) => this.adopt(panel),
      }),
    );
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  show(preserveFocus = true): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const column =
      this.view === 'dashboard' && vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    this.adopt(
      vscode.window.createWebviewPanel(
        VIEW_TYPE[this.view],
        TITLE[this.view],
        { viewColumn: column, preserveFocus },
        webviewOptions(this.extensionUri),
      ),
    );
  }

  post(message: HostToDashboard): void {
    // A hidden page is not running (no retainContextWhenHidden); it asks for a snapshot when shown.
    if (this.panel?.visible) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'ncf.svg');
    panel.webview.html = dashboardHtml(panel.webview, this.extensionUri, this.view);
    const subscriptions = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseDashboardMessage(raw);
        if (message) void this.onMessage(message, this);
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        for (const s of subscriptions) s.dispose();
      }),
    ];
  }
}
