/** "NCF: Download MovieLens dataset" as a command: offline, the data taken instead goes straight to the Train flow. */
import * as vscode from 'vscode';
import { dataInstead } from '../training/pickData';
import { downloadCommand } from './downloadCommand';

export function registerDatasets(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ncf.downloadMovieLens', async () => {
      const got = await downloadCommand(context);
      if (got && 'instead' in got) {
        const data = await dataInstead(context, got.instead);
        if (data) await vscode.commands.executeCommand('ncf.train', undefined, data.source);
      }
      return got;
    }),
  );
}
