/**
 * "NCF: Export model code": the code (TypeScript, Keras or PyTorch) that builds a spec's model — the active `*.ncf.json`, or
 * one picked from the workspace and the presets — in the language picked, saved where the person
 * chooses, then opened.
 */
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CodeLanguage, codeFileName, generateCode } from '../../core/codegen';
import { tfjsExport, type TfjsExport } from '../../core/codegen/tfjsWeights';
import { listRuns } from '../history/runs';
import { runsFolder } from '../history/historyPanel';
import { SpecPurpose, activeSpecUri, pickSpec, specFromFile } from '../training/pickSpec';
import { checkTfjsDependency } from './tfjsDependency';

type LanguageItem = vscode.QuickPickItem & { language: CodeLanguage; trainingScript: boolean };

const LANGUAGES: LanguageItem[] = [
  {
    label: 'TypeScript',
    description: 'TensorFlow.js',
    detail: 'buildModel(): the same layers, names and initial weights as NCF Studio',
    language: 'ts',
    trainingScript: false,
  },
  {
    label: 'TypeScript with a training script',
    description: 'TensorFlow.js',
    detail: 'npx tsx FILE ratings.csv: trains as `ncf train` does and reports test RMSE and MAE',
    language: 'ts',
    trainingScript: true,
  },
  {
    label: 'Python',
    description: 'Keras, TensorFlow 2',
    detail: 'build_model(): the functional-API model',
    language: 'python',
    trainingScript: false,
  },
  {
    label: 'Python with a training script',
    description: 'Keras, TensorFlow 2',
    detail: 'tf.data input, tf.distribute (multi-worker with TF_CONFIG), early stopping',
    language: 'python',
    trainingScript: true,
  },
  {
    label: 'PyTorch',
    description: 'nn.Module',
    detail: 'the same layers and initialisers; load_weights() reads weights from `ncf export --lang pytorch --run DIR`',
    language: 'pytorch',
    trainingScript: false,
  },
  {
    label: 'PyTorch with a distributed training script',
    description: 'DistributedDataParallel, torchrun',
    detail: 'python FILE ratings.csv, or torchrun on many processes or machines: checkpoints, resume, early stopping',
    language: 'pytorch',
    trainingScript: true,
  },
];

const EXPORT: SpecPurpose = { title: 'Export model code: architecture', verb: 'export' };

export async function exportModelCode(uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const file = uri ?? activeSpecUri();
  const source = file ? await specFromFile(file, EXPORT) : await pickSpec(EXPORT);
  if (!source) return undefined;
  const choice = await vscode.window.showQuickPick(LANGUAGES, {
    title: `Export model code: ${source.spec.name}`,
    placeHolder: 'Language',
    // A later step of the flow: a webview taking focus back must not close it.
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  if (!choice) return undefined;
  const folder = source.uri ? vscode.Uri.joinPath(source.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = codeFileName(source.spec, choice.language);
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: choice.language === 'ts' ? { TypeScript: ['ts'] } : { Python: ['py'] },
    saveLabel: 'Export',
  });
  if (!target) return undefined;
  const stem = target.fsPath.replace(/\.ts$/, '');
  const weights = choice.language === 'ts' ? await pickWeights(source.spec.name, stem) : undefined;
  if (weights === null) return undefined;
  const code = weights
    ? generateCode(weights.spec, 'ts', { ...weights.options, trainingScript: choice.trainingScript })
    : generateCode(source.spec, choice.language, { trainingScript: choice.trainingScript });
  if (weights) {
    await vscode.workspace.fs.writeFile(vscode.Uri.file(`${stem}.weights.bin`), weights.data);
    await vscode.workspace.fs.writeFile(
      vscode.Uri.file(`${stem}.weights.json`),
      new TextEncoder().encode(JSON.stringify(weights.manifest) + '\n'),
    );
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(code));
  await vscode.window.showTextDocument(target);
  if (choice.language === 'ts') offerTfjsInstall(target, choice.trainingScript);
  return target;
}

type WeightsItem = vscode.QuickPickItem & { runId?: string };

/**
 * For TypeScript: the trained weights of one of the spec's saved runs, written beside the code with
 * a loader, or none. Undefined: no weights; null: the person cancelled.
 */
async function pickWeights(specName: string, stem: string): Promise<TfjsExport | undefined | null> {
  const folder = runsFolder();
  const runs = folder ? (await listRuns(folder)).filter((r) => r.specName === specName && !r.cancelled) : [];
  if (!folder || !runs.length) return undefined;
  const items: WeightsItem[] = [
    { label: 'Untrained', detail: 'buildModel() only' },
    ...runs.map((r) => ({
      label: `With the weights of ${r.id}`,
      description: r.test ? `test RMSE ${r.test.rmse.toFixed(4)}` : undefined,
      detail: `${r.dataName}, ${new Date(r.date).toLocaleString()}: loadTrainedModel() reads them from FILE.weights.json`,
      runId: r.id,
    })),
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: `Export model code: ${specName}`,
    placeHolder: 'Weights',
    // Follows the save dialog, whose closing hands focus back to the editor.
    ignoreFocusOut: true,
  });
  if (!choice) return null;
  if (!choice.runId) return undefined;
  const existing = [`${stem}.weights.json`, `${stem}.weights.bin`].filter((f) => existsSync(f));
  if (existing.length) {
    const replace = await vscode.window.showWarningMessage(
      `Replace ${existing.map((f) => vscode.workspace.asRelativePath(f)).join(' and ')}?`,
      { modal: true },
      'Replace',
    );
    if (replace !== 'Replace') return null;
  }
  try {
    return await tfjsExport(join(folder, choice.runId), `${stem.split(/[\\/]/).pop()}.weights.bin`);
  } catch (e) {
    void vscode.window.showErrorMessage(`NCF: cannot export the weights of ${choice.runId}: ${(e as Error).message}`);
    return null;
  }
}

/** "Cannot find module '@tensorflow/tfjs'" is the first thing a fresh project shows: offer the install. */
function offerTfjsInstall(target: vscode.Uri, trainingScript: boolean): void {
  const root = vscode.workspace.getWorkspaceFolder(target)?.uri.fsPath ?? join(target.fsPath, '..');
  const check = checkTfjsDependency(target.fsPath, root, trainingScript);
  if (!check) return;
  const where = check.hasPackageJson
    ? vscode.workspace.asRelativePath(join(check.folder, 'package.json'))
    : 'this folder';
  void vscode.window
    .showInformationMessage(
      `The exported code imports ${check.missing.join(', ')}, which ${where} does not list.`,
      'Install in a terminal',
      'Copy the command',
    )
    .then((action) => {
      if (action === 'Copy the command') return vscode.env.clipboard.writeText(check.command);
      if (action !== 'Install in a terminal') return;
      const terminal = vscode.window.createTerminal({ name: 'NCF: install TensorFlow.js', cwd: check.folder });
      terminal.show();
      terminal.sendText(check.command);
    });
}

export function registerExportCommand(context: vscode.ExtensionContext): void {
  // From the palette there is no argument; from an explorer or editor menu, the file's uri.
  context.subscriptions.push(
    vscode.commands.registerCommand('ncf.exportCode', (uri?: unknown) =>
      exportModelCode(uri instanceof vscode.Uri ? uri : undefined),
    ),
  );
}
