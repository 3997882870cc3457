/** The sidebar's "Datasets": the built-in data, the MovieLens releases downloaded, and data files trained on lately; a click trains on it. */
import * as vscode from 'vscode';
import { RELEASES } from '../datasets/catalog';
import { downloadedReleases } from '../datasets/download';
import { datasetsFolder } from '../datasets/downloadCommand';
import { recentData } from '../training/pickData';

interface Entry {
  label: string;
  description: string;
  icon: string;
  source?: string;
  command?: string;
}

export class DatasetsTree implements vscode.TreeDataProvider<Entry> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(entry?: Entry): Entry[] {
    if (entry) return [];
    const entries: Entry[] = [
      {
        label: 'Built-in synthetic data',
        description: 'shaped like MovieLens 100K, known best RMSE 0.862',
        icon: 'beaker',
        source: 'synthetic',
      },
    ];
    for (const { release } of downloadedReleases(datasetsFolder(this.context), RELEASES))
      entries.push({ label: release.label, description: 'downloaded', icon: 'database', source: release.id });
    for (const recent of recentData(this.context))
      entries.push({
        label: recent.label,
        description: 'recent',
        icon: recent.source.startsWith('text:') ? 'note' : recent.source.startsWith('csv:') ? 'file' : 'folder',
        source: recent.source,
      });
    entries.push({
      label: 'Download MovieLens…',
      description: 'from GroupLens',
      icon: 'cloud-download',
      command: 'ncf.downloadMovieLens',
    });
    return entries;
  }

  getTreeItem(entry: Entry): vscode.TreeItem {
    const item = new vscode.TreeItem(entry.label);
    item.description = entry.description;
    item.iconPath = new vscode.ThemeIcon(entry.icon);
    item.tooltip = entry.source ? `Train a model on ${entry.label}` : entry.label;
    item.command = entry.source
      ? { command: 'ncf.train', title: 'Train on this data', arguments: [undefined, entry.source] }
      : { command: entry.command!, title: entry.label };
    return item;
  }
}
