/** The "NCF Studio" output channel: a line per epoch, the worker's own output, and what went wrong. */
import * as vscode from 'vscode';

let channel: vscode.OutputChannel | undefined;

export function registerOutput(context: vscode.ExtensionContext): void {
  channel = vscode.window.createOutputChannel('NCF Studio');
  context.subscriptions.push(channel);
}

export function output(): vscode.OutputChannel {
  channel ??= vscode.window.createOutputChannel('NCF Studio');
  return channel;
}

/** For an error notification's "Show log" action. */
export async function offerLog(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Show log');
  if (choice === 'Show log') output().show(true);
}
