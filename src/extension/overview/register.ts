/** "NCF: Dataset overview": pick a data source as for training, then chart and tabulate it. */
import * as vscode from 'vscode';
import { describeDataset, longTail } from '../../core/data/describe';
import { loadDataset } from '../../core/data/load';
import { HostToOverview, parseOverviewMessage } from '../../protocol/overview';
import { createBundlePanel } from '../bundlePage';
import { DataChoice, pickData } from '../training/pickData';

async function overviewMessage(choice: DataChoice): Promise<HostToOverview> {
  try {
    const dataset = await loadDataset(choice.source);
    return { type: 'overview', label: choice.label, overview: describeDataset(dataset), tail: longTail(dataset) };
  } catch (e) {
    return { type: 'error', label: choice.label, message: e instanceof Error ? e.message : String(e) };
  }
}

export function registerOverview(context: vscode.ExtensionContext): void {
  let panel: vscode.WebviewPanel | undefined;
  let shown: HostToOverview | undefined;
  const choose = () => pickData(context, { title: 'Dataset overview: data', placeHolder: 'Ratings to look at' });

  const show = async (choice: DataChoice) => {
    if (!panel) {
      panel = createBundlePanel('ncf.overview', 'Dataset overview', context.extensionUri, 'overview');
      const open = panel;
      const subscription = open.webview.onDidReceiveMessage(async (raw: unknown) => {
        const message = parseOverviewMessage(raw);
        if (message?.type === 'ready' && shown) void open.webview.postMessage(shown);
        if (message?.type === 'pickData') {
          const next = await choose();
          if (next) await show(next);
        }
      });
      open.onDidDispose(() => {
        subscription.dispose();
        panel = undefined;
        shown = undefined;
      });
    } else panel.reveal();
    shown = { type: 'loading', label: choice.label };
    void panel.webview.postMessage(shown);
    shown = await overviewMessage(choice);
    void panel?.webview.postMessage(shown);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('ncf.datasetOverview', async (source?: unknown) => {
      const choice = typeof source === 'string' ? { source, label: source } : await choose();
      if (choice) await show(choice);
    }),
  );
}
