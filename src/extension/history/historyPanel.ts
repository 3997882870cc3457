/** "Training history": the runs saved in the workspace's runs folder, and the curves of two runs side by side. */
import * as vscode from 'vscode';
import { readSettings } from '../settings';
import { resolveRunsFolder } from '../training/runFolder';
import { WebviewPanelHost } from '../dashboard/panel';
import { RunCurves } from '../../protocol/dashboard';
import { isRunId, listRuns, readRunCurves } from './runs';
import { join } from 'node:path';
import { listSearches } from '../../core/tune/searches';
import { SEARCHES_DIR } from '../../core/tune/store';

export function runsFolder(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder && resolveRunsFolder(readSettings(folder.uri).runsFolder, folder.uri.fsPath);
}

export async function postHistory(panel: WebviewPanelHost): Promise<void> {
  const folder = runsFolder();
  const workspace = vscode.workspace.workspaceFolders?.[0];
  panel.post({
    type: 'history',
    runs: folder ? await listRuns(folder) : [],
    folder: folder ? vscode.workspace.asRelativePath(folder) : '(no workspace folder open)',
    searches: workspace ? await listSearches(join(workspace.uri.fsPath, SEARCHES_DIR)) : [],
  });
}

export async function postComparison(panel: WebviewPanelHost, runIds: string[]): Promise<void> {
  const folder = runsFolder();
  if (!folder) return;
  const curves = (await Promise.all(runIds.map((id) => readRunCurves(folder, id)))).filter(
    (c): c is RunCurves => c !== undefined,
  );
  panel.post({ type: 'compare', runs: curves });
}

/** The folder of a run of the runs folder, by its id (a name from a webview, never a path). */
export function runDirOf(runId: string): string | undefined {
  const folder = runsFolder();
  return folder && isRunId(runId) ? join(folder, runId) : undefined;
}

export function revealRun(runId: string): Thenable<unknown> | undefined {
  const folder = runsFolder();
  if (!folder || !/^[^/\\]+$/.test(runId) || runId === '..') return undefined;
  return vscode.commands.executeCommand('revealInExplorer', vscode.Uri.joinPath(vscode.Uri.file(folder), runId));
}
