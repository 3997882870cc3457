/**
 * Training in the editor: the commands (train, stop, dashboard, history), the worker sessions
 * behind them, and the two webviews they feed.
 */
import * as vscode from 'vscode';
import { DashboardToHost } from '../../protocol/dashboard';
import { WebviewPanelHost } from '../dashboard/panel';
import { postComparison, postHistory, revealRun, runDirOf } from '../history/historyPanel';
import { readSettings } from '../settings';
import { TrainOutcome, TrainingController } from './controller';
import { DataChoice, dataFromSetting, pickData } from './pickData';
import { SpecChoice, pickSpec, specFromFile } from './pickSpec';

export function registerTraining(context: vscode.ExtensionContext): TrainingController {
  const onDashboardMessage = async (message: DashboardToHost, panel: WebviewPanelHost) => {
    switch (message.type) {
      case 'ready':
        if (message.view === 'history') return postHistory(panel);
        if (controller.latestRun) panel.post({ type: 'snapshot', run: controller.latestRun });
        return;
      case 'stop':
        await controller.stop(message.runId);
        return;
      case 'revealRun': {
        const latest = controller.latestRun;
        if (latest?.runId === message.runId && latest.runDir) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(latest.runDir));
        else await revealRun(message.runId);
        return;
      }
      case 'refreshHistory':
        return postHistory(panel);
      case 'compare':
        return postComparison(panel, message.runIds);
      case 'recommend': {
        const latest = controller.latestRun;
        const dir = latest?.runId === message.runId && latest.runDir ? latest.runDir : runDirOf(message.runId);
        if (dir) await vscode.commands.executeCommand('ncf.recommend', dir);
        return;
      }
    }
  };
  const dashboard = new WebviewPanelHost('dashboard', context.extensionUri, onDashboardMessage);
  const history = new WebviewPanelHost('history', context.extensionUri, onDashboardMessage);
  const controller = new TrainingController(context, {
    onRunChanged: (_run, message, isNew) => {
      if (isNew) dashboard.show(true);
      dashboard.post(message);
    },
    onRunEnded: () => {
      if (history.isOpen) void postHistory(history);
    },
  });

  const train = async (uri?: unknown, dataSource?: unknown): Promise<TrainOutcome | undefined> => {
    const spec: SpecChoice | undefined = uri instanceof vscode.Uri ? await specFromFile(uri) : await pickSpec();
    if (!spec) return undefined;
    const data = await chooseData(context, spec, typeof dataSource === 'string' ? dataSource : undefined);
    if (!data) return undefined;
    return controller.train(spec, data);
  };

  context.subscriptions.push(
    dashboard,
    history,
    controller,
    vscode.commands.registerCommand('ncf.train', train),
    vscode.commands.registerCommand('ncf.stopTraining', (key?: unknown) => controller.stop(typeof key === 'string' ? key : undefined)),
    vscode.commands.registerCommand('ncf.openDashboard', () => dashboard.show(false)),
    vscode.commands.registerCommand('ncf.openHistory', () => {
      history.show(false);
      void postHistory(history);
    }),
  );
  return controller;
}

/** A data source given by the caller or the settings wins; otherwise the user picks. */
async function chooseData(context: vscode.ExtensionContext, spec: SpecChoice, given?: string): Promise<DataChoice | undefined> {
  const setting = given ?? readSettings(spec.uri).defaultDataset;
  if (!setting) return pickData(context);
  const choice = dataFromSetting(setting, context);
  if (typeof choice === 'string') {
    void vscode.window.showErrorMessage(choice);
    return undefined;
  }
  return choice;
}
