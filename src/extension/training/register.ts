/**
 * Training in the editor: the commands (train, stop, dashboard, history), the worker sessions
 * behind them, and the two webviews they feed.
 */
import * as vscode from 'vscode';
import { DashboardToHost, RunSnapshot } from '../../protocol/dashboard';
import { WebviewPanelHost } from '../dashboard/panel';
import { postComparison, postHistory, revealRun, runDirOf, runsFolder } from '../history/historyPanel';
import { readRunSnapshot } from '../history/runs';
import { runIdOf } from '../sidebar/runsTree';
import { readSettings } from '../settings';
import { TrainOutcome, TrainingController } from './controller';
import { DataChoice, dataFromSetting, pickData, pickTextData } from './pickData';
import { SpecChoice, pickSpec, specFromFile } from './pickSpec';
import { chooseEpochs, chooseSplit } from './pickSplit';
import { TextScorer } from './textScorer';

export function registerTraining(context: vscode.ExtensionContext): TrainingController {
  const onDashboardMessage = async (message: DashboardToHost, panel: WebviewPanelHost) => {
    switch (message.type) {
      case 'ready': {
        if (message.view === 'history') {
          await postHistory(panel);
          if (pendingComparison) await postComparison(panel, pendingComparison);
          pendingComparison = undefined;
          return;
        }
        const run = reopened ?? controller.latestRun;
        if (run) panel.post({ type: 'snapshot', run });
        return;
      }
      case 'stop':
        await controller.stop(message.runId);
        return;
      case 'revealRun': {
        const latest = reopened ?? controller.latestRun;
        if (latest?.runId === message.runId && latest.runDir)
          await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(latest.runDir));
        else await revealRun(message.runId);
        return;
      }
      case 'refreshHistory':
        return postHistory(panel);
      case 'compare':
        return postComparison(panel, message.runIds);
      case 'recommend': {
        const dir = shownRunDir(message.runId);
        if (dir) await vscode.commands.executeCommand('ncf.recommend', dir);
        return;
      }
      case 'scoreText': {
        const dir = shownRunDir(message.runId);
        const score = dir
          ? await scorer.score(dir, message.text)
          : { ok: false as const, message: `no saved run ${message.runId}` };
        panel.post({ type: 'textScore', runId: message.runId, text: message.text, score });
        return;
      }
    }
  };
  /** The folder of a run the dashboard shows (live, last trained or reopened), else of the runs folder. */
  const shownRunDir = (runId: string): string | undefined => {
    const shown = [reopened, controller.latestRun].find((r) => r?.runId === runId && r.runDir);
    return shown?.runDir ?? runDirOf(runId);
  };
  const scorer = new TextScorer();
  /** A saved run reopened from the sidebar, shown until the next training starts. */
  let reopened: RunSnapshot | undefined;
  /** Runs to compare once the history page has loaded. */
  let pendingComparison: string[] | undefined;
  const dashboard = new WebviewPanelHost('dashboard', context.extensionUri, onDashboardMessage);
  const history = new WebviewPanelHost('history', context.extensionUri, onDashboardMessage);
  const controller = new TrainingController(context, {
    onRunChanged: (_run, message, isNew) => {
      if (isNew) {
        reopened = undefined;
        void setDashboardContext();
        dashboard.show(true);
      }
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
    const settings = readSettings(spec.uri);
    const split = await chooseSplit(context, settings, data);
    if (!split) return undefined;
    const epochs = await chooseEpochs(settings, spec);
    if (epochs === undefined) return undefined;
    return controller.train(spec, data, { split, epochs });
  };

  context.subscriptions.push(
    scorer,
    dashboard,
    history,
    controller,
    vscode.commands.registerCommand('ncf.train', train),
    vscode.commands.registerCommand('ncf.stopTraining', (key?: unknown) =>
      controller.stop(typeof key === 'string' ? key : undefined),
    ),
    vscode.commands.registerCommand('ncf.openDashboard', () => dashboard.show(false)),
    vscode.commands.registerCommand('ncf.openRun', async (arg?: unknown) => {
      const id = runIdOf(arg);
      const folder = runsFolder();
      const run = id && folder ? await readRunSnapshot(folder, id) : undefined;
      if (!run)
        return void vscode.window.showErrorMessage(
          `NCF: no saved run ${id ?? ''} in the runs folder (was it deleted?)`,
        );
      reopened = run;
      void setDashboardContext();
      // As a click in the Explorer previews a file: the focus stays in the Runs view, so Ctrl+click and its menu go on.
      dashboard.show(true);
      dashboard.post({ type: 'snapshot', run });
    }),
    vscode.commands.registerCommand('ncf.compareRuns', async (arg?: unknown, selection?: unknown) => {
      const ids = (Array.isArray(selection) && selection.length ? selection : [arg])
        .map(runIdOf)
        .filter((id): id is string => id !== undefined);
      if (ids.length < 2)
        return void vscode.window.showInformationMessage(
          'NCF: select two or more runs (Ctrl or Shift click), then Compare.',
        );
      pendingComparison = ids;
      const wasOpen = history.isOpen;
      history.show(false);
      if (wasOpen) {
        pendingComparison = undefined;
        await postHistory(history);
        await postComparison(history, ids);
      }
    }),
    vscode.commands.registerCommand('ncf.openHistory', () => {
      history.show(false);
      void postHistory(history);
    }),
  );
  /** "Open dashboard" is offered once there is something to show. */
  const setDashboardContext = () => vscode.commands.executeCommand('setContext', 'ncf.hasDashboard', true);
  return controller;
}

/** A data source given by the caller or the settings wins; otherwise the user picks. */
async function chooseData(
  context: vscode.ExtensionContext,
  spec: SpecChoice,
  given?: string,
): Promise<DataChoice | undefined> {
  const text = spec.spec.training.task === 'classification';
  // The default dataset is ratings: a text classifier asks for its text unless the caller named it.
  const setting = given ?? (text ? undefined : readSettings(spec.uri).defaultDataset);
  if (!setting) return text ? pickTextData(context) : pickData(context);
  const choice = dataFromSetting(setting, context);
  if (typeof choice === 'string') {
    void vscode.window.showErrorMessage(choice);
    return undefined;
  }
  return choice;
}
