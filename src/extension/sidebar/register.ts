/**
 * The NCF Studio view container in the activity bar: runs (grouped by spec), datasets and presets,
 * and the runs' context menu (compare, reveal the folder, delete). Opening and comparing runs are
 * the dashboard's and the history's commands (training/register.ts).
 */
import * as vscode from 'vscode';
import { checkDeletable, deleteRunFolder } from '../history/deleteRun';
import { revealRun, runsFolder } from '../history/historyPanel';
import type { TrainingController } from '../training/controller';
import { DatasetsTree } from './datasetsTree';
import { PresetsTree } from './presetsTree';
import { RunsTree, runIdOf } from './runsTree';

export function registerSidebar(context: vscode.ExtensionContext, controller: TrainingController): void {
  const runs = new RunsTree();
  const datasets = new DatasetsTree(context);
  const refresh = () => {
    runs.refresh();
    datasets.refresh();
  };
  // A run folder appears when a training ends and goes when it is deleted, here or elsewhere.
  const watcher = vscode.workspace.createFileSystemWatcher('**/metrics.json');
  context.subscriptions.push(
    vscode.window.createTreeView('ncf.runs', { treeDataProvider: runs, canSelectMany: true, showCollapseAll: true }),
    vscode.window.createTreeView('ncf.datasets', { treeDataProvider: datasets }),
    vscode.window.createTreeView('ncf.presets', { treeDataProvider: new PresetsTree() }),
    watcher,
    watcher.onDidCreate(refresh),
    watcher.onDidDelete(refresh),
    controller.onDidEndRun(refresh),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('ncf.runsFolder') && runs.refresh()),
    vscode.commands.registerCommand('ncf.refreshRuns', refresh),
    vscode.commands.registerCommand('ncf.revealRunFolder', (arg?: unknown) => {
      const id = runIdOf(arg);
      return id && revealRun(id);
    }),
    vscode.commands.registerCommand('ncf.deleteRun', async (arg?: unknown) => {
      const id = runIdOf(arg);
      const folder = runsFolder();
      if (!id || !folder) return false;
      const target = await checkDeletable(folder, id);
      if (!target.ok) return void vscode.window.showErrorMessage(`NCF: not deleting: ${target.reason}.`);
      const answer = await vscode.window.showWarningMessage(
        `Delete the run ${id}?`,
        {
          modal: true,
          detail: `Its folder and the ${target.files.length} files the run wrote (${target.files.join(', ')}) are deleted for good.`,
        },
        'Delete',
      );
      if (answer !== 'Delete') return false;
      await deleteRunFolder(target);
      runs.refresh();
      return true;
    }),
  );
}
