/**
 * Runs trainings for the commands: one worker session per run, relayed to the progress
 * notification, the output channel and the dashboard. Owns the list of live runs, so a second
 * training of the same spec can ask whether to stop the first.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { HostToDashboard, RunSnapshot } from '../../protocol/dashboard';
import { applyMessage, emptySnapshot } from '../../protocol/runSnapshot';
import type { MissingFeature, TrainRequest, WorkerToHost } from '../../protocol/worker';
import { offerLog, output } from '../output';
import { readSettings } from '../settings';
import { featureFilesOf, featureSetting } from './featureFiles';
import { type DataChoice, rememberTrainedData } from './pickData';
import type { SpecChoice } from './pickSpec';
import { fractionDone, progressMessage } from './progressText';
import { newRunDir, resolveRunsFolder } from './runFolder';
import { SessionOutcome, TrainingSession } from './session';
import { toDashboard } from './toDashboard';

/** What `ncf.train` resolves with (the integration tests read it). */
export interface TrainOutcome {
  kind: SessionOutcome['kind'] | 'declined';
  runDir?: string;
  cancelled?: boolean;
  message?: string;
}

interface LiveRun {
  key: string;
  name: string;
  session: TrainingSession;
  snapshot: RunSnapshot;
}

export interface RunListener {
  /** Every change of a run, for the dashboard. */
  onRunChanged(run: RunSnapshot, message: HostToDashboard, isNew: boolean): void;
  onRunEnded(run: RunSnapshot): void;
}

export class TrainingController implements vscode.Disposable {
  private readonly live = new Map<string, LiveRun>();
  private latest: RunSnapshot | undefined;
  private readonly ended = new vscode.EventEmitter<RunSnapshot>();
  /** A run ended (finished, stopped or failed): its folder is written. */
  readonly onDidEndRun = this.ended.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly listener: RunListener,
  ) {}

  /** The run the dashboard shows: the one started last, live or finished. */
  get latestRun(): RunSnapshot | undefined {
    return this.latest;
  }

  get liveRuns(): { key: string; name: string; runId: string }[] {
    return [...this.live.values()].map((r) => ({ key: r.key, name: r.name, runId: r.snapshot.runId }));
  }

  async train(
    spec: SpecChoice,
    data: DataChoice,
    plan: { split: string; epochs?: number } = { split: 'random:0.2' },
  ): Promise<TrainOutcome> {
    const running = this.live.get(spec.key);
    if (running) {
      const stop = 'Stop it and start again';
      const answer = await vscode.window.showWarningMessage(
        `${spec.name} is already training. Stop that run and start a new one?`,
        { modal: true },
        stop,
      );
      if (answer !== stop) return { kind: 'declined' };
      running.session.cancel();
      await running.session.done;
    }

    const settings = readSettings(spec.uri);
    const folder =
      (spec.uri && vscode.workspace.getWorkspaceFolder(spec.uri)) ?? vscode.workspace.workspaceFolders?.[0];
    const root = folder?.uri.fsPath ?? vscode.Uri.joinPath(this.context.globalStorageUri, 'workspace').fsPath;
    const runDir = newRunDir(resolveRunsFolder(settings.runsFolder, root), spec.name);
    const request: TrainRequest = {
      spec: spec.spec,
      specSource: spec.source,
      presetName: spec.presetName,
      data: data.source,
      split: plan.split,
      backend: settings.backend,
      epochs: plan.epochs ?? settings.epochs,
      batchSize: settings.batchSize,
      runDir,
      ...withFeatures(featureFilesOf(settings, root)),
    };
    await rememberTrainedData(this.context, data);
    const runId = basename(runDir);
    const log = output();
    log.appendLine(
      `[${new Date().toLocaleTimeString()}] ${spec.name}: training on ${data.label}; run folder ${runDir}`,
    );

    const session = new TrainingSession(request, {
      workerPath: vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'worker.js').fsPath,
      threads: settings.threads,
      parallel: settings.parallel,
      onOutput: (text) => log.append(text),
      onMessage: (message: WorkerToHost) => {
        if (message.type === 'log') log.appendLine(`${spec.name}: ${message.line}`);
        const forDashboard = toDashboard(runId, message);
        if (forDashboard) this.update(run, forDashboard);
      },
    });
    const run: LiveRun = {
      key: spec.key,
      name: spec.name,
      snapshot: emptySnapshot(runId, spec.name, data.label),
      session,
    };
    this.live.set(spec.key, run);
    this.latest = run.snapshot;
    void this.updateContext();
    this.listener.onRunChanged(run.snapshot, { type: 'snapshot', run: run.snapshot }, true);
    session.start();

    const outcome = await this.withProgress(run);
    // A restart of the same spec may already have put its own run under this key.
    if (this.live.get(spec.key) === run) this.live.delete(spec.key);
    void this.updateContext();
    if (outcome.kind === 'crashed' || (outcome.kind === 'failed' && run.snapshot.status !== 'failed'))
      this.update(run, { type: 'failed', runId, message: outcome.message });
    this.listener.onRunEnded(run.snapshot);
    this.ended.fire(run.snapshot);
    if (outcome.kind === 'failed' && outcome.missingFeature) {
      log.appendLine(`${spec.name}: ${outcome.message}`);
      this.offerFeatureFile(outcome.message, outcome.missingFeature, folder, () => this.train(spec, data, plan)).catch(
        (e: unknown) => void vscode.window.showErrorMessage(`NCF: ${e instanceof Error ? e.message : String(e)}`),
      );
    } else void this.report(spec.name, outcome, log);
    if (outcome.kind === 'finished')
      return { kind: 'finished', runDir: outcome.runDir, cancelled: outcome.result.cancelled };
    return { kind: outcome.kind, runDir, message: outcome.message };
  }

  private update(run: LiveRun, message: HostToDashboard): void {
    run.snapshot = applyMessage(run.snapshot, message);
    if (this.latest?.runId === run.snapshot.runId) this.latest = run.snapshot;
    this.listener.onRunChanged(run.snapshot, message, false);
  }

  /** Stops the run of `key`, or asks which when several are running and no key is given. */
  async stop(keyOrRunId?: string): Promise<boolean> {
    let run = [...this.live.values()].find((r) => r.key === keyOrRunId || r.snapshot.runId === keyOrRunId);
    if (!run && keyOrRunId === undefined) {
      const runs = [...this.live.values()];
      if (runs.length === 1) run = runs[0];
      else if (runs.length > 1) {
        const picked = await vscode.window.showQuickPick(
          runs.map((r) => ({ label: r.name, description: r.snapshot.runId, run: r })),
          { title: 'Stop training' },
        );
        run = picked?.run;
      } else void vscode.window.showInformationMessage('No training is running.');
    }
    if (!run) return false;
    run.session.cancel();
    return true;
  }

  dispose(): void {
    for (const run of this.live.values()) run.session.kill();
    this.ended.dispose();
  }

  private withProgress(run: LiveRun): Promise<SessionOutcome> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Training ${run.name}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => run.session.cancel());
          let reported = 0;
          const timer = setInterval(() => {
            const percent = 100 * fractionDone(run.snapshot);
            progress.report({
              message: run.session.cancelled ? 'stopping after this batch…' : progressMessage(run.snapshot),
              increment: Math.max(0, percent - reported),
            });
            reported = Math.max(reported, percent);
          }, 500);
          try {
            return await run.session.done;
          } finally {
            clearInterval(timer);
          }
        },
      ),
    );
  }

  private async report(name: string, outcome: SessionOutcome, log: vscode.OutputChannel): Promise<void> {
    if (outcome.kind === 'crashed') {
      log.appendLine(`${name}: ${outcome.message}`);
      if (outcome.stderr.trim()) log.appendLine(outcome.stderr.trim());
      return offerLog(`${name}: ${outcome.message}.`);
    }
    if (outcome.kind === 'failed') {
      log.appendLine(`${name}: ${outcome.message}`);
      if (outcome.detail) log.appendLine(outcome.detail);
      return offerLog(`${name}: ${outcome.message}`);
    }
    const r = outcome.result;
    const where = vscode.workspace.asRelativePath(outcome.runDir);
    const text = r.cancelled
      ? `${name}: stopped after ${r.epochs} epoch${r.epochs === 1 ? '' : 's'}; what was trained is saved in ${where}.`
      : `${name}: ${resultSummary(r)}. Saved in ${where}.`;
    const choice = await vscode.window.showInformationMessage(text, 'Open dashboard', 'Reveal run folder');
    if (choice === 'Open dashboard') await vscode.commands.executeCommand('ncf.openDashboard');
    if (choice === 'Reveal run folder')
      await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(outcome.runDir));
  }

  /**
   * The spec reads a feature the data lacks: says which (node and feature), and offers to pick a
   * feature file, which goes to the workspace's setting before the training starts again.
   */
  private async offerFeatureFile(
    message: string,
    missing: MissingFeature,
    folder: vscode.WorkspaceFolder | undefined,
    trainAgain: () => Promise<TrainOutcome>,
  ): Promise<void> {
    const choose = `Choose ${missing.side} feature file…`;
    const answer = await vscode.window.showErrorMessage(
      `NCF: ${message}. A ${missing.side} feature file with a column '${missing.feature}' gives it.`,
      choose,
      'Show log',
    );
    if (answer === 'Show log') return output().show(true);
    if (answer !== choose) return;
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: true,
      filters: { 'Feature CSV': ['csv', 'tsv', 'txt'] },
      openLabel: `Use these ${missing.side} features`,
      defaultUri: folder?.uri,
    });
    if (!picked?.[0]) return;
    const file = folder ? vscode.workspace.asRelativePath(picked[0], false) : picked[0].fsPath;
    // The settings are window-scoped (as ncf.defaultDataset): the workspace's, or the user's without one.
    await vscode.workspace
      .getConfiguration('ncf')
      .update(
        featureSetting(missing.side),
        file,
        folder ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global,
      );
    await trainAgain();
  }

  private updateContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', 'ncf.training', this.live.size > 0);
  }
}

const withFeatures = (features: TrainRequest['features']) => (features ? { features } : {});

/** A finished run's test figures beside its baseline, in the task's own terms. */
function resultSummary(r: Extract<SessionOutcome, { kind: 'finished' }>['result']): string {
  if (!('task' in r))
    return `test RMSE ${r.test.rmse.toFixed(4)}, MAE ${r.test.mae.toFixed(4)} (μ+bᵤ+bᵢ baseline RMSE ${r.baselines.userItemBias.rmse.toFixed(4)})`;
  if (r.task === 'ranking')
    return `test HR@${r.test.k} ${r.test.hr.toFixed(4)}, NDCG@${r.test.k} ${r.test.ndcg.toFixed(4)} (ItemPop HR@${r.test.k} ${r.baselines.itemPop.hr.toFixed(4)})`;
  const over = r.folds ? ` (mean of ${r.folds.length} folds)` : '';
  return `test accuracy ${r.test.accuracy.toFixed(4)}, AUC ${r.test.auc.toFixed(4)}${over} (majority class accuracy ${r.baselines.majority.accuracy.toFixed(4)})`;
}
