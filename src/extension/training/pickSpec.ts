/**
 * Which architecture to train (or export): a `*.ncf.json` (the active editor's first) or a preset.
 */
import * as vscode from 'vscode';
import { PRESET_NAMES, presetDocument, presetSpec } from '../../core/presets';
import { Spec, checkSpecText, formatIssue } from '../../core/spec';

export interface SpecChoice {
  spec: Spec;
  name: string;
  /** A file path, or `preset:NAME`. */
  source: string;
  presetName?: string;
  /** The spec file, when there is one (it decides the workspace folder the run is saved in). */
  uri?: vscode.Uri;
  /** Two trainings with the same key are "the same spec". */
  key: string;
}

export const SPEC_GLOB = '**/*.ncf.json';

/** What the spec is picked for: it names the picker and starts an error ("Cannot train: …"). */
export interface SpecPurpose {
  title: string;
  verb: string;
}

const TRAIN: SpecPurpose = { title: 'Train NCF model: architecture', verb: 'train' };

/** Reads a spec file (unsaved edits included) and checks it; a problem is shown as one line with file and line. */
export async function specFromFile(uri: vscode.Uri, purpose: SpecPurpose = TRAIN): Promise<SpecChoice | undefined> {
  let text: string;
  try {
    text = (await vscode.workspace.openTextDocument(uri)).getText();
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot read ${vscode.workspace.asRelativePath(uri)}: ${(e as Error).message}`);
    return undefined;
  }
  const checked = checkSpecText(text);
  const file = vscode.workspace.asRelativePath(uri);
  if (!checked.ok) {
    const more =
      checked.issues.length > 1
        ? ` (and ${checked.issues.length - 1} more problem${checked.issues.length > 2 ? 's' : ''})`
        : '';
    void vscode.window.showErrorMessage(`Cannot ${purpose.verb}: ${formatIssue(checked.issues[0], file)}${more}`);
    return undefined;
  }
  const spec: Spec = checked.checked.spec;
  return { spec, name: spec.name, source: uri.fsPath, uri, key: uri.toString() };
}

export function specFromPreset(name: string): SpecChoice {
  const spec = presetSpec(name);
  return { spec, name: spec.name, source: `preset:${name}`, presetName: name, key: `preset:${name}` };
}

/** The `*.ncf.json` in the active text editor or the active builder tab. */
export function activeSpecUri(): vscode.Uri | undefined {
  // The active tab first: it is what the user sees in front, a builder (custom editor) included.
  const uri = activeTabUri() ?? vscode.window.activeTextEditor?.document.uri;
  return uri && uri.path.endsWith('.ncf.json') ? uri : undefined;
}

/** A custom editor (the visual builder) is not a text editor: its tab still names the file. */
function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input && typeof input === 'object' && 'uri' in input && input.uri instanceof vscode.Uri
    ? input.uri
    : undefined;
}

type Item = vscode.QuickPickItem & { pick?: () => Promise<SpecChoice | undefined> | SpecChoice };

export async function pickSpec(purpose: SpecPurpose = TRAIN): Promise<SpecChoice | undefined> {
  const active = activeSpecUri();
  const files = (await vscode.workspace.findFiles(SPEC_GLOB, '**/{node_modules,.ncf}/**', 200)).filter(
    (f) => f.toString() !== active?.toString(),
  );
  files.sort((a, b) => a.path.localeCompare(b.path));
  const fileItem = (uri: vscode.Uri, detail?: string): Item => ({
    label: `$(file) ${vscode.workspace.asRelativePath(uri)}`,
    description: detail,
    pick: () => specFromFile(uri, purpose),
  });
  const items: Item[] = [];
  if (active) items.push(fileItem(active, 'active editor'));
  items.push(...files.map((f) => fileItem(f)));
  items.push({ label: 'Presets', kind: vscode.QuickPickItemKind.Separator });
  for (const name of PRESET_NAMES) {
    const doc = presetDocument(name);
    items.push({
      label: `$(symbol-class) ${name}`,
      description: doc.name,
      detail: doc.formula ?? doc.description,
      pick: () => specFromPreset(name),
    });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: purpose.title,
    placeHolder: 'A *.ncf.json of this workspace, or a preset',
    matchOnDescription: true,
    matchOnDetail: true,
    // Another run ending meanwhile (its dashboard, its notification) must not close the picker.
    ignoreFocusOut: true,
  });
  return picked?.pick?.();
}
