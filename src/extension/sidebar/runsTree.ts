/** The sidebar's "Runs": the saved runs of the workspace, grouped by spec, newest first; a click reopens a run's dashboard. */
import * as vscode from 'vscode';
import type { RunSummary } from '../../protocol/dashboard';
import { runsFolder } from '../history/historyPanel';
import { listRuns } from '../history/runs';
import { bestScore, testScore } from './runScore';

type Node = { kind: 'spec'; name: string; runs: RunSummary[] } | { kind: 'run'; run: RunSummary };

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : `${d.toLocaleDateString('en-CA')} ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
};

export function runDescription(run: RunSummary): string {
  return [testScore(run) ?? 'no test score', run.dataName, run.cancelled ? 'stopped' : undefined]
    .filter(Boolean)
    .join(' · ');
}

export class RunsTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'spec') return node.runs.map((run) => ({ kind: 'run', run }));
    if (node) return [];
    const folder = runsFolder();
    const runs = folder ? await listRuns(folder) : [];
    const groups = new Map<string, RunSummary[]>();
    for (const run of runs) groups.set(run.specName, [...(groups.get(run.specName) ?? []), run]);
    return [...groups].map(([name, list]) => ({ kind: 'spec', name, runs: list }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'spec') {
      const best = bestScore(node.runs);
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.runs.length} run${node.runs.length === 1 ? '' : 's'}${best ? ` · ${best}` : ''}`;
      item.iconPath = new vscode.ThemeIcon('type-hierarchy-sub');
      item.contextValue = 'ncfSpecRuns';
      return item;
    }
    const { run } = node;
    const score = testScore(run);
    const item = new vscode.TreeItem(when(run.date), vscode.TreeItemCollapsibleState.None);
    item.id = run.id;
    item.description = runDescription(run);
    item.tooltip = new vscode.MarkdownString(
      [
        `**${run.specName}** — ${run.id}`,
        `data: ${run.dataName}`,
        run.test
          ? `test RMSE ${run.test.rmse.toFixed(4)}, MAE ${run.test.mae.toFixed(4)}`
          : score
            ? `test ${score}`
            : 'no test score',
        `${run.epochs ?? '?'} epochs${run.backend ? ` on ${run.backend}` : ''}${run.cancelled ? ', stopped by the user' : ''}`,
      ].join('\n\n'),
    );
    item.iconPath = new vscode.ThemeIcon(run.cancelled ? 'debug-stop' : 'pass');
    item.contextValue = 'ncfRun';
    item.command = { command: 'ncf.openRun', title: 'Open dashboard', arguments: [run.id] };
    return item;
  }
}

/** A run item as a context-menu command receives it: the node, or a run id (from the palette or a test). */
export function runIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const node = arg as Node | undefined;
  return node?.kind === 'run' ? node.run.id : undefined;
}
