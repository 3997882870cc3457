/** The sidebar's "Presets": the ready-made architectures with their formulas; a click makes a new spec from one. */
import * as vscode from 'vscode';
import { PRESET_NAMES, presetDocument } from '../../core/presets';

export class PresetsTree implements vscode.TreeDataProvider<string> {
  getChildren(name?: string): string[] {
    return name ? [] : PRESET_NAMES;
  }

  getTreeItem(name: string): vscode.TreeItem {
    const doc = presetDocument(name);
    const item = new vscode.TreeItem(doc.name ?? name);
    item.description = doc.formula;
    item.tooltip = `${doc.description ?? doc.name}\n\nClick: a new architecture file from the '${name}' preset.`;
    item.iconPath = new vscode.ThemeIcon('symbol-class');
    item.command = { command: 'ncf.newArchitecture', title: 'New architecture from this preset', arguments: [name] };
    return item;
  }
}
