/** "NCF: New architecture": a preset copied into a new `*.ncf.json` of the workspace, then opened. */
import * as vscode from 'vscode';
import { PRESET_NAMES, presetDocument } from '../core/presets';

export async function newArchitecture(presetName?: string): Promise<vscode.Uri | undefined> {
  const name =
    presetName ??
    (
      await vscode.window.showQuickPick(
        PRESET_NAMES.map((n) => ({
          label: n,
          description: presetDocument(n).name,
          detail: presetDocument(n).formula ?? presetDocument(n).description,
        })),
        { title: 'New architecture: start from a preset', matchOnDescription: true },
      )
    )?.label;
  if (!name || !PRESET_NAMES.includes(name)) return undefined;
  const target = await chooseTarget(name);
  if (!target) return undefined;
  const text = JSON.stringify(fromPreset(name, target), null, 2) + '\n';
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  await vscode.commands.executeCommand('vscode.open', target);
  return target;
}

/**
 * The preset as the start of the user's own spec: named after its file, and without the preset's
 * formula, which would go stale as the graph changes (the builder shows the one the graph spells).
 */
export function fromPreset(preset: string, file: vscode.Uri): Record<string, unknown> {
  const { formula: _stale, ...doc } = presetDocument(preset) as Record<string, unknown>;
  return {
    ...doc,
    name: file.path
      .split('/')
      .pop()!
      .replace(/\.ncf\.json$/i, ''),
  };
}

async function chooseTarget(preset: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    return vscode.window.showSaveDialog({
      filters: { 'NCF architecture': ['ncf.json'] },
      saveLabel: 'Create architecture',
    });
  }
  const exists = async (relative: string) => {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, relative));
      return true;
    } catch {
      return false;
    }
  };
  let suggestion = `${preset}.ncf.json`;
  for (let n = 2; await exists(suggestion); n++) suggestion = `${preset}-${n}.ncf.json`;
  const relative = await vscode.window.showInputBox({
    title: 'New architecture: file name',
    prompt: `Relative to ${folder.name}`,
    value: suggestion,
    valueSelection: [0, suggestion.length - '.ncf.json'.length],
    validateInput: async (value) => {
      if (!value.trim().endsWith('.ncf.json')) return 'the name must end with .ncf.json';
      if (value.includes('..')) return 'the file must stay inside the workspace folder';
      if (await exists(value.trim())) return `${value.trim()} already exists`;
      return undefined;
    },
  });
  return relative ? vscode.Uri.joinPath(folder.uri, relative.trim()) : undefined;
}

export function registerNewArchitecture(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ncf.newArchitecture', (preset?: unknown) =>
      newArchitecture(typeof preset === 'string' ? preset : undefined),
    ),
  );
}
