/**
 * NCF: Tune hyperparameters — a form (fields of the spec with prefilled ranges, strategy, trials,
 * data), then a live search in trial worker processes with a cancellable notification; Cancel keeps
 * the finished trials; Apply best edits the open spec (one undoable edit).
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { prepareSearch } from '../../core/tune/prepare';
import { runSearch, SearchOutcome } from '../../core/tune/search';
import { saveSearchResult, SEARCHES_DIR, specBaseName, tunedSpecText, writeNewSpecFile } from '../../core/tune/store';
import { TuneForm, TunePageToHost } from '../../protocol/tuneView';
import { output } from '../output';
import { readSettings } from '../settings';
import { pickSpec, specFromFile, SpecChoice } from '../training/pickSpec';
import { applyParamsToDocument } from './applyBest';
import { formFor, spaceOf } from './form';
import { ToolPanel } from './panel';

const PURPOSE = { title: 'Tune hyperparameters: architecture', verb: 'tune' };

function searchesFolder(choice: SpecChoice): string {
  const folder =
    (choice.uri && vscode.workspace.getWorkspaceFolder(choice.uri)) ?? vscode.workspace.workspaceFolders?.[0];
  return join(folder?.uri.fsPath ?? process.cwd(), SEARCHES_DIR);
}

class TuneSession {
  private controller: AbortController | null = null;
  private outcome: SearchOutcome | null = null;
  readonly panel: ToolPanel;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly choice: SpecChoice,
    onClose: () => void,
  ) {
    this.panel = new ToolPanel(
      context.extensionUri,
      'tune',
      `Tune: ${choice.name}`,
      (m) => void this.onMessage(m),
      () => {
        this.controller?.abort();
        onClose();
      },
    );
    const setting = readSettings().defaultDataset;
    this.panel.post({
      type: 'form',
      form: formFor(choice.spec, /^(synthetic|movielens:|csv:)/.test(setting) ? setting : 'synthetic'),
    });
  }

  private async onMessage(message: TunePageToHost): Promise<void> {
    if (message.type === 'start' && !this.controller) await this.start(message.form);
    else if (message.type === 'cancel') this.controller?.abort();
    else if (message.type === 'applyBest') await this.applyBest();
  }

  private async start(form: TuneForm): Promise<void> {
    const controller = (this.controller = new AbortController());
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    try {
      const prepared = await prepareSearch({
        spec: { spec: this.choice.spec, source: this.choice.source, presetName: this.choice.presetName },
        space: spaceOf(form),
        data: form.data,
        split: form.split,
        strategy: form.strategy,
        trials: form.trials,
        seed: 0,
        prune: true,
        epochs: readSettings().epochs,
        out: join(
          searchesFolder(this.choice),
          `${this.choice.presetName ?? this.choice.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${stamp}`,
        ),
        cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      });
      output().appendLine(
        `tune ${this.choice.name}: ${spaceOf(form)}; ${form.strategy}, ${form.trials} trials on ${form.data}, ${form.split}; folder ${prepared.outDir}`,
      );
      this.outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Tuning ${this.choice.name}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          let done = 0;
          return runSearch({
            ...prepared,
            jobs: Math.max(1, Math.min(form.jobs, form.trials)),
            backend: readSettings().backend,
            signal: controller.signal,
            cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
            onReady: ({ folds }) =>
              this.panel.post({
                type: 'started',
                space: prepared.settings.space,
                trials: form.trials,
                folds,
                outDir: prepared.outDir,
              }),
            onTrial: (trial) => {
              done++;
              progress.report({ increment: 100 / form.trials, message: `${done}/${form.trials} trials` });
              output().appendLine(
                `trial ${trial.number}: ${trial.status}${trial.val ? ` val RMSE ${trial.val.rmse.toFixed(4)}` : ''}`,
              );
              this.panel.post({ type: 'trial', trial });
              this.panel.post({ type: 'status', text: `${done} of ${form.trials} trials`, running: true });
            },
            onFinal: () => {
              progress.report({ message: 'measuring test RMSE of the chosen and the default configuration' });
              this.panel.post({
                type: 'status',
                text: 'training the chosen and the default configuration on each fold to measure test RMSE…',
                running: true,
              });
            },
          });
        },
      );
      if (this.outcome.cancelled || !this.outcome.result) {
        this.panel.post({
          type: 'status',
          text: `stopped: ${this.outcome.trials.length} finished trials kept in ${prepared.outDir}`,
          running: false,
        });
        return;
      }
      saveSearchResult(prepared.outDir, this.outcome);
      this.panel.post({ type: 'result', result: this.outcome.result, canApply: true });
      this.panel.post({ type: 'status', text: `done: results in ${prepared.outDir}`, running: false });
    } catch (e) {
      const text = (e as Error).message.split('\n')[0];
      this.panel.post({ type: 'status', text: `cannot tune: ${text}`, running: false });
      void vscode.window.showErrorMessage(`Cannot tune: ${text}`);
    } finally {
      this.controller = null;
    }
  }

  private async applyBest(): Promise<void> {
    const best = this.outcome?.best;
    if (!best) return;
    if (this.choice.uri) {
      const ok = await applyParamsToDocument(this.choice.uri, best.record.params);
      this.panel.post({
        type: 'applied',
        text: ok
          ? `applied to ${vscode.workspace.asRelativePath(this.choice.uri)} (undo with Ctrl+Z)`
          : 'the edit was refused',
      });
      return;
    }
    // A preset has no file to edit: the tuned spec becomes a new file, never one that exists.
    const { name } = specBaseName(this.choice.source);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder) return void this.panel.post({ type: 'applied', text: 'open a folder to save the tuned spec in' });
    const file = writeNewSpecFile(folder, name, tunedSpecText(best.spec));
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
    this.panel.post({ type: 'applied', text: `wrote ${vscode.workspace.asRelativePath(file)}` });
  }
}

export function registerTune(context: vscode.ExtensionContext): void {
  const sessions = new Map<string, TuneSession>();
  context.subscriptions.push(
    vscode.commands.registerCommand('ncf.tune', async (uri?: vscode.Uri) => {
      const choice = uri instanceof vscode.Uri ? await specFromFile(uri, PURPOSE) : await pickSpec(PURPOSE);
      if (!choice) return;
      const open = sessions.get(choice.key);
      if (open) return open.panel.reveal();
      sessions.set(choice.key, new TuneSession(context, choice, () => sessions.delete(choice.key)));
    }),
  );
}
