/**
 * "NCF: Export model code": the code that builds a spec's model — the active `*.ncf.json`, or
 * one picked from the workspace and the presets — in the language picked, saved where the person
 * chooses, then opened.
 */
import * as vscode from 'vscode';
import { CodeLanguage, codeFileName, generateCode } from '../../core/codegen';
import { PRESET_NAMES, presetDocument, presetSpec } from '../../core/presets';
import { Spec, checkSpecText, formatIssue } from '../../core/spec';

interface Source {
  spec: Spec;
  /** The spec file: the save dialog starts next to it. */
  uri?: vscode.Uri;
}

type LanguageItem = vscode.QuickPickItem & { language: CodeLanguage; trainingScript: boolean };

const LANGUAGES: LanguageItem[] = [
  { label: 'TypeScript', description: 'TensorFlow.js', detail: 'buildModel(): the same layers, names and initial weights as NCF Studio', language: 'ts', trainingScript: false },
  { label: 'TypeScript with a training script', description: 'TensorFlow.js', detail: 'npx tsx FILE ratings.csv: trains as `ncf train` does and reports test RMSE and MAE', language: 'ts', trainingScript: true },
  { label: 'Python', description: 'Keras, TensorFlow 2', detail: 'build_model(): the functional-API model', language: 'python', trainingScript: false },
  { label: 'Python with a training script', description: 'Keras, TensorFlow 2', detail: 'tf.data input, tf.distribute (multi-worker with TF_CONFIG), early stopping', language: 'python', trainingScript: true },
];

/** The `*.ncf.json` in the active text editor or the active builder tab (a custom editor is no text editor). */
function activeSpecUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const tabUri = input && typeof input === 'object' && 'uri' in input && input.uri instanceof vscode.Uri ? input.uri : undefined;
  const uri = vscode.window.activeTextEditor?.document.uri ?? tabUri;
  return uri?.path.endsWith('.ncf.json') ? uri : undefined;
}

/** The spec of a file, unsaved edits included; a problem is shown as one line naming file, line, node and field. */
async function specOfFile(uri: vscode.Uri): Promise<Source | undefined> {
  let text: string;
  try {
    text = (await vscode.workspace.openTextDocument(uri)).getText();
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot read ${vscode.workspace.asRelativePath(uri)}: ${(e as Error).message}`);
    return undefined;
  }
  const checked = checkSpecText(text);
  if (!checked.ok) {
    void vscode.window.showErrorMessage(`Cannot export: ${formatIssue(checked.issues[0], vscode.workspace.asRelativePath(uri))}`);
    return undefined;
  }
  return { spec: checked.checked.spec, uri };
}

async function pickSource(): Promise<Source | undefined> {
  const files = await vscode.workspace.findFiles('**/*.ncf.json', '**/{node_modules,.ncf}/**', 200);
  type Item = vscode.QuickPickItem & { source?: () => Promise<Source | undefined> | Source };
  const items: Item[] = [
    ...files.sort((a, b) => a.path.localeCompare(b.path)).map((uri): Item => ({ label: `$(file) ${vscode.workspace.asRelativePath(uri)}`, source: () => specOfFile(uri) })),
    { label: 'Presets', kind: vscode.QuickPickItemKind.Separator },
    ...PRESET_NAMES.map((name): Item => ({ label: `$(symbol-class) ${name}`, description: presetDocument(name).name, detail: presetDocument(name).formula, source: () => ({ spec: presetSpec(name) }) })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Export model code: architecture', matchOnDescription: true });
  return picked?.source?.();
}

export async function exportModelCode(uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const file = uri ?? activeSpecUri();
  const source = file ? await specOfFile(file) : await pickSource();
  if (!source) return undefined;
  const choice = await vscode.window.showQuickPick(LANGUAGES, { title: `Export model code: ${source.spec.name}`, placeHolder: 'Language', matchOnDescription: true });
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
  context.subscriptions.push(vscode.commands.registerCommand('ncf.exportCode', (uri?: unknown) => exportModelCode(uri instanceof vscode.Uri ? uri : undefined)));
}
