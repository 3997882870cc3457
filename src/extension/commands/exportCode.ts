/**
 * "NCF: Export model code": the code (TypeScript, Keras or PyTorch) that builds a spec's model — the active `*.ncf.json`, or
 * one picked from the workspace and the presets — in the language picked, saved where the person
 * chooses, then opened.
 */
import * as vscode from 'vscode';
import { CodeLanguage, codeFileName, generateCode } from '../../core/codegen';
import { SpecPurpose, activeSpecUri, pickSpec, specFromFile } from '../training/pickSpec';

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
  const code = generateCode(source.spec, choice.language, { trainingScript: choice.trainingScript });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(code));
  await vscode.window.showTextDocument(target);
  return target;
}

export function registerExportCommand(context: vscode.ExtensionContext): void {
  // From the palette there is no argument; from an explorer or editor menu, the file's uri.
  context.subscriptions.push(
    vscode.commands.registerCommand('ncf.exportCode', (uri?: unknown) =>
      exportModelCode(uri instanceof vscode.Uri ? uri : undefined),
    ),
  );
}
