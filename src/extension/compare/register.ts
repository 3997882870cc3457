/**
 * NCF: Compare models — pick presets and spec files and the data; every model is trained on the
 * same folds with the same seed in worker processes; a grouped bar chart of train / validation /
 * test RMSE with the baselines as lines, and the table with a paired test over the folds.
 */
import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';
import { PRESET_NAMES, presetDocument } from '../../core/presets';
import { runCompare } from '../../core/tune/compare';
import { output } from '../output';
import { readSettings } from '../settings';
import { pickData } from '../training/pickData';
import { SPEC_GLOB, specFromFile, specFromPreset, SpecChoice } from '../training/pickSpec';
import { ToolPanel } from '../tune/panel';

const PURPOSE = { title: 'Compare models', verb: 'compare' };

async function pickModels(): Promise<SpecChoice[] | undefined> {
  const files = await vscode.workspace.findFiles(SPEC_GLOB, '**/{node_modules,.ncf}/**', 200);
  type Item = vscode.QuickPickItem & { choose: () => Promise<SpecChoice | undefined> | SpecChoice };
  const items: Item[] = [
    ...PRESET_NAMES.map((name) => ({
      label: name,
      description: presetDocument(name).formula,
      choose: () => specFromPreset(name),
    })),
    ...files.map((uri) => ({
      label: vscode.workspace.asRelativePath(uri),
      description: 'spec file',
      choose: () => specFromFile(uri, PURPOSE),
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Compare models: pick two or more',
    canPickMany: true,
  });
  if (!picked) return undefined;
  const choices = (await Promise.all(picked.map((p) => p.choose()))).filter((c): c is SpecChoice => Boolean(c));
  if (choices.length < 2) {
    void vscode.window.showWarningMessage('Compare needs at least two models.');
    return undefined;
  }
  return choices;
}

export function registerCompare(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ncf.compare', async () => {
      const models = await pickModels();
      if (!models) return;
      const data = await pickData(context);
      if (!data) return;
      const split = await vscode.window.showQuickPick(['kfold:3', 'kfold:5', 'fold:u1,u2,u3,u4,u5', 'random:0.2'], {
        title: 'Compare models: folds',
        ignoreFocusOut: true,
      });
      if (!split) return;
      const controller = new AbortController();
      const panel = new ToolPanel(
        context.extensionUri,
        'compare',
        `Compare: ${models.map((m) => m.name).join(', ')}`,
        () => undefined,
        () => controller.abort(),
      );
      const epochs = readSettings().epochs;
      try {
        const outcome = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: `Comparing ${models.length} models on ${data.label}`,
            cancellable: true,
          },
          (_progress, token) => {
            token.onCancellationRequested(() => controller.abort());
            return runCompare({
              models: models.map((m) => ({
                name: m.presetName ?? m.name,
                spec: epochs ? { ...m.spec, training: { ...m.spec.training, epochs } } : m.spec,
              })),
              data: data.source,
              split,
              jobs: availableParallelism(),
              backend: readSettings().backend,
              signal: controller.signal,
              cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
            });
          },
        );
        if (!outcome) return;
        for (const m of outcome.models)
          output().appendLine(`compare ${m.name}: test RMSE ${m.test.rmse.toFixed(4)} ± ${m.testStd.rmse.toFixed(4)}`);
        panel.post({ type: 'compare', outcome });
      } catch (e) {
        void vscode.window.showErrorMessage(`Cannot compare: ${(e as Error).message.split('\n')[0]}`);
      }
    }),
  );
}
