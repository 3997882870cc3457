/**
 * "NCF: Recommend for a user…": pick a saved run (or come from the history or a finished run's
 * dashboard with its folder), then ask its model for a user's top-N and single predictions.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { RunError } from '../../core/predict';
import { parseRecommendMessage } from '../../protocol/recommend';
import { createBundlePanel } from '../bundlePage';
import { runsFolder } from '../history/historyPanel';
import { listRuns } from '../history/runs';
import { RecommendSession } from './session';

async function pickRun(): Promise<string | undefined> {
  const folder = runsFolder();
  const runs = folder ? (await listRuns(folder)).filter((r) => existsSync(join(folder, r.id, 'model.json'))) : [];
  if (!folder || runs.length === 0) {
    void vscode.window.showInformationMessage(
      'No trained runs in this workspace yet: train a model first (NCF: Train NCF model).',
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((r) => ({
      label: r.specName,
      description: `${r.dataName} · test RMSE ${r.test ? r.test.rmse.toFixed(4) : '–'}`,
      detail: r.id,
      id: r.id,
    })),
    {
      title: 'Recommend for a user: run',
      placeHolder: 'A trained run to ask',
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  return picked && join(folder, picked.id);
}

async function openRecommendations(context: vscode.ExtensionContext, runDir: string, user?: string): Promise<void> {
  let session: RecommendSession;
  try {
    session = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Loading the run…' },
      () => RecommendSession.open(runDir),
    );
  } catch (e) {
    void vscode.window.showErrorMessage(
      e instanceof RunError ? e.message : `Cannot open the run: ${e instanceof Error ? e.message : String(e)}`,
    );
    return;
  }
  const panel = createBundlePanel(
    'ncf.recommend',
    `Recommend: ${session.info.specName}`,
    context.extensionUri,
    'recommend',
  );
  const post = (m: unknown) => void panel.webview.postMessage(m);
  const subscription = panel.webview.onDidReceiveMessage((raw: unknown) => {
    const message = parseRecommendMessage(raw);
    if (!message) return;
    if (message.type === 'ready') post({ type: 'run', run: session.info, user });
    else post(session.answer(message));
  });
  panel.onDidDispose(() => {
    subscription.dispose();
    session.dispose();
  });
}

export function registerRecommend(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ncf.recommend', async (run?: unknown, user?: unknown) => {
      const runDir = run instanceof vscode.Uri ? run.fsPath : typeof run === 'string' ? run : await pickRun();
      if (runDir) await openRecommendations(context, runDir, typeof user === 'string' ? user : undefined);
    }),
  );
}
